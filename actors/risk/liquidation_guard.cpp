#include "actors/risk/liquidation_guard.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace karb::risk {

namespace {

/// |mark - liquidation| / mark; nullopt without both prices.
std::optional<double> distance_of(const position& p) {
  if (!p.liquidation_price.is_positive() || !p.mark_price.is_positive())
    return std::nullopt;
  auto gap = (p.mark_price - p.liquidation_price).abs();
  return gap.to_double() / p.mark_price.to_double();
}

/// The finest power of ten `x` is a multiple of, at most 0.001.
decimal step_of(decimal x) {
  auto step = decimal::from_raw(100'000); // 0.001
  while (step.raw > 1 && x.raw % step.raw != 0)
    step = decimal::from_raw(step.raw / 10);
  return step;
}

} // namespace

decimal guard_size(decimal amount, double fraction) {
  auto size = amount.abs();
  auto f = decimal::from_double(fraction, rounding::ceil);
  if (!f || !size.is_positive())
    return decimal{};
  auto part = decimal::mul(size, *f, rounding::ceil).value_or(size);
  return min(size, decimal::round_to(part, step_of(size), rounding::ceil));
}

std::vector<close_request>
liquidation_guard::scan(const position_book& book, time_point now,
                        const config::liquidation_guard_settings& settings) {
  std::vector<close_request> out;
  if (settings.distance <= 0)
    return out;
  auto cooldown = std::chrono::seconds{settings.cooldown_s};
  for (const auto& p : book.positions) {
    auto d = distance_of(p);
    if (!d || *d >= settings.distance)
      continue;
    key k{p.symbol.venue, p.symbol.venue_symbol, p.position_side};
    if (auto i = last_close_.find(k);
        i != last_close_.end() && now - i->second < cooldown)
      continue;
    auto size = guard_size(p.amount, settings.reduce_fraction);
    if (!size.is_positive())
      continue;
    last_close_[k] = now;
    ++closes_;
    out.push_back({p.symbol,
                   p.position_side == side::buy ? side::sell : side::buy,
                   size, "liquidation_guard"});
  }
  return out;
}

std::vector<liquidation_distance>
liquidation_guard::distances(const position_book& book) {
  std::vector<liquidation_distance> out;
  for (const auto& p : book.positions)
    if (auto d = distance_of(p))
      out.push_back({p.symbol, p.position_side, p.amount.abs(), p.mark_price,
                     p.liquidation_price, *d});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.distance < b.distance;
  });
  return out;
}

} // namespace karb::risk
