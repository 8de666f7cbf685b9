#include "exchanges/upbit/rules.hpp"

namespace karb::upbit {

namespace {

constexpr decimal r(int64_t raw) { return decimal::from_raw(raw); }
constexpr decimal i(int64_t units) { return decimal::from_int(units); }

// 2025-07-31 table; 1M-2M and >= 2M are both 1,000.
constexpr korea::tick_band table[] = {
  {i(1'000'000), i(1000)},
  {i(500'000), i(500)},
  {i(100'000), i(100)},
  {i(50'000), i(50)},
  {i(10'000), i(10)},
  {i(5'000), i(5)},
  {i(1'000), i(1)},
  {i(100), i(1)},
  {i(10), r(10'000'000)},    // 0.1
  {i(1), r(1'000'000)},      // 0.01
  {r(10'000'000), r(100'000)}, // 0.1 -> 0.001
  {r(1'000'000), r(10'000)},   // 0.01 -> 0.0001
  {r(100'000), r(1'000)},      // 0.001 -> 0.00001
  {r(10'000), r(100)},         // 0.0001 -> 0.000001
  {r(1'000), r(10)},           // 0.00001 -> 0.0000001
  {r(0), r(1)},                // below: 0.00000001
};

} // namespace

std::span<const korea::tick_band> krw_tick_table() {
  return table;
}

decimal krw_tick(decimal price) {
  return korea::tick_for(table, price);
}

decimal round_to_tick(decimal price, side s) {
  return korea::round_to_tick(table, price, s);
}

bool is_valid_price(decimal price) {
  return price.is_positive() && korea::is_on_tick(table, price);
}

bool meets_min_total(decimal price, decimal volume) {
  return korea::meets_min_total(price, volume, min_order_krw);
}

} // namespace karb::upbit
