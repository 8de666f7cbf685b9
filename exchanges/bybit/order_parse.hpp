#pragma once

// Bybit v5 order objects -> order_snapshot, from REST (`/v5/order/realtime`,
// `/v5/order/history`, the create / cancel / amend acknowledgements) and
// from the private `order` stream, which uses the same field names.
//
// Status (`orderStatus`):
//   New, Untriggered, Triggered           -> open
//   PartiallyFilled                       -> partially_filled
//   Filled                                -> filled
//   Cancelled, PartiallyFilledCanceled,
//   Deactivated                           -> cancelled, or filled when
//                                            everything was executed anyway
//                                            (cumExecQty >= qty > 0)
//   Rejected                              -> rejected
// Type: Market -> market; Limit with timeInForce IOC / FOK -> ioc / fok;
//   other Limit (GTC, PostOnly) -> limit.
// Amounts: amount = qty, filled = cumExecQty, remaining = leavesQty (qty -
//   cumExecQty when absent), average price = avgPrice ("" or "0": none),
//   fee = cumExecFee. A spot market buy sized in quote (marketUnit
//   quoteCoin, the venue's default when marketUnit is absent) reads like
//   karb's request: amount 0, price = the quote to spend.
// Acknowledgements (create / cancel / amend) carry only orderId and
//   orderLinkId: their snapshot is status `submitted` (the reply says
//   nothing of the order's state; the stream or a lookup will).
//
// A lookup's list is empty when the venue does not know the client id:
// parse_order then fails with an `unknown_order` error.

#include <optional>
#include <string_view>
#include <vector>

#include "exchanges/common/json_text.hpp"
#include "exchanges/common/order_snapshot.hpp"
#include "exchanges/common/venue_error.hpp"

namespace karb::bybit {

/// Maps an order status; nullopt for unknown text.
std::optional<order_status> map_status(std::string_view status,
                                       decimal executed, decimal qty);

/// Maps an order type and time in force.
order_type map_type(std::string_view type, std::string_view time_in_force);

/// One order object (a full one, with orderStatus).
result<order_snapshot> read_order(const json_text::json& obj, exchange venue);

/// A create / cancel / amend reply, or a lookup's first list entry.
result<order_snapshot> parse_order(std::string_view body, exchange venue);

/// A list reply (realtime, history).
result<item_list<order_snapshot>> parse_orders(std::string_view body,
                                               exchange venue);

} // namespace karb::bybit
