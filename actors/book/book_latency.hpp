#pragma once

// Per-book latency statistics on top of metrics::histogram:
//   exchange timestamp -> frame receipt (wall clocks of two machines, so it
//   includes clock offset; negative values are counted as skew, recorded 0),
//   frame receipt -> book applied (one local steady clock).

#include <cstdint>

#include "actors/metrics/histogram.hpp"

namespace karb::book {

struct book_latency {
  metrics::histogram exchange_to_receipt;
  metrics::histogram receipt_to_applied;
  uint64_t clock_skew_count = 0;

  /// `event_wall_ns`: the venue's timestamp; `recv_wall_ns`: our wall clock
  /// when the frame was read; `recv_steady_ns`/`applied_steady_ns`: steady
  /// clock at frame receipt and after the book update.
  void record(int64_t event_wall_ns, int64_t recv_wall_ns,
              int64_t recv_steady_ns, int64_t applied_steady_ns) {
    // The venue's time is outside input: one so far off that the
    // difference leaves 64 bits is clock skew too (recorded 0).
    int64_t network = 0;
    if (__builtin_sub_overflow(recv_wall_ns, event_wall_ns, &network)) {
      network = 0;
      ++clock_skew_count;
    } else if (network < 0) {
      ++clock_skew_count;
    }
    exchange_to_receipt.record(network);
    receipt_to_applied.record(applied_steady_ns - recv_steady_ns);
  }

  void reset() {
    exchange_to_receipt.reset();
    receipt_to_applied.reset();
    clock_skew_count = 0;
  }
};

} // namespace karb::book
