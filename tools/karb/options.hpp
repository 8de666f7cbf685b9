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

/// `karb report --date YYYY-MM-DD ...` (argv[0] is "report").
struct report_options {
  std::string config = "config/development.yaml";
  std::string db;               ///< --db FILE: instead of node.store
  std::string date;             ///< required
  std::string tz = "+00:00";    ///< --tz OFFSET (default UTC)
  enum class venues { auto_, live, offline } mode = venues::auto_;
  bool json = false;
  bool help = false;
};

std::optional<report_options> parse_report(int argc, char** argv,
                                           std::string& error);

extern const char* report_usage;

/// Exit codes of `karb report`.
inline constexpr int report_ok = 0;
inline constexpr int report_failed = 1;    ///< store, day or venue unavailable
inline constexpr int report_bad_usage = 2; ///< arguments or configuration
inline constexpr int report_mismatch = 3;  ///< balances disagree

/// Runs `karb report` (tools/karb/report_cmd.cpp); the exit code.
int run_report(int argc, char** argv);

} // namespace karb::cli
