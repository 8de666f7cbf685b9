#include "exchanges/korea/tick.hpp"

namespace karb::korea {

decimal tick_for(std::span<const tick_band> table, decimal price) {
  for (auto& band : table)
    if (price >= band.from)
      return band.tick;
  return table.empty() ? decimal::from_raw(1) : table.back().tick;
}

decimal round_to_tick(std::span<const tick_band> table, decimal price, side s) {
  auto tick = tick_for(table, price);
  auto mode = s == side::buy ? rounding::floor : rounding::ceil;
  // A buy rounded down below a band edge lands in a finer band, and is on
  // that grid too (coarser ticks are multiples of finer ones).
  return decimal::round_to(price, tick, mode);
}

bool is_on_tick(std::span<const tick_band> table, decimal price) {
  auto tick = tick_for(table, price);
  return price.raw % tick.raw == 0;
}

bool meets_min_total(decimal price, decimal volume, decimal min_total) {
  auto total = decimal::mul(price, volume, rounding::floor);
  return !total || *total >= min_total; // overflow: far above any minimum
}

} // namespace karb::korea
