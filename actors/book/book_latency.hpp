#pragma once

// Per-book latency statistics on top of metrics::histogram:
//   exchange timestamp -> frame receipt (wall clocks of two machines, so it
//   includes clock offset; negative values are counted as skew, recorded 0),
//   frame receipt -> book applied (one local steady clock).

#include <cstdint>

#include "actors/metrics/histogram.hpp"

namespace karb::book {

/// a - b, saturated to the int64 range: `b` may be a venue's timestamp,
/// any value its parser let through, so the difference may not fit.
constexpr int64_t saturated_difference(int64_t a, int64_t b) {
  int64_t d = 0;
  if (!__builtin_sub_overflow(a, b, &d))
    return d;
  return b < 0 ? INT64_MAX : INT64_MIN;
}

struct book_latency {
  metrics::histogram exchange_to_receipt;
  metrics::histogram receipt_to_applied;
  uint64_t clock_skew_count = 0;

  /// `event_wall_ns`: the venue's timestamp; `recv_wall_ns`: our wall clock
  /// when the frame was read; `recv_steady_ns`/`applied_steady_ns`: steady
  /// clock at frame receipt and after the book update.
  void record(int64_t event_wall_ns, int64_t recv_wall_ns,
              int64_t recv_steady_ns, int64_t applied_steady_ns) {
    auto network = saturated_difference(recv_wall_ns, event_wall_ns);
    if (network < 0)
      ++clock_skew_count;
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
