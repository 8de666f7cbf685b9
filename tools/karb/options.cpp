#include "tools/karb/options.hpp"

#include <cstdlib>
#include <string_view>

namespace karb::cli {

const char* usage =
  "usage: karb [--config FILE] [--duration SECONDS]\n"
  "       karb --check-config FILE\n"
  "\n"
  "  --config FILE        configuration (default config/development.yaml)\n"
  "  --duration SECONDS   stop cleanly after this long (default: run until\n"
  "                       SIGINT or SIGTERM)\n"
  "  --live SECONDS       print a status line (books, spread, trades, PnL,\n"
  "                       balances) every SECONDS\n"
  "  --summary-json FILE  at exit, also write the run's summary as JSON\n"
  "  --check-config FILE  validate FILE (including secrets) and exit:\n"
  "                       0 when valid, 2 with the problems otherwise\n";

std::optional<options> parse(int argc, char** argv, std::string& error) {
  options out;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) {
        error = std::string{arg} + " needs a value";
        return nullptr;
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      out.help = true;
    } else if (arg == "--config") {
      auto v = value();
      if (!v)
        return std::nullopt;
      out.config = v;
    } else if (arg == "--check-config") {
      auto v = value();
      if (!v)
        return std::nullopt;
      out.config = v;
      out.check_only = true;
    } else if (arg == "--summary-json") {
      auto v = value();
      if (!v)
        return std::nullopt;
      out.summary_json = v;
    } else if (arg == "--live") {
      auto v = value();
      if (!v)
        return std::nullopt;
      char* end = nullptr;
      out.live_s = std::strtod(v, &end);
      if (end == v || *end != '\0' || out.live_s <= 0) {
        error = "--live expects a positive number of seconds";
        return std::nullopt;
      }
    } else if (arg == "--duration") {
      auto v = value();
      if (!v)
        return std::nullopt;
      char* end = nullptr;
      out.duration_s = std::strtod(v, &end);
      if (end == v || *end != '\0' || out.duration_s < 0) {
        error = "--duration expects a non-negative number of seconds";
        return std::nullopt;
      }
    } else {
      error = "unknown argument '" + std::string{arg} + "'";
      return std::nullopt;
    }
  }
  return out;
}

} // namespace karb::cli
