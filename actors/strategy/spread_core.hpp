#pragma once

// The spread-arbitrage calculator (seed 000 §3.7.1, seed 002 §3.3
// ArbitrageCalculator): from two venues' book views, one opportunity per
// profitable direction, sized by walking both books. Pure: the clock is
// passed in.
//
// Opportunity layout (what risk and execution rely on):
// - `exchanges` = {selling venue, buying venue} (enum names, "upbit");
// - `entry_signals[0]` sells on the selling venue, `[1]` buys on the
//   buying venue; both carry the venue instrument, the limit price (the
//   worst level walked) and the size;
// - `expected_profit` is the net quote profit at that size, `max_profit`
//   the most the visible books could pay (no threshold, no cap);
// - `created_ns` / `valid_until_ns` use the caller's clock (the actors'
//   steady clock), `ts_tick_ns` is the later book's `ts_recv_ns`;
// - metadata: direction ("upbit>bithumb"), fees, VWAPs, net rate.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "actors/strategy/depth_walk.hpp"
#include "messages/arbitrage.hpp"
#include "messages/market_data.hpp"

namespace karb::strategy {

struct scan_params {
  std::string strategy_id;
  decimal min_profit_rate = dec("0.005");
  decimal max_size;                    ///< base units per trade; 0: no cap
  int64_t validity_ns = 500'000'000;   ///< how long an opportunity holds
};

/// One venue's book, its taker fee and the trading rules a size must
/// respect there (0: none).
struct venue_book {
  const book_view* view = nullptr;
  decimal taker_fee;
  decimal lot{};          ///< quantity step
  decimal min_qty{};
  decimal min_notional{}; ///< smallest price x quantity
};

/// "upbit>bithumb": sell on the first, buy on the second.
std::string direction_key(exchange sell_venue, exchange buy_venue);

/// Gross top-of-book spread of selling on `sell` and buying on `buy`:
/// (best bid - best ask) / best ask; nullopt when a side is empty.
std::optional<decimal> top_spread(const order_book& sell,
                                  const order_book& buy);

class spread_calculator {
public:
  explicit spread_calculator(scan_params params);

  /// Both directions between two venues; 0, 1 or 2 opportunities.
  std::vector<arbitrage_opportunity> scan(const venue_book& a,
                                          const venue_book& b, int64_t now_ns);

  /// Every ordered pair (sell on one, buy on another) of any number of
  /// venues trading the same base and quote (seed 002
  /// calculate_cross_exchange_arbitrage), best expected profit first: the
  /// front is the best sell venue and buy venue of this tick.
  std::vector<arbitrage_opportunity> scan_all(
    const std::vector<venue_book>& books, int64_t now_ns);

  /// One direction: sell on `sell`, buy on `buy`. Nothing from an
  /// unhealthy book, an empty side, mismatched assets, or when no size
  /// clears the threshold with a positive profit. The size is rounded down
  /// to both venues' lots; one below either venue's minimum quantity or
  /// notional is nothing.
  std::optional<arbitrage_opportunity>
  evaluate(const venue_book& sell, const venue_book& buy, int64_t now_ns);

  const scan_params& params() const { return params_; }

private:
  scan_params params_;
  uint64_t next_id_ = 1;
};

/// Rounds a walked size down to both venues' lots (walking the books again
/// for the smaller size) and checks both minimums; false when it cannot.
bool fits_rules(walk_result& w, const venue_book& sell, const venue_book& buy,
                walk_params wp, const order_book& sb, const order_book& bb);

/// Net profit of trading `size` of the opportunity's direction on these
/// books (seed 002 calculate_profit); 0 when the books cannot fill it.
decimal calculate_profit(const venue_book& sell, const venue_book& buy,
                         decimal size);

/// 0 (safe) .. 1: half thin margin over the threshold, half depth used
/// (seed 002 calculate_risk). `net_rate` is the opportunity's net rate.
double calculate_risk(decimal net_rate, decimal min_profit_rate,
                      double liquidity_score);

/// 1 - size / visible depth (the smaller of the two sides), in [0, 1].
double liquidity_score(decimal size, decimal sell_depth, decimal buy_depth);

} // namespace karb::strategy
