#pragma once

// Bybit v5 request signing (exchanges.md §6.1). A private request carries
// four headers: X-BAPI-API-KEY, X-BAPI-TIMESTAMP (ms, venue time from the
// signing context), X-BAPI-RECV-WINDOW (5000) and X-BAPI-SIGN, the
// lowercase hex HMAC-SHA256 of
//
//   timestamp + api key + recv window + payload
//
// where the payload is the query string of a GET (as sent, without '?')
// or the exact JSON body bytes of a POST. The WebSocket login signs
// "GET/realtime" + expires (ms) with the same HMAC.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exchanges/common/credentials.hpp"
#include "exchanges/common/http_types.hpp"
#include "exchanges/common/signing_context.hpp"

namespace karb::bybit {

using param = std::pair<std::string, std::string>;
using params = std::vector<param>;

/// The validity window of a signed request, in ms (the venue's default).
inline constexpr int recv_window_ms = 5000;

/// How long after its timestamp a WebSocket login stays valid, in ms: long
/// enough for the frame to travel and for a small clock error, short
/// enough that a captured login is soon useless.
inline constexpr int64_t ws_auth_validity_ms = 10'000;

/// Lowercase hex HMAC-SHA256(secret, ts + key + recv_window + payload).
std::string sign(std::string_view secret, int64_t timestamp_ms,
                 std::string_view api_key, int recv_window,
                 std::string_view payload);

/// Lowercase hex HMAC-SHA256(secret, "GET/realtime" + expires_ms).
std::string sign_ws_auth(std::string_view secret, int64_t expires_ms);

/// "k=v&k=v" in the given order, values percent-encoded where needed.
std::string join_query(const params& ps);

/// An unsigned GET (public market data): parameters in the target.
http::request public_get(std::string_view path, const params& ps);

/// A signed GET: parameters in the target, the query string signed.
http::request signed_get(std::string_view path, const params& ps,
                         const credentials& c, const signing_context& ctx);

/// A signed POST of a JSON body (never idempotent): the body signed as is.
http::request signed_post(std::string_view path, std::string body,
                          const credentials& c, const signing_context& ctx);

} // namespace karb::bybit
