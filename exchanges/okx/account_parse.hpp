#pragma once

// OKX account data -> balances and positions, from REST replies and the
// private channels alike (same objects).
//
//   balance  data[]{uTime, details[]{ccy, availBal, cashBal, frozenBal,
//            uTime}}: free = availBal (cashBal - frozenBal where the
//            account mode leaves it empty), used = frozenBal, total =
//            cashBal
//   position data[]{instId, instType, pos (contracts, signed in net
//            mode), avgPx, markPx, liqPx, upl, lever, margin (isolated) or
//            imr (cross), uTime}: SWAP entries only (others are not this
//            venue's), zero positions left out, pos x the contract size ->
//            side and base amount (unknown size: error)

#include <string_view>
#include <vector>

#include "exchanges/common/json_text.hpp"
#include "exchanges/common/venue_protocol.hpp"

namespace karb::okx {

/// The balances of one account object (a `data[]` entry).
result<item_list<balance>> read_balances(const json_text::json& account,
                                         exchange venue);
/// Positions from `data[]`.
result<item_list<position>> read_positions(
  const json_text::json& list, const venue::contract_size_fn& sizes);

result<item_list<balance>> parse_balances(std::string_view body,
                                          exchange venue);
result<item_list<position>> parse_positions(
  std::string_view body, const venue::contract_size_fn& sizes);

} // namespace karb::okx
