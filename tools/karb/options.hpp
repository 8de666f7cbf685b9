#pragma once

// Command line of the karb node.

#include <optional>
#include <string>

namespace karb::cli {

struct options {
  std::string config = "config/development.yaml";
  bool check_only = false;      ///< --check-config FILE: validate, then exit
  double duration_s = 0;        ///< --duration SECONDS: stop after it (0: never)
  double live_s = 0;            ///< --live SECONDS: status line interval
  std::string summary_json;     ///< --summary-json FILE: write the summary
  bool help = false;
};

/// Parses argv; on a bad argument returns nullopt and fills `error`.
std::optional<options> parse(int argc, char** argv, std::string& error);

extern const char* usage;

} // namespace karb::cli
