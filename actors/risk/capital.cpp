#include "actors/risk/capital.hpp"

#include <limits>
#include <optional>

namespace karb::risk {

namespace {

/// `x`, or the end of decimal's range on the side of `sign` when `x` is
/// past it: a capital beyond about 92 billion units counts as that much,
/// never as a wrapped (undefined, then negative) sum.
decimal held(std::optional<decimal> x, decimal sign) {
  if (x)
    return *x;
  return decimal::from_raw(sign.is_negative()
                             ? std::numeric_limits<int64_t>::min()
                             : std::numeric_limits<int64_t>::max());
}

decimal value_in(const venue_balances& by_cur, const std::string& quote,
                 const price_map& prices) {
  decimal sum;
  for (const auto& [cur, b] : by_cur) {
    decimal value;
    if (cur == quote)
      value = b.total;
    else if (auto i = prices.find({cur, quote});
             i != prices.end() && i->second.is_positive())
      value = held(decimal::mul(b.total, i->second), b.total);
    sum = held(decimal::add(sum, value), value);
  }
  return sum;
}

} // namespace

decimal capital_of(const std::map<exchange, venue_balances>& balances,
                   const std::set<exchange>& venues, const std::string& quote,
                   const price_map& prices) {
  std::set<exchange> accounts;
  for (auto venue : venues)
    accounts.insert(account_of(venue));
  std::set<exchange> reported;
  for (const auto& [venue, _] : balances)
    if (accounts.count(account_of(venue)))
      reported.insert(venue);
  decimal sum;
  for (auto venue : counted_venues(reported)) {
    auto value = value_in(balances.at(venue), quote, prices);
    sum = held(decimal::add(sum, value), value);
  }
  return sum;
}

} // namespace karb::risk
