#pragma once

// Binance error replies (exchanges.md §3.4, §3.5, §4.3), the same on spot
// and USD-M: `{"code":-NNNN,"msg":"..."}` with a 4xx status. The venue's
// code becomes the error name ("-2010"), its msg the message.
//
//   -1021 -1022 -2014 -2015                 auth
//   -1003 -1015, HTTP 429 / 418             rate_limited
//   -1013 -1111 (filter failures)           by msg: PRICE_FILTER /
//                                           PERCENT_PRICE -> invalid_price,
//                                           LOT_SIZE -> invalid_volume,
//                                           NOTIONAL / MIN_NOTIONAL ->
//                                           under_min_total
//   -4014 / -4023                           invalid_price / invalid_volume
//   -4164                                   under_min_total
//   -2010                                   insufficient_funds when the msg
//                                           says so; "Duplicate order sent."
//                                           -> duplicate_client_id
//   -2019 (margin is insufficient)          insufficient_funds
//   -2011 -2013                             unknown_order
//   -1121                                   unknown_market
//   -1000 -1001 -1007 (status unknown)      server_error
//   anything else                           bad_request (4xx)
//
// `from_venue` is true only for that documented body. A 5xx is always a
// server_error with from_venue = false whatever its body: the venue may
// still have executed the order. An HTML page, an empty or foreign body on
// a 4xx is classified by its status alone (403: blocked by the WAF).
// USD-M set-up calls answer success as `{"code":200,"msg":"success"}`.

#include <optional>
#include <string_view>

#include "exchanges/common/http_types.hpp"
#include "exchanges/common/venue_error.hpp"

namespace karb::binance {

/// Maps a venue error code and message.
venue_errc classify(int64_t code, std::string_view msg);

/// The venue error a reply carries; nullopt for a successful one.
std::optional<venue_error> check_reply(const http::response& res);

/// A set-up error meaning "already so": -4046 (no need to change margin
/// type) and -4059 (no need to change position side).
bool is_already_set(const venue_error& e);

} // namespace karb::binance
