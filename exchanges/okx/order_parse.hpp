#pragma once

// OKX order objects -> order_snapshot: GET /trade/order, /orders-pending,
// /orders-history entries, the `orders` channel pushes, and the bare
// acknowledgements of place / cancel / amend.
//
//   state   live -> open; partially_filled -> partially_filled; filled ->
//           filled; canceled, mmp_canceled -> cancelled (filled when
//           accFillSz reached sz)
//   ordType market -> market; ioc, optimal_limit_ioc -> ioc; fok -> fok;
//           limit, post_only and the rest -> limit
//   sizes   sz, accFillSz, fillSz: base units on spot; contracts on swap,
//           converted with the contract size of instId (unknown: error)
//   quote   a spot market buy with tgtCcy quote_ccy reads like karb's
//           request: amount 0, price = sz (the quote to spend)
//   fee     fee (negative = paid) -> our fee = -fee, so positive when
//           paid and negative for a rebate; feeCcy
//   fills   a push or entry whose tradeId and fillSz are set carries its
//           latest execution (fillPx, fillSz, fillFee / fillFeeCcy where
//           sent, else nothing as fee, fillTime)
//   ids     ordId; clOrdId decoded back to our form (client_id.hpp)
//
// An acknowledgement ({ordId, clOrdId, sCode, ...} without a state) says
// only that the venue took the request: it reads as open with nothing
// filled; the order's real state comes from the stream or a lookup.

#include <string_view>
#include <vector>

#include "exchanges/common/json_text.hpp"
#include "exchanges/common/order_snapshot.hpp"
#include "exchanges/common/venue_protocol.hpp"

namespace karb::okx {

/// Maps a state; nullopt for unknown text.
std::optional<order_status> map_state(std::string_view state, decimal filled,
                                      decimal size);

order_type map_type(std::string_view ord_type);

/// One order object.
result<order_snapshot> read_order(const json_text::json& obj, exchange venue,
                                  const venue::contract_size_fn& sizes);
/// data[0] of a reply.
result<order_snapshot> parse_order(std::string_view body, exchange venue,
                                   const venue::contract_size_fn& sizes);
/// Every entry of data[].
result<item_list<order_snapshot>> parse_orders(
  std::string_view body, exchange venue, const venue::contract_size_fn& sizes);

} // namespace karb::okx
