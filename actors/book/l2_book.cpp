#include "actors/book/l2_book.hpp"

#include <algorithm>

namespace karb::book {

namespace {

void to_raw(std::span<const price_level> in, std::vector<raw_level>& out) {
  out.clear();
  out.reserve(in.size());
  for (const auto& l : in)
    out.push_back({l.price.raw, l.volume.raw});
}

template <bool Bid>
std::vector<price_level> top_of(const book_side<Bid>& s, size_t n) {
  std::vector<price_level> out;
  n = std::min(n, s.size());
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const auto& l = s.nth(i);
    out.push_back({decimal::from_raw(l.price), decimal::from_raw(l.qty)});
  }
  return out;
}

template <bool Bid>
fill_estimate walk(const book_side<Bid>& s, decimal size) {
  fill_estimate r;
  if (size.raw <= 0)
    return r;
  int64_t remaining = size.raw;
  __int128 notional = 0; // price_raw * qty_raw, in 1e-16 units
  int64_t filled = 0;
  for (size_t i = 0; i < s.size() && remaining > 0; ++i) {
    const auto& l = s.nth(i);
    int64_t take = std::min(remaining, l.qty);
    notional += static_cast<__int128>(l.price) * take;
    filled += take;
    remaining -= take;
    r.worst_price = decimal::from_raw(l.price);
  }
  if (filled > 0) {
    // Round to the nearest 1e-8 (prices are positive).
    r.avg_price = decimal::from_raw(
      static_cast<int64_t>((notional + filled / 2) / filled));
  }
  r.filled = decimal::from_raw(filled);
  r.sufficient = remaining == 0;
  return r;
}

} // namespace

void l2_book::clear() {
  bids_.clear();
  asks_.clear();
  last_update_ns_ = 0;
}

void l2_book::apply_snapshot(std::span<const price_level> bids,
                             std::span<const price_level> asks,
                             int64_t ts_ns) {
  to_raw(bids, scratch_);
  bids_.assign(scratch_.data(), scratch_.data() + scratch_.size());
  to_raw(asks, scratch_);
  asks_.assign(scratch_.data(), scratch_.data() + scratch_.size());
  last_update_ns_ = ts_ns;
}

void l2_book::apply_snapshot(const order_book& snapshot) {
  apply_snapshot(snapshot.bids, snapshot.asks, snapshot.ts_event_ns);
}

bool l2_book::apply(book_side_id side, decimal price, decimal qty) {
  if (qty.raw < 0 || price.raw <= 0)
    return false;
  if (side == book_side_id::bid)
    bids_.set(price.raw, qty.raw);
  else
    asks_.set(price.raw, qty.raw);
  return true;
}

bool l2_book::apply(std::span<const level_change> changes, int64_t ts_ns) {
  for (const auto& c : changes)
    if (!apply(c.side, c.price, c.qty))
      return false;
  last_update_ns_ = ts_ns;
  return true;
}

std::optional<price_level> l2_book::bid() const {
  if (!has_bid())
    return std::nullopt;
  return best_bid();
}

std::optional<price_level> l2_book::ask() const {
  if (!has_ask())
    return std::nullopt;
  return best_ask();
}

price_level l2_book::level(book_side_id side, size_t i) const {
  return to_level(side == book_side_id::bid ? bids_.nth(i) : asks_.nth(i));
}

decimal l2_book::qty_at(book_side_id side, decimal price) const {
  return decimal::from_raw(side == book_side_id::bid ? bids_.qty_at(price.raw)
                                                     : asks_.qty_at(price.raw));
}

std::vector<price_level> l2_book::top(book_side_id side, size_t n) const {
  return side == book_side_id::bid ? top_of(bids_, n) : top_of(asks_, n);
}

fill_estimate l2_book::vwap(side taker, decimal size) const {
  return taker == side::buy ? walk(asks_, size) : walk(bids_, size);
}

order_book l2_book::to_order_book(const instrument& symbol,
                                  size_t depth) const {
  order_book out;
  out.symbol = symbol;
  out.bids = top_of(bids_, depth);
  out.asks = top_of(asks_, depth);
  out.ts_event_ns = last_update_ns_;
  return out;
}

} // namespace karb::book
