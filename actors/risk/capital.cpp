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
  // One view per account: its spot venue's, else another of its venues'.
  std::map<exchange, const venue_balances*> accounts;
  for (auto venue : venues)
    accounts.emplace(account_of(venue), nullptr);
  for (const auto& [venue, by_cur] : balances) {
    auto i = accounts.find(account_of(venue));
    if (i != accounts.end() && (!i->second || venue == i->first))
      i->second = &by_cur;
  }
  decimal sum;
  for (const auto& [_, view] : accounts)
    if (view)
      sum += value_in(*view, quote, prices);
  return sum;
}

} // namespace karb::risk
