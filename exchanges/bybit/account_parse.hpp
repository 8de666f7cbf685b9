#pragma once

// Bybit v5 wallet and position objects, from REST replies and from the
// private stream alike (the stream's `wallet` / `position` data use the
// same field names).
//
// Wallet (UNIFIED account, one entry per account with a `coin` list):
//   coin -> currency, walletBalance -> total; used = locked (spot orders)
//   + totalOrderIM + totalPositionIM (margin held by derivatives orders and
//   positions; blank counts as 0); free = total - used, at least 0.
// Position: symbol, side Buy / Sell ("" when flat), size (unsigned),
//   avgPrice, markPrice, liqPrice ("" -> 0), unrealisedPnl, leverage,
//   positionIM -> margin (positionBalance when absent), updatedTime.
//   The REST list leaves flat entries out; the stream keeps them, with
//   amount 0, so that a closed position is seen as closed.

#include <cstdint>
#include <string_view>
#include <vector>

#include "exchanges/common/item_list.hpp"
#include "exchanges/common/json_text.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/orders.hpp"

namespace karb::bybit {

/// The balances of one wallet entry (an object with `coin`), at `ts_ns`.
result<unit> read_wallet(const json_text::json& account, exchange venue,
                         int64_t ts_ns, item_list<balance>& out);

/// One position object.
result<position> read_position(const json_text::json& obj);

/// GET /v5/account/wallet-balance -> balances of every listed coin.
result<item_list<balance>> parse_balances(std::string_view body,
                                          exchange venue);

/// GET /v5/position/list -> the open positions.
result<item_list<position>> parse_positions(std::string_view body);

} // namespace karb::bybit
