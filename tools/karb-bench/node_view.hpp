#pragma once

// What the node reports through the inspector's `latency` command (the
// JSON `karb-inspect --json latency` prints): every latency histogram of
// the metrics registry and the counters of every book the strategies
// watch. Read the same way for a node in a child process and for one built
// in-process (replay).

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "tools/karb-bench/report.hpp"

namespace karb::bench {

struct node_view {
  bool ok = false;
  std::chrono::steady_clock::time_point at; ///< when it was read
  double frames = 0, applied = 0, conflated = 0; ///< summed over books
  uint64_t mailbox_max = 0;  ///< largest book-actor mailbox seen
  size_t books = 0, live_books = 0; ///< live: applied at least one frame
  nlohmann::json histograms = nlohmann::json::array();
};

/// The view out of the `latency` reply (ok = false if it is not one).
node_view parse_node_view(const std::string& reply,
                          std::chrono::steady_clock::time_point at);

/// The histogram `name` (e.g. karb_latency_tick_to_order_seconds) of the
/// values recorded between `before` and `after` (views read with
/// `latency --buckets`), at the histogram's resolution.
latency_us latency_between(const node_view& before, const node_view& after,
                           const std::string& name);

/// Tick-to-order and the hop histograms out of a view.
void take_latencies(const node_view& v, latency_us& tick_to_order,
                    std::map<std::string, latency_us>& hops);

} // namespace karb::bench
