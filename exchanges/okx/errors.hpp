#pragma once

// OKX error replies (exchanges.md §5.2, §5.4): `{"code":"51008","msg":
// "...","data":[...]}`, code a string, "0" for success, mostly with HTTP
// 200. Place / cancel / amend list one result per order in data[] with
// its own sCode / sMsg: the first item whose sCode is not "0" is the
// error (a failed single order comes with top-level code "1"), and items
// that all say "0" are a success whatever the top-level code. The code
// becomes the error name, the message its message.
//
//   50100 (API frozen)                               blocked
//   50102..50107 50111..50114, 60009 (login)         auth
//   50011 50013 50061, HTTP 429                      rate_limited
//   50001 50004 (status unknown) 50026               server_error
//   51001                                            unknown_market
//   51006                                            invalid_price
//   51121                                            invalid_volume
//   51020                                            under_min_total
//   51008 51131                                      insufficient_funds
//   51400 51401 51402 51410 51503 51603              unknown_order
//   51016 (duplicated clOrdId)                       duplicate_client_id
//   anything else                                    bad_request
//
// 51401/51402/51410 (cancel refused: already cancelled / done / being
// cancelled), 51503 (amend: order gone) and 51016 are from the venue's
// error list, not confirmed against live replies.
//
// `from_venue` is true only for that documented body on a status below
// 500. A 5xx is a server_error with from_venue = false whatever its body
// (an order may still have been taken); an HTML page, an empty or foreign
// body is classified by its status alone (401 auth, 403 blocked, 429 rate
// limited, other 4xx bad_request).

#include <optional>
#include <string_view>

#include "exchanges/common/http_types.hpp"
#include "exchanges/common/venue_error.hpp"

namespace karb::okx {

/// Maps a venue error code ("51008").
venue_errc classify(std::string_view code);

/// The venue error a reply carries; nullopt for a successful one.
std::optional<venue_error> check_reply(const http::response& res);

/// A set-up error meaning "already so". The venue answers success when a
/// position mode or leverage is set to what it is; 59000 (settings refused
/// while positions or orders are open) is taken as "already so" on the
/// guess that the account keeps the net mode it traded in. See the report.
bool is_already_set(const venue_error& e);

} // namespace karb::okx
