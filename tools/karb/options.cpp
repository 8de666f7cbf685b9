#include "tools/karb/options.hpp"

#include <cstdlib>
#include <string_view>

namespace karb::cli {

const char* usage =
  "usage: karb [--config FILE] [--duration SECONDS]\n"
  "       karb --check-config FILE\n"
  "       karb report --date YYYY-MM-DD [...]   (karb report --help)\n"
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

const char* report_usage =
  "usage: karb report --date YYYY-MM-DD [--config FILE | --db FILE]\n"
  "                   [--tz +09:00] [--live | --offline] [--json]\n"
  "\n"
  "  The day's trades (by outcome), fees per venue, realised PnL, balance\n"
  "  changes and orders not yet terminal, from the node's store; then the\n"
  "  store's latest balances against what each venue reports now. A day\n"
  "  older than node.store_keep_hours is refused, naming the monthly\n"
  "  archive files its rows may have moved to (--db reads one of them).\n"
  "\n"
  "  --date YYYY-MM-DD  the day to report (required)\n"
  "  --config FILE      node configuration: store path and venues\n"
  "                     (default config/development.yaml)\n"
  "  --db FILE          read this SQLite store instead of node.store\n"
  "  --tz OFFSET        the day's UTC offset, e.g. +09:00 for KST\n"
  "                     (default +00:00, UTC)\n"
  "  --live             ask every enabled venue for its balances (REST);\n"
  "                     the default when the credentials are available\n"
  "  --offline          store only: the venue column is not checked\n"
  "  --json             JSON instead of the table\n"
  "\n"
  "  exit codes: 0 no mismatch, 1 store, day or venue unavailable,\n"
  "              2 bad arguments or configuration, 3 balance MISMATCH\n";

std::optional<report_options> parse_report(int argc, char** argv,
                                           std::string& error) {
  report_options out;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) {
        error = std::string{arg} + " needs a value";
        return nullptr;
      }
      return argv[++i];
    };
    const char* v = nullptr;
    if (arg == "--help" || arg == "-h") {
      out.help = true;
    } else if (arg == "--json") {
      out.json = true;
    } else if (arg == "--live" || arg == "--offline") {
      auto m = arg == "--live" ? report_options::venues::live
                               : report_options::venues::offline;
      if (out.mode != report_options::venues::auto_ && out.mode != m) {
        error = "--live and --offline exclude each other";
        return std::nullopt;
      }
      out.mode = m;
    } else if (arg == "--date" || arg == "--config" || arg == "--db"
               || arg == "--tz") {
      if (!(v = value()))
        return std::nullopt;
      if (arg == "--date")
        out.date = v;
      else if (arg == "--config")
        out.config = v;
      else if (arg == "--db")
        out.db = v;
      else
        out.tz = v;
    } else {
      error = "unknown argument '" + std::string{arg} + "'";
      return std::nullopt;
    }
  }
  if (out.help)
    return out;
  if (out.date.empty()) {
    error = "--date YYYY-MM-DD is required";
    return std::nullopt;
  }
  return out;
}

} // namespace karb::cli

