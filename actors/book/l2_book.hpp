#pragma once

// The pure L2 order book: full snapshots, level deltas, top of book, depth
// walks for sizing/slippage, crossed and stale detection. No CAF, no I/O;
// time comes in as arguments (ns since the Unix epoch or any one clock the
// caller uses consistently).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "actors/book/book_side.hpp"
#include "messages/decimal.hpp"
#include "messages/market_data.hpp"

namespace karb::book {

/// Which side of the book a level sits on.
enum class book_side_id : uint8_t { bid, ask };

/// Result of walking the depth for a taker order of a given size.
/// One level change of a delta message; qty 0 removes the level.
struct level_change {
  book_side_id side;
  decimal price;
  decimal qty;
};

struct fill_estimate {
  decimal avg_price;      ///< size-weighted average price of the fill, 0 if none
  decimal filled;         ///< quantity the visible depth can fill (<= size)
  decimal worst_price;    ///< price of the last level touched, 0 if none
  bool sufficient = false; ///< true if the depth covered the whole size
};

class l2_book {
public:
  // -- updates ----------------------------------------------------------------

  /// Removes every level; the book is empty and has no update time.
  void clear();

  /// Replaces the book with these levels (any order; zero sizes skipped).
  void apply_snapshot(std::span<const price_level> bids,
                      std::span<const price_level> asks, int64_t ts_ns);

  /// Replaces the book from a message snapshot (uses its ts_event_ns).
  void apply_snapshot(const order_book& snapshot);

  /// Sets the level at `price` to `qty`; qty 0 removes it. Removing an unknown
  /// level is a no-op (normal on Binance). Returns false for a negative qty or
  /// a non-positive price (corrupt input, book unchanged).
  bool apply(book_side_id side, decimal price, decimal qty);

  /// Applies a batch of changes and stamps the book with `ts_ns`. Stops at
  /// the first corrupt change and returns false (the caller should resync).
  bool apply(std::span<const level_change> changes, int64_t ts_ns);

  /// Records that the book is current as of `ts_ns` (after a batch of deltas
  /// or a heartbeat).
  void touch(int64_t ts_ns) { last_update_ns_ = ts_ns; }

  // -- top of book --------------------------------------------------------------

  bool has_bid() const { return !bids_.empty(); }
  bool has_ask() const { return !asks_.empty(); }

  /// Best bid; precondition: has_bid().
  price_level best_bid() const { return to_level(bids_.best()); }

  /// Best ask; precondition: has_ask().
  price_level best_ask() const { return to_level(asks_.best()); }

  /// Raw best prices for hot paths; 0 when that side is empty.
  int64_t best_bid_raw() const { return bids_.empty() ? 0 : bids_.best().price; }
  int64_t best_ask_raw() const { return asks_.empty() ? 0 : asks_.best().price; }

  /// Best bid/ask as optionals.
  std::optional<price_level> bid() const;
  std::optional<price_level> ask() const;

  // -- depth ------------------------------------------------------------------

  size_t bid_levels() const { return bids_.size(); }
  size_t ask_levels() const { return asks_.size(); }

  /// The i-th best level of a side (0 = best); precondition: i < levels.
  price_level level(book_side_id side, size_t i) const;

  /// Size resting at `price` on `side`, 0 if none.
  decimal qty_at(book_side_id side, decimal price) const;

  /// Up to `n` best levels of a side, best first.
  std::vector<price_level> top(book_side_id side, size_t n) const;

  /// Walks the side a taker of side `taker` consumes (buy -> asks,
  /// sell -> bids) for `size`.
  fill_estimate vwap(side taker, decimal size) const;

  // -- health -----------------------------------------------------------------

  /// True if both sides exist and best bid >= best ask.
  bool crossed() const {
    return has_bid() && has_ask() && bids_.best().price >= asks_.best().price;
  }

  /// Time of the last snapshot, delta batch or heartbeat; 0 if never.
  int64_t last_update_ns() const { return last_update_ns_; }

  /// True if never updated or older than `max_age_ns` at `now_ns`.
  bool stale(int64_t now_ns, int64_t max_age_ns) const {
    return last_update_ns_ == 0 || now_ns - last_update_ns_ > max_age_ns;
  }

  // -- conversion -------------------------------------------------------------

  /// A message with the best `depth` levels per side; sequence and times are
  /// left to the caller except ts_event_ns (= last_update_ns()).
  order_book to_order_book(const instrument& symbol, size_t depth) const;

private:
  static price_level to_level(const raw_level& l) {
    return {decimal::from_raw(l.price), decimal::from_raw(l.qty)};
  }

  bid_side bids_;
  ask_side asks_;
  int64_t last_update_ns_ = 0;
  std::vector<raw_level> scratch_;
};

} // namespace karb::book
