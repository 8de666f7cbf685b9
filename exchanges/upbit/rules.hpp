#pragma once

// Upbit KRW-market trading rules (exchanges.md §1.6): the tick table in
// force since 2025-07-31, the 5,000 KRW minimum order value and the 0.05%
// default fee. At runtime prefer /v1/orderbook/instruments (tick_size) and
// /v1/orders/chance (fees, min_total); these are the fallbacks.

#include <span>

#include "exchanges/korea/tick.hpp"
#include "messages/decimal.hpp"
#include "messages/enums.hpp"

namespace karb::upbit {

inline constexpr decimal min_order_krw = decimal::from_int(5000);
inline constexpr decimal default_fee = decimal::from_raw(50'000); // 0.0005

/// The KRW tick table, bands by descending lower bound.
std::span<const korea::tick_band> krw_tick_table();

/// The tick for a KRW price.
decimal krw_tick(decimal price);

/// Buy rounds down, sell rounds up, onto the KRW grid.
decimal round_to_tick(decimal price, side s);

/// Whether `price` is a valid KRW order price.
bool is_valid_price(decimal price);

/// Whether a limit order's value reaches the KRW minimum.
bool meets_min_total(decimal price, decimal volume);

} // namespace karb::upbit
