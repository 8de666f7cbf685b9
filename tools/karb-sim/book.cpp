#include "tools/karb-sim/book.hpp"

#include <algorithm>

namespace karb::sim {

decimal book::total_ask_size() const {
  decimal s;
  for (auto& l : asks)
    s += l.size;
  return s;
}

decimal book::total_bid_size() const {
  decimal s;
  for (auto& l : bids)
    s += l.size;
  return s;
}

namespace {

decimal random_size(rng& r, const market_spec& m) {
  int64_t step = 1;
  for (int i = m.size_decimals; i < decimal::scale; ++i)
    step *= 10;
  auto lo = std::max<int64_t>(m.min_size.raw / step, 1);
  auto hi = std::max(m.max_size.raw / step, lo);
  // Skew toward small sizes: the product of two uniforms.
  auto a = r.range(lo, hi);
  auto b = r.range(lo, hi);
  auto v = std::max<int64_t>(lo, static_cast<int64_t>(
    static_cast<__int128>(a) * b / hi));
  return decimal::from_raw(v * step);
}

} // namespace

void refill(rng& r, venue_kind v, const market_spec& m, book& b, bool asks) {
  auto& side = asks ? b.asks : b.bids;
  decimal last = side.empty() ? (asks ? b.best_bid() : b.best_ask())
                              : side.back().price;
  decimal tick = price_tick(v, m, last);
  auto gap = decimal::from_raw(tick.raw * r.range(1, 3));
  decimal price = asks ? last + gap : last - gap;
  if (!asks && !price.is_positive())
    return;
  price = decimal::round_to(price, price_tick(v, m, price),
                            asks ? rounding::ceil : rounding::floor);
  side.push_back({price, random_size(r, m)});
}

void normalise(rng& r, venue_kind v, const market_spec& m, book& b,
               int depth) {
  auto empty = [](const price_level& l) { return !l.size.is_positive(); };
  b.asks.erase(std::remove_if(b.asks.begin(), b.asks.end(), empty),
               b.asks.end());
  b.bids.erase(std::remove_if(b.bids.begin(), b.bids.end(), empty),
               b.bids.end());
  for (int i = 0; i < 2 * depth && static_cast<int>(b.asks.size()) < depth; ++i)
    refill(r, v, m, b, true);
  for (int i = 0; i < 2 * depth && static_cast<int>(b.bids.size()) < depth; ++i)
    refill(r, v, m, b, false);
}

book generate_book(rng& r, venue_kind v, const market_spec& m, decimal mid,
                   time_ms now, int depth) {
  book b;
  b.code = m.code;
  b.timestamp = now;
  decimal tick = price_tick(v, m, mid);
  auto half_bid = decimal::from_raw(tick.raw * r.range(0, 2));
  auto half_ask = decimal::from_raw(tick.raw * r.range(0, 2));
  decimal bid = decimal::round_to(mid - half_bid, tick, rounding::floor);
  decimal ask = decimal::round_to(mid + half_ask, tick, rounding::ceil);
  if (ask <= bid)
    ask = bid + tick;
  b.asks.push_back({ask, random_size(r, m)});
  b.bids.push_back({bid, random_size(r, m)});
  b.asks.reserve(depth);
  b.bids.reserve(depth);
  normalise(r, v, m, b, depth);
  return b;
}

} // namespace karb::sim
