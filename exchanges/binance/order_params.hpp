#pragma once

// The parameters of a new order (POST /api/v3/order, POST /fapi/v1/order)
// from karb's order_request, before signing:
//
//   limit            -> type=LIMIT  timeInForce=GTC quantity price
//   ioc / fok        -> type=LIMIT  timeInForce=IOC / FOK quantity price
//   market sell      -> type=MARKET quantity
//   market buy       -> type=MARKET quantity, or on spot quoteOrderQty
//                       when sized in quote (`quote_amount`); USD-M has no
//                       quote-sized orders and refuses it
//
// then `reduceOnly=true` (USD-M only; positionSide stays the one-way
// default BOTH), `newClientOrderId` and `newOrderRespType` (FULL on spot,
// for the fills; RESULT on USD-M, whose FULL does not exist). Amounts are
// written in decimal's exact text form. A request the venue could not take
// is refused here with a `bad_request` error (from_venue = false).

#include "exchanges/binance/sign.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/enums.hpp"
#include "messages/execution.hpp"

namespace karb::binance {

/// The order parameters for `venue` (binance_spot or binance_usdm).
result<params> order_params(exchange venue, const order_request& r);

/// Client ids the venues accept on both markets: 1-36 of [A-Za-z0-9_-].
bool is_valid_client_id(std::string_view id);

} // namespace karb::binance
