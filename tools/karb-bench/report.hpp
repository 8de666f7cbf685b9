#pragma once

// karb-bench's results: the human table (with the targets and met/missed)
// and the JSON document of `--json FILE`.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "tools/karb-bench/api_load.hpp"

#include "tools/karb-bench/baseline.hpp"

namespace karb::bench {

struct latency_us {
  uint64_t count = 0;
  double p50 = 0, p90 = 0, p99 = 0, p999 = 0, max = 0;
};

struct phase_result {
  double seconds = 0;
  double offered_per_s = 0;   ///< frames the simulator sent per second
  double decoded_per_s = 0;   ///< book frames decoded and handed to books
  double applied_per_s = 0;   ///< of those, applied to a book
  double conflated_per_s = 0; ///< superseded before the book took them
  double cpu_pct = 0;         ///< karb, % of one core
  double cpu_us_per_frame = 0; ///< karb CPU per decoded frame
  double rss_mb = 0;          ///< karb VmRSS at the end
  double rss_slope_mb_s = 0;  ///< VmRSS growth over the phase
  uint64_t mailbox_max = 0;   ///< largest book-actor mailbox seen
};

/// Issue 17 §6: tick-to-order in two paced windows of one run, the first
/// without API clients, the second with `--api-load`'s clients.
struct api_load_result {
  bool ran = false;
  latency_us quiet, loaded;   ///< tick-to-order per window
  /// The same without the wait for the venues' request budget (the
  /// Upbit/Bithumb order limits dominate the tail of the above): what the
  /// node's own threads add, so what the API could disturb.
  latency_us quiet_own, loaded_own;
  api_load_stats load;
  double quiet_cpu_pct = 0, loaded_cpu_pct = 0; ///< karb, per window
};

struct results {
  std::string command;
  std::string cpu_model;
  unsigned cores = 0;
  std::string loadavg;        ///< /proc/loadavg at the start
  bool quick = false;
  rtt_summary tcp, ws;
  latency_us tick_to_order;
  std::map<std::string, latency_us> hops;
  phase_result rate, max;
  api_load_result api;
  double rss_peak_mb = 0;
  uint64_t orders = 0;        ///< orders the simulator received
  std::string notes;
};

/// One phase of `karb-bench replay` (the node in-process, fed from a tape).
struct replay_phase {
  std::string name;            ///< "paced" or "max"
  double seconds = 0;          ///< delivery time
  double target_per_s = 0;     ///< paced rate; 0: unpaced
  uint64_t delivered = 0;      ///< frames handed to the feeds' on_frame
  uint64_t skipped = 0;        ///< paced frames given up (node behind)
  double delivered_per_s = 0;
  double decoded_per_s = 0;    ///< book frames handed to book actors
  double applied_per_s = 0;    ///< of those, applied to a book
  double conflated_per_s = 0;  ///< superseded before the book took them
  double cpu_pct = 0;          ///< the process, % of one core
  double cpu_us_per_frame = 0; ///< process CPU per decoded frame
  double allocs_per_frame = -1; ///< heap allocations per decoded frame
  double alloc_bytes_per_frame = -1;
  double allocs_per_applied = -1; ///< the same per applied frame (what
                                  ///< does not depend on conflation)
  double rss_mb = 0;           ///< VmRSS at the end
  double rss_slope_mb_s = 0;
  uint64_t mailbox_max = 0;
  uint64_t orders = 0;         ///< placements written in the phase
};

struct replay_results {
  std::string command;
  std::string cpu_model;
  unsigned cores = 0;
  std::string loadavg;
  bool quick = false;
  std::string tape_path;
  nlohmann::json tape_header;
  size_t tape_frames = 0;      ///< delivery order length
  size_t tape_distinct = 0;    ///< distinct frames
  double tape_mb = 0;          ///< frame text held in memory
  std::string scheduler;
  int threads = 0;
  replay_phase paced, max;
  latency_us tick_to_order;
  std::map<std::string, latency_us> hops;
  double rss_peak_mb = 0;      ///< VmHWM (includes the tape)
  uint64_t orders = 0, requests = 0, http_errors = 0, private_frames = 0;
  uint64_t unrouted = 0;       ///< frames with no open feed to take them
  bool allocs_counted = false;
  std::string notes;
};

/// The table with targets (tick-to-order p50 < 20 us, p99 < 100 us;
/// updates >= 200,000/s; RSS < 200 MB).
std::string render_table(const results& r);

nlohmann::json to_json(const results& r);

std::string render_table(const replay_results& r);
nlohmann::json to_json(const replay_results& r);

} // namespace karb::bench
