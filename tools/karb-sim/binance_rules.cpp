#include "tools/karb-sim/binance_rules.hpp"

#include <cmath>

namespace karb::sim {

std::string binance_symbol(const market_spec& m) {
  return m.base + "USDT";
}

int binance_market_index(std::string_view symbol) {
  auto& all = markets();
  for (size_t i = 0; i < all.size(); ++i)
    if (binance_symbol(all[i]) == symbol)
      return static_cast<int>(i);
  return -1;
}

decimal to_usdt(decimal krw) {
  return ddiv(krw, krw_per_usdt);
}

namespace {

decimal power_of_ten(int exponent) {
  decimal d = decimal::from_int(1);
  for (int i = 0; i < exponent; ++i)
    d = dmul(d, decimal::from_int(10));
  for (int i = 0; i > exponent; --i)
    d = decimal::from_raw(d.raw / 10);
  return d;
}

int decimals_of(decimal unit) {
  int n = 0;
  for (int64_t r = unit.raw; r % decimal::one_raw != 0 && n < 8; r *= 10)
    ++n;
  return n;
}

} // namespace

bn_symbol_rules binance_rules(venue_kind v, const market_spec& m) {
  bn_symbol_rules r;
  r.symbol = binance_symbol(m);
  r.base = m.base;
  auto start = to_usdt(m.start_price);
  int magnitude = static_cast<int>(std::floor(std::log10(start.to_double())));
  r.tick = min(power_of_ten(magnitude - 4), dec("0.01"));
  r.min_price = r.tick;
  r.max_price = decimal::from_int(1'000'000);
  r.step = power_of_ten(-m.size_decimals);
  r.min_qty = r.step;
  r.max_qty = decimal::from_raw(r.step.raw * 90'000'000);
  r.market_max_qty = decimal::from_raw(r.max_qty.raw / 10);
  r.min_notional = decimal::from_int(5);
  r.max_notional = decimal::from_int(9'000'000);
  r.maint_margin_rate = m.base == "BTC"   ? dec("0.004")
                        : m.base == "ETH" ? dec("0.005")
                                          : dec("0.01");
  bool spot = v == venue_kind::binance_spot;
  r.price_decimals = spot ? 8 : decimals_of(r.tick);
  r.qty_decimals = spot ? 8 : decimals_of(r.step);
  if (!spot) { // coarser contract grid, printed with one more decimal
    r.tick = dmul(r.tick, decimal::from_int(10));
    r.min_price = r.tick;
    r.step = dmul(r.step, decimal::from_int(10));
    r.min_qty = r.step;
    r.max_qty = dmul(r.max_qty, decimal::from_int(10));
    r.market_max_qty = dmul(r.market_max_qty, decimal::from_int(10));
  }
  return r;
}

std::string fixed(decimal d, int places) {
  bool neg = d.is_negative();
  uint64_t a = static_cast<uint64_t>(neg ? -d.raw : d.raw);
  auto whole = std::to_string(a / decimal::one_raw);
  auto frac = std::to_string(a % decimal::one_raw);
  frac.insert(0, 8 - frac.size(), '0');
  std::string out = (neg ? "-" : "") + whole;
  if (places > 0)
    out += "." + frac.substr(0, static_cast<size_t>(places));
  return out;
}

} // namespace karb::sim
