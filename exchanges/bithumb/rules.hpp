#pragma once

// Bithumb KRW-market trading rules (exchanges.md §2.6): the tick table of
// the official AI trade kit (2026; differs from Upbit below 100 KRW), a
// 5,000 KRW minimum order value and a 0.05% default fee (both
// [UNVERIFIED]: read min_total and fees from /v1/orders/chance at runtime).
// Bithumb rejects off-tick prices (`invalid_price_*`), it does not round.

#include <span>

#include "exchanges/korea/tick.hpp"
#include "messages/decimal.hpp"
#include "messages/enums.hpp"

namespace karb::bithumb {

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

} // namespace karb::bithumb
