#include "exchanges/bithumb/rules.hpp"

namespace karb::bithumb {

namespace {

constexpr decimal r(int64_t raw) { return decimal::from_raw(raw); }
constexpr decimal i(int64_t units) { return decimal::from_int(units); }

constexpr korea::tick_band table[] = {
  {i(1'000'000), i(1000)},
  {i(500'000), i(500)},
  {i(100'000), i(100)},
  {i(50'000), i(50)},
  {i(10'000), i(10)},
  {i(5'000), i(5)},
  {i(1'000), i(1)},
  {i(100), i(1)},
  {i(10), r(1'000'000)}, // 0.01 (Upbit: 0.1)
  {i(1), r(100'000)},    // 0.001 (Upbit: 0.01)
  {r(0), r(10'000)},     // below 1: 0.0001
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

} // namespace karb::bithumb
