#include "actors/risk/capital.hpp"

namespace karb::risk {

namespace {

decimal value_in(const venue_balances& by_cur, const std::string& quote,
                 const price_map& prices) {
  decimal sum;
  for (const auto& [cur, b] : by_cur) {
    if (cur == quote)
      sum += b.total;
    else if (auto i = prices.find({cur, quote});
             i != prices.end() && i->second.is_positive())
      sum += decimal::mul(b.total, i->second).value_or(decimal{});
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
  for (auto venue : counted_venues(reported))
    sum += value_in(balances.at(venue), quote, prices);
  return sum;
}

} // namespace karb::risk
