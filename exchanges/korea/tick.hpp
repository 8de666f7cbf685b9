#pragma once

// Price-band tick tables and order-value rules shared by the Korean venues.
// Each venue supplies its own table (they differ below 100 KRW).

#include <span>

#include "messages/decimal.hpp"
#include "messages/enums.hpp"

namespace karb::korea {

/// Prices >= `from` (up to the next band) trade in multiples of `tick`.
struct tick_band {
  decimal from;
  decimal tick;
};

/// The tick for `price` in a table sorted by descending `from`; the last
/// band's tick below it. `price` must be positive.
decimal tick_for(std::span<const tick_band> table, decimal price);

/// Rounds to a valid price, never crossing the limit in the trader's
/// disfavour: a buy rounds down (pays at most `price`), a sell rounds up
/// (receives at least `price`). Rounding up into the next band still lands
/// on that band's grid because band edges are multiples of the wider tick.
decimal round_to_tick(std::span<const tick_band> table, decimal price, side s);

/// Whether `price` is on its band's grid.
bool is_on_tick(std::span<const tick_band> table, decimal price);

/// price * volume >= min_total (exact 128-bit product).
bool meets_min_total(decimal price, decimal volume, decimal min_total);

} // namespace karb::korea
