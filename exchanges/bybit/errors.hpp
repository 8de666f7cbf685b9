#pragma once

// Bybit v5 replies (exchanges.md §6.2, §6.5): every reply is the envelope
// `{"retCode":N,"retMsg":"...","result":{...},"time":ms}`, mostly with
// HTTP 200; retCode 0 is success, anything else the venue's error, whose
// code becomes the error name ("110007") and retMsg the message.
//
//   10002 10003 10004 10005 10007 10010      auth (time window, key,
//                                            signature, permission, IP)
//   10006 10018                              rate_limited
//   10008 10009 10027                        blocked (user / IP banned)
//   10016                                    server_error
//   110001 110008 110010 170213              unknown_order (absent, or
//                                            already finished / cancelled)
//   110003 170133 170134                     invalid_price
//   170136 170137                            invalid_volume
//   110094 170140                            under_min_total
//   110004 110006 110007 110012 110014
//   110044 110045 170131                     insufficient_funds
//   110072 170141                            duplicate_client_id
//   170121                                   unknown_market
//   anything else (10001, 110017, ...)       bad_request
//
// `from_venue` is true only for that documented envelope. A 5xx is always
// a server_error with from_venue = false, whatever its body: the order may
// have been taken. HTTP 403 is the venue's IP rate-limit ban ("access too
// frequent", also a refused country): rate_limited, not from the venue. Any
// other status without the envelope (an HTML page, an empty body) is
// classified by the status alone.

#include <cstdint>
#include <optional>

#include "exchanges/common/http_types.hpp"
#include "exchanges/common/venue_error.hpp"

namespace karb::bybit {

/// Maps a retCode.
venue_errc classify(int64_t ret_code);

/// The venue error a reply carries; nullopt for a successful one.
std::optional<venue_error> check_reply(const http::response& res);

/// A set-up error meaning "already so": 110025 (position mode not
/// modified), 110026 (margin mode not modified), 110043 (leverage not
/// modified).
bool is_already_set(const venue_error& e);

} // namespace karb::bybit
