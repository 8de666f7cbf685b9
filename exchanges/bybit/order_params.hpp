#pragma once

// The JSON bodies of Bybit v5 order calls (exchanges.md §6.2), from karb's
// requests, before signing; keys in a fixed order, amounts as strings in
// decimal's exact text form:
//
//   POST /v5/order/create
//     limit / ioc / fok -> orderType=Limit, timeInForce=GTC / IOC / FOK,
//                          qty, price
//     market            -> orderType=Market, qty; on spot marketUnit says
//                          what qty counts: quoteCoin for a buy sized in
//                          quote (`quote_amount`, qty = the quote to spend),
//                          baseCoin otherwise (the venue's default for a
//                          spot market buy is quote, so it is always
//                          explicit). Linear has no quote-sized orders.
//     then orderLinkId (our client id), and on linear positionIdx=0
//     (one-way mode) and reduceOnly.
//   POST /v5/order/amend   orderLinkId, qty and / or price (zero: unchanged)
//   POST /v5/order/cancel  orderLinkId
//
// A request the venue could not take is refused here with a `bad_request`
// error (from_venue = false) and never sent.

#include <string>
#include <string_view>

#include "exchanges/common/venue_error.hpp"
#include "messages/enums.hpp"
#include "messages/execution.hpp"

namespace karb::bybit {

/// The body of POST /v5/order/create on `venue`.
result<std::string> create_body(exchange venue, const order_request& r);

/// The body of POST /v5/order/amend; refused when both are zero.
result<std::string> amend_body(exchange venue, std::string_view symbol,
                               std::string_view client_id,
                               const decimal& new_price,
                               const decimal& new_quantity);

/// The body of POST /v5/order/cancel.
std::string cancel_body(exchange venue, std::string_view symbol,
                        std::string_view client_id);

} // namespace karb::bybit
