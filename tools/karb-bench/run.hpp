#pragma once

// One karb-bench run: baselines, then karb-sim and karb started with
// generated files, the "rate" phase (paced feed, forced opportunities,
// latency) and the "max" phase (unpaced feed, ingest throughput).

#include <string>

#include "tools/karb-bench/report.hpp"

namespace karb::bench {

struct bench_options {
  long rate = 20000;          ///< frames/s in the rate phase, both venues
  double seconds = 20;        ///< per phase
  int symbols = 20;           ///< per venue
  size_t round_trips = 10000; ///< per baseline
  std::string scheduler = "sharing";  ///< the node's CAF scheduler policy
  int threads = 2;                    ///< the node's CAF worker threads
  bool hot_loop = true;               ///< node.hot_loop
  /// Adds a second paced phase with 20 WebSocket clients subscribed to
  /// every topic and 1,000 REST reads/s (issue 17 §6), compared with the
  /// first in the same run.
  bool api_load = false;
  bool quick = false;
  bool keep = false;          ///< keep the temporary directory
  std::string json_file;
  std::string bin_dir;        ///< where karb, karb-sim, karb-inspect live
  std::string command;
};

/// Runs everything; throws on a setup failure (children are stopped).
results run_bench(const bench_options& o);

} // namespace karb::bench
