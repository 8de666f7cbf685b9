#pragma once

// Binance order objects -> order_snapshot: spot place (FULL) / get /
// cancel / openOrders / allOrders replies and USD-M place (RESULT) / get /
// cancel / lists.
//
// Status mapping (`X` / `status`):
//   NEW                      -> open
//   PARTIALLY_FILLED         -> partially_filled
//   FILLED                   -> filled
//   CANCELED, EXPIRED,
//   EXPIRED_IN_MATCH         -> cancelled, or filled when everything was
//                               executed anyway (executedQty >= origQty > 0)
//   PENDING_CANCEL           -> open / partially_filled (not final yet)
//   REJECTED                 -> rejected
//
// Types: LIMIT with timeInForce IOC / FOK -> ioc / fok, other LIMIT and
// LIMIT_MAKER -> limit, MARKET and every *_MARKET stop -> market; the
// stop-limit kinds read as limit (karb places none of them; venue_type
// keeps the raw text).
//
// Amounts: amount = origQty, filled = executedQty, remaining = the
// difference; a spot market buy sized in quote (origQuoteOrderQty > 0)
// reads like karb's request: amount 0, price = the quote to spend. Average
// price: spot cummulativeQuoteQty / executedQty (the venue's spelling),
// USD-M avgPrice. Spot FULL replies list `fills[]`; the order's fee is
// their commission sum when they share one asset. A cancel reply's own
// `clientOrderId` is the cancel's: ours is `origClientOrderId`.

#include <optional>
#include <string_view>
#include <vector>

#include "exchanges/common/json_text.hpp"
#include "exchanges/common/order_snapshot.hpp"
#include "exchanges/common/venue_error.hpp"

namespace karb::binance {

/// Maps an order status; nullopt for unknown text.
std::optional<order_status> map_status(std::string_view status,
                                       decimal executed, decimal orig_qty);

/// Maps an order type and time in force.
order_type map_type(std::string_view type, std::string_view time_in_force);

/// One order object.
result<order_snapshot> read_order(const json_text::json& obj, exchange venue);
/// A body holding one order object.
result<order_snapshot> parse_order(std::string_view body, exchange venue);
/// A body holding an array of order objects.
result<item_list<order_snapshot>> parse_orders(std::string_view body,
                                                 exchange venue);

} // namespace karb::binance
