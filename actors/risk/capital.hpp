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
// Each account counts once (messages/accounts.hpp): OKX's and Bybit's
// spot and perpetual venues share one.

#include <map>
#include <set>
#include <string>
#include <utility>

#include "messages/accounts.hpp"
#include "messages/orders.hpp"

namespace karb::risk {

/// One venue's balances by currency.
using venue_balances = std::map<std::string, balance>;

/// Prices by (asset, quote).
using price_map = std::map<std::pair<std::string, std::string>, decimal>;

/// What `venues` hold in `quote`, each account once: the quote at face
/// value, other assets at their price in `quote` (unpriced: not counted).
decimal capital_of(const std::map<exchange, venue_balances>& balances,
                   const std::set<exchange>& venues, const std::string& quote,
                   const price_map& prices);

} // namespace karb::risk
