#pragma once

// The book-frame pump of `--feed-rate` (pure, no sockets): for one feed
// subscriber it keeps a few pre-rendered full-depth orderbook frames per
// subscribed market (re-rendered from the live book at each market step,
// so admin faults such as shift_mid still show), and hands them out round
// robin over the markets, cycling the variants and stamping each with a
// non-decreasing timestamp. The variants differ in level sizes and in the
// prices of the deeper levels, so a node must parse and apply real
// changes; the best bid and ask stay those of the live book.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "tools/karb-sim/sim.hpp"

namespace karb::sim {

class feed_pump {
public:
  static constexpr int variants = 4;
  /// Levels from this index on move by up to `variants - 1` ticks.
  static constexpr size_t moving_from = 10;

  /// `rate`: frames per second; feed_rate_max (< 0): no pacing.
  feed_pump(venue_kind v, int64_t rate, int64_t start_ns);

  /// Re-renders the variants of `u`'s book for `sub` (nothing if `sub`
  /// takes no realtime orderbook of that market).
  void update(const feed_update& u, const ws_subscription& sub);

  /// A new rate from `now_ns` on (the pacing restarts; nothing is owed).
  void set_rate(int64_t rate, int64_t now_ns) {
    rate_ = rate;
    start_ns_ = now_ns;
    paced_ = 0;
  }

  /// True once at least one market has frames.
  bool ready() const { return !markets_.empty(); }
  bool paced() const { return rate_ >= 0; }

  /// Frames to send now: the paced debt at `now_ns` (at most `room`); a
  /// debt over 100 ms of frames is forgiven (counted in `skipped`).
  /// Unpaced: `room`.
  size_t due(int64_t now_ns, size_t room);

  /// The next frame, stamped max(`now`, last stamp); counts it as sent.
  std::string next(time_ms now);

  uint64_t sent() const { return sent_; }
  uint64_t skipped() const { return skipped_; }

  /// The variant `k` of a book (exposed for tests).
  static book vary(const book& b, venue_kind v, int k);

private:
  struct frame {
    std::string text;
    size_t stamp_at = 0; ///< offset of the 13 timestamp digits
  };
  struct market {
    std::string code;
    std::vector<frame> frames;
  };

  venue_kind venue_;
  int64_t rate_;
  int64_t start_ns_;
  uint64_t sent_ = 0;
  uint64_t paced_ = 0;   ///< frames counted against the pacing clock
  uint64_t skipped_ = 0;
  time_ms last_stamp_ = 0;
  size_t next_market_ = 0;
  uint64_t round_ = 0;
  std::vector<market> markets_;
};

} // namespace karb::sim
