#pragma once

// Pure helpers of the market data service: the per-book event throttle and
// the top-of-book summary whose changes trigger ORDERBOOK_UPDATE and
// PRICE_UPDATE events.

#include <cstdint>
#include <optional>

#include "messages/market_data.hpp"

namespace karb::market_data {

/// At most one event per `min_interval_ns`. A change offered too early is
/// held; `flush` releases it once the interval has passed (the caller then
/// publishes the newest data, so bursts collapse into one event).
class event_throttle {
public:
  explicit event_throttle(int64_t min_interval_ns = 0)
    : interval_(min_interval_ns) {}

  /// Something changed at `now_ns`. True: publish now.
  bool offer(int64_t now_ns) {
    if (!sent_ || now_ns - last_ns_ >= interval_) {
      sent_ = true;
      last_ns_ = now_ns;
      pending_ = false;
      return true;
    }
    pending_ = true;
    return false;
  }

  /// True: a held change is due at `now_ns` (publish it now).
  bool flush(int64_t now_ns) {
    if (!pending_ || now_ns - last_ns_ < interval_)
      return false;
    last_ns_ = now_ns;
    pending_ = false;
    return true;
  }

  bool pending() const { return pending_; }

private:
  int64_t interval_;
  int64_t last_ns_ = 0;
  bool sent_ = false;
  bool pending_ = false;
};

/// Best levels and health of a view: what ORDERBOOK_UPDATE reports.
struct top_of_book {
  price_level bid; ///< zero when the side is empty
  price_level ask;
  bool healthy = false;
  friend bool operator==(const top_of_book&, const top_of_book&) = default;
};

inline top_of_book top_of(const book_view& v) {
  top_of_book t;
  if (!v.book.bids.empty())
    t.bid = v.book.bids.front();
  if (!v.book.asks.empty())
    t.ask = v.book.asks.front();
  t.healthy = v.healthy;
  return t;
}

/// (best bid + best ask) / 2, truncated to 1e-8; none if a side is empty.
inline std::optional<decimal> mid_of(const book_view& v) {
  if (v.book.bids.empty() || v.book.asks.empty())
    return std::nullopt;
  return decimal::from_raw((v.book.bids.front().price.raw
                            + v.book.asks.front().price.raw)
                           / 2);
}

} // namespace karb::market_data
