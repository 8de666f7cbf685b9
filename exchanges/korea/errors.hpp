#pragma once

// Error replies and rate-limit headers of the Upbit family (Upbit §1.5,
// Bithumb §2.4): `{"error":{"name","message"}}` with an HTTP status, which
// may be 2xx on Bithumb; 429/418 mean "rate limited" whatever the body.

#include <optional>
#include <string>
#include <string_view>

#include "exchanges/common/http_types.hpp"
#include "exchanges/common/token_bucket.hpp"
#include "exchanges/common/venue_error.hpp"

namespace karb::korea {

/// Maps a venue error name (and the HTTP status as a fallback) to a code.
venue_errc classify(int http_status, std::string_view name);

/// The venue error carried by a reply, or nullopt for a successful one.
/// 2xx with an `error` object is an error; 4xx/5xx without a readable body
/// is classified by status alone.
std::optional<venue_error> check_reply(int http_status, std::string_view body);
std::optional<venue_error> check_reply(const http::response& res);

/// The `{"error":{...}}` object of a body, if it has one (REST or WS).
std::optional<venue_error> error_body(std::string_view body, int http_status);

/// `Remaining-Req: group=default; min=1800; sec=29` -> {"default", 29}
/// (`min` is deprecated and ignored): the rate limiter's parser.
using net::parse_remaining_req;
using net::remaining_req;

} // namespace karb::korea
