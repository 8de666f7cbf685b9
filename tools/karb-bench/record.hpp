#pragma once

// `karb-bench record`: a tape of both venues' book frames generated
// in-process with karb-sim's own market, books and --feed-rate pump (no
// sockets, no simulator process), in virtual time: `seconds` of market
// steps at `book_hz`, `rate` frames per second of that time in all (half
// per venue, interleaved, round robin over the markets as the pump sends
// them). Every `shift_every_ms` one market (round robin) is made `shift_bp`
// rich on one venue (alternating) and the previous one is put back, as the
// live bench's rate phase does: one opportunity at a time. The tape plays
// the steps forward, then backward, so that it loops without a jump in
// any price: 2 x `rate` x `seconds` frames a pass.

#include <cstdint>
#include <string>

#include "tools/karb-bench/tape.hpp"

namespace karb::bench {

struct record_options {
  std::string out;
  int symbols = 20;          ///< markets per venue (1-20)
  double seconds = 2;        ///< virtual time recorded
  int book_hz = 20;          ///< market steps per second
  long rate = 20000;         ///< frames per virtual second, both venues
  int shift_every_ms = 200;  ///< 0: no forced opportunities
  int shift_bp = 40;
  uint64_t seed = 7;
  std::string command;
};

/// Generates the tape (deterministic for the same options).
tape record_tape(const record_options& o);

} // namespace karb::bench
