#include "actors/strategy/depth_walk.hpp"

#include <optional>

namespace karb::strategy {

namespace {

enum class walk_mode { threshold, max_profit, fixed_size };

/// a * b with the given rounding; false on overflow.
bool mul_to(decimal a, decimal b, rounding r, decimal& out) {
  auto x = decimal::mul(a, b, r);
  if (!x)
    return false;
  out = *x;
  return true;
}

/// Skips empty levels; returns false when the side is exhausted.
bool settle(std::span<const price_level> side, size_t& idx, decimal& left) {
  while (left.raw <= 0) {
    if (idx + 1 >= side.size())
      return false;
    ++idx;
    left = side[idx].volume;
  }
  return true;
}

walk_result walk(std::span<const price_level> bids,
                 std::span<const price_level> asks, decimal sell_fee,
                 decimal buy_fee, decimal rate, decimal cap, walk_mode mode) {
  walk_result r;
  if (bids.empty() || asks.empty())
    return r;
  const auto one = decimal::from_int(1);
  const auto k_sell = one - sell_fee;
  const auto k_net_buy = one + buy_fee;
  const auto k_buy = mode == walk_mode::threshold ? k_net_buy + rate
                                                  : k_net_buy;
  size_t i = 0;
  size_t j = 0;
  decimal bid_left = bids[0].volume;
  decimal ask_left = asks[0].volume;
  while (settle(bids, i, bid_left) && settle(asks, j, ask_left)) {
    auto seg = min(bid_left, ask_left);
    if (cap.is_positive())
      seg = min(seg, cap - r.size);
    if (!seg.is_positive())
      break;
    const auto b = bids[i].price;
    const auto a = asks[j].price;
    decimal bs;
    decimal ak;
    if (!mul_to(b, k_sell, rounding::floor, bs)
        || !mul_to(a, k_buy, rounding::ceil, ak))
      break;
    const auto slope = bs - ak; // slack change per base unit
    auto d = seg;
    bool last = false;
    if (mode == walk_mode::max_profit && !slope.is_positive())
      break;
    if (mode == walk_mode::threshold && slope.is_negative()) {
      decimal ps;
      decimal cb;
      if (!mul_to(r.proceeds, k_sell, rounding::floor, ps)
          || !mul_to(r.cost, k_buy, rounding::ceil, cb))
        break;
      auto slack = ps - cb;
      if (!slack.is_positive())
        break;
      auto extra = decimal::div(slack, -slope, rounding::floor);
      if (!extra)
        break;
      if (*extra < seg) {
        d = *extra;
        last = true;
      }
      if (!d.is_positive())
        break;
    }
    decimal pd;
    decimal cd;
    if (!mul_to(b, d, rounding::floor, pd) || !mul_to(a, d, rounding::ceil, cd))
      break;
    r.size += d;
    r.proceeds += pd;
    r.cost += cd;
    r.sell_limit = b;
    r.buy_limit = a;
    r.sell_levels = i + 1;
    r.buy_levels = j + 1;
    bid_left -= d;
    ask_left -= d;
    if (last)
      break;
  }
  decimal ps;
  decimal cb;
  if (r.size.is_positive() && mul_to(r.proceeds, k_sell, rounding::floor, ps)
      && mul_to(r.cost, k_net_buy, rounding::ceil, cb))
    r.net_profit = ps - cb;
  return r;
}

} // namespace

walk_result walk_to_threshold(std::span<const price_level> bids,
                              std::span<const price_level> asks,
                              const walk_params& p) {
  return walk(bids, asks, p.sell_fee, p.buy_fee, p.min_profit_rate,
              p.max_size, walk_mode::threshold);
}

walk_result walk_to_max_profit(std::span<const price_level> bids,
                               std::span<const price_level> asks,
                               decimal sell_fee, decimal buy_fee) {
  return walk(bids, asks, sell_fee, buy_fee, decimal{}, decimal{},
              walk_mode::max_profit);
}

walk_result walk_size(std::span<const price_level> bids,
                      std::span<const price_level> asks, decimal sell_fee,
                      decimal buy_fee, decimal size) {
  if (!size.is_positive())
    return {};
  return walk(bids, asks, sell_fee, buy_fee, decimal{}, size,
              walk_mode::fixed_size);
}

decimal total_volume(std::span<const price_level> levels) {
  decimal sum;
  for (const auto& l : levels)
    sum += l.volume;
  return sum;
}

decimal estimate_slippage(std::span<const price_level> levels,
                          decimal amount) {
  if (levels.empty() || !amount.is_positive())
    return {};
  decimal filled;
  decimal notional;
  for (const auto& l : levels) {
    if (filled >= amount)
      break;
    auto take = min(l.volume, amount - filled);
    auto part = decimal::mul(l.price, take);
    if (!part)
      break;
    notional += *part;
    filled += take;
  }
  if (!filled.is_positive())
    return {};
  auto vwap = decimal::div(notional, filled);
  return vwap ? *vwap - levels.front().price : decimal{};
}

} // namespace karb::strategy
