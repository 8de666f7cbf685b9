#pragma once

// Venue rules: listed markets, KRW tick tables, order limits, rate-limit
// groups. Pure data and functions.

#include <string>
#include <string_view>
#include <vector>

#include "tools/karb-sim/types.hpp"

namespace karb::sim {

/// One listed KRW market and how the simulator prices it.
struct market_spec {
  std::string code;         ///< "KRW-BTC"
  std::string base;         ///< "BTC"
  std::string korean_name;
  std::string english_name;
  decimal start_price;      ///< fair price at start
  decimal min_size;         ///< smallest resting size per level
  decimal max_size;         ///< largest resting size per level
  int size_decimals;        ///< decimals of generated sizes
  double vol_bp_sqrt_s;     ///< fair-price volatility, bp per sqrt(second)
};

/// The listed markets: KRW-BTC, KRW-ETH, KRW-XRP by default, up to
/// market_catalogue_size() after set_market_count() (`--symbols`).
const std::vector<market_spec>& markets();
/// Markets listed when nothing is set.
inline constexpr size_t default_market_count = 3;
/// How many markets the simulator knows (the most `--symbols` can list).
size_t market_catalogue_size();
/// Lists the first `n` known markets (clamped to 1..catalogue size). Call
/// before building a simulator; process-wide.
void set_market_count(size_t n);
/// Nullptr when the code is not listed.
const market_spec* find_market(std::string_view code);
/// Index of the market in markets(), or -1.
int market_index(std::string_view code);

/// Price unit for an order price on the venue's KRW market
/// (Upbit: table in force since 2025-07-31; Bithumb: 2026 AI trade kit table).
decimal tick_size(venue_kind v, decimal price);
/// The tick a generated book of market `m` uses at `price`: the venue's KRW
/// table, or the Binance symbol's fixed tickSize.
decimal price_tick(venue_kind v, const market_spec& m, decimal price);
/// True when `price` is a positive multiple of its tick.
bool on_tick(venue_kind v, decimal price);

/// Minimum order value (KRW) on both venues.
inline const decimal min_total = decimal::from_int(5000);
/// Maximum order value (KRW), as Upbit's order chance reports it.
inline const decimal max_total = decimal::from_int(1'000'000'000);
/// Default taker/maker fee (0.05 %).
inline const decimal default_fee = decimal::from_raw(50'000);

/// A rate-limit group as the venue names it in `Remaining-Req`.
struct limit_group {
  std::string name;
  int per_sec = 0;
  bool per_account = false; ///< keyed by access key (else per client)
};

/// The group a request falls into (method "GET"/"POST"/"DELETE", path
/// without query).
limit_group group_for(venue_kind v, std::string_view method,
                      std::string_view path);

} // namespace karb::sim
