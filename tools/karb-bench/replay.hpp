#pragma once

// `karb-bench replay TAPE`: the node built in-process the way tools/karb
// does it (actor system, app::deps, app::build_node, node supervisor) with
// the configuration the live bench generates, its venues' network replaced
// through app::deps::venue_io by replay_net (tape frames into the feeds'
// own on_frame on the node's I/O thread; REST answered by an in-process
// karb-sim). No simulator process competes for the CPU.
//
//   warm-up  the feeds connect and subscribe; frames paced at 2,000/s
//            until every book applied one (and one pass more, unpaced)
//   paced    the whole tape in order at `rate` frames/s (crossing frames
//            included: the strategies trade; tick-to-order is read after)
//   max      the tape without its crossing frames, unpaced (`batch`
//            frames per post, two posts in flight): ingest throughput
//
// Per phase: frames delivered, decoded/applied/conflated per second (the
// books' counters through the inspector's `latency`, as the live bench
// reads them), process CPU per decoded frame, heap allocations per decoded
// frame (alloc_count.hpp), RSS.

#include <functional>
#include <string>

#include "tools/karb-bench/report.hpp"

namespace karb::bench {

struct replay_options {
  std::string tape_file;
  double seconds = 10;          ///< per measured phase
  long rate = 20000;            ///< paced phase, frames/s (both venues)
  size_t batch = 64;  ///< frames per post (delivered one per handler)
  std::string scheduler = "sharing";
  int threads = 2;
  bool hot_loop = true;  ///< node.hot_loop
  bool quick = false;
  bool keep = false;
  std::string command;
};

/// Runs the replay; `publish` gets the results before the node is shut
/// down (a stuck shutdown cannot lose them). Throws on a setup failure.
void run_replay(const replay_options& o,
                const std::function<void(const replay_results&)>& publish);

} // namespace karb::bench
