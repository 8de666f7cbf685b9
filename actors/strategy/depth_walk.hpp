#pragma once

// Sizing one arbitrage direction by walking both books' depth: sell into
// the bids of one venue, buy from the asks of the other. Pure.
//
// For a size q, P(q) is the gross proceeds of selling q into the bids and
// C(q) the gross cost of buying q from the asks (both VWAP * q). The trade
// clears the threshold when
//
//   P(q) * (1 - sell_fee) - C(q) * (1 + buy_fee) >= min_profit_rate * C(q)
//
// i.e. the net profit rate on the buy cost reaches `min_profit_rate`
// (seed 000 §3.7.1 checks the gross top-of-book spread against fees plus
// the minimum; this is the same test, net, on volume-weighted prices).
// Because marginal bids fall and marginal asks rise, the net rate only
// falls as q grows, so the largest clearing size is found in one pass:
// whole level-pairs while the slack stays >= 0, then the exact fraction
// of the last pair (rounded down to 1e-8).
//
// Rounding is conservative everywhere: proceeds round down, costs and
// fees round up, so the reported profit is never above the exact one.

#include <cstddef>
#include <span>

#include "messages/decimal.hpp"
#include "messages/market_data.hpp"

namespace karb::strategy {

struct walk_params {
  decimal sell_fee;         ///< taker fee rate on the selling venue
  decimal buy_fee;          ///< taker fee rate on the buying venue
  decimal min_profit_rate;  ///< net rate on the buy cost to clear
  decimal max_size;         ///< base units cap; 0: no cap
};

struct walk_result {
  decimal size;             ///< base units; 0: nothing clears
  decimal proceeds;         ///< gross quote from selling `size`
  decimal cost;             ///< gross quote to buy `size`
  decimal net_profit;       ///< proceeds*(1-sell_fee) - cost*(1+buy_fee)
  decimal sell_limit;       ///< worst bid walked (fills the whole size)
  decimal buy_limit;        ///< worst ask walked
  size_t sell_levels = 0;   ///< bid levels touched
  size_t buy_levels = 0;    ///< ask levels touched
};

/// The largest size (capped by `max_size`) whose VWAP trade clears
/// `min_profit_rate` net of both fees. `bids` best first (descending),
/// `asks` best first (ascending).
walk_result walk_to_threshold(std::span<const price_level> bids,
                              std::span<const price_level> asks,
                              const walk_params& p);

/// The size that maximises the absolute net profit (every level pair whose
/// marginal net is positive, no threshold, `max_size` ignored): the most
/// the visible books could pay.
walk_result walk_to_max_profit(std::span<const price_level> bids,
                               std::span<const price_level> asks,
                               decimal sell_fee, decimal buy_fee);

/// The result of trading exactly `size` (less if the books are thinner).
walk_result walk_size(std::span<const price_level> bids,
                      std::span<const price_level> asks, decimal sell_fee,
                      decimal buy_fee, decimal size);

/// Volume-weighted price of taking `amount` from `levels` minus the best
/// price, in price units (>= 0 for asks, <= 0 for bids); 0 if empty. When
/// the levels are thinner than `amount`, the visible part is used.
decimal estimate_slippage(std::span<const price_level> levels, decimal amount);

/// Sum of the volumes of `levels`.
decimal total_volume(std::span<const price_level> levels);

} // namespace karb::strategy
