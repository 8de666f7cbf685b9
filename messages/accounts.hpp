#pragma once

// The account behind a venue. OKX's trading account and Bybit's UNIFIED
// account stand behind both of their node venues (spot and perpetual),
// which report the same balances; every other venue has its own account.
// Wherever balances are added up, each account counts once: its spot
// venue's view (the one our spot fills move between refreshes), or,
// while that venue has reported nothing, another of its venues' view.

#include <map>
#include <set>

#include "messages/enums.hpp"

namespace karb {

/// The account behind `venue`, named by its spot venue: okx_swap's is
/// okx_spot's, bybit_linear's bybit_spot's; every other venue's is its own.
constexpr exchange account_of(exchange venue) {
  switch (venue) {
    case exchange::okx_swap:
      return exchange::okx_spot;
    case exchange::bybit_linear:
      return exchange::bybit_spot;
    default:
      return venue;
  }
}

/// Of the venues that `reported` balances, the ones that count: one per
/// account, its spot venue when that reported, else its first other one.
inline std::set<exchange> counted_venues(const std::set<exchange>& reported) {
  std::map<exchange, exchange> by_account;
  for (auto venue : reported) {
    auto [i, added] = by_account.emplace(account_of(venue), venue);
    if (!added && venue == i->first)
      i->second = venue;
  }
  std::set<exchange> out;
  for (const auto& [_, venue] : by_account)
    out.insert(venue);
  return out;
}

} // namespace karb
