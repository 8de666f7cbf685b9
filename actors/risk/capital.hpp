#pragma once

// What the venues hold, per quote currency (the capital part of risk's
// equity, risk_core.hpp). Pure.
//
// A quote's capital counts only the venues that trade it: Binance's BTC
// is USDT capital, never KRW capital, so BTC moving between a USDT venue
// and another cannot move KRW equity (KRW and USDT never mix). A venue
// trades a quote once risk saw it in a checked leg or an open position
// of that quote.
//
// Each account counts once. OKX's trading account and Bybit's UNIFIED
// account stand behind both of their node venues (spot and perpetual),
// which report the same balances. The account counts its spot venue's
// view: the portfolio moves a venue's balances by its fills until the
// next refresh, which is right for spot fills only (a perpetual fill
// moves no base asset); the perpetual venue's view counts only while the
// spot venue has reported none.

#include <map>
#include <set>
#include <string>
#include <utility>

#include "messages/orders.hpp"

namespace karb::risk {

/// One venue's balances by currency.
using venue_balances = std::map<std::string, balance>;

/// Prices by (asset, quote).
using price_map = std::map<std::pair<std::string, std::string>, decimal>;

/// The account behind a venue, named by its spot venue: okx_swap's is
/// okx_spot's, bybit_linear's bybit_spot's; every other venue has its own.
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

/// What `venues` hold in `quote`, each account once: the quote at face
/// value, other assets at their price in `quote` (unpriced: not counted).
decimal capital_of(const std::map<exchange, venue_balances>& balances,
                   const std::set<exchange>& venues, const std::string& quote,
                   const price_map& prices);

} // namespace karb::risk
