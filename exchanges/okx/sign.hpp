#pragma once

// OKX request signing (exchanges.md §5.1).
//
// REST: prehash = timestamp + METHOD + requestPath (with its "?query") +
// body (the exact JSON sent; empty for GET), signed with HMAC-SHA256 and
// sent base64 in OK-ACCESS-SIGN, beside OK-ACCESS-KEY, OK-ACCESS-TIMESTAMP
// (UTC ISO-8601 with milliseconds, "2020-12-08T09:08:57.715Z", from
// signing_context::timestamp_ms) and OK-ACCESS-PASSPHRASE.
//
// WebSocket login: `{"op":"login","args":[{"apiKey","passphrase",
// "timestamp","sign"}]}` with the timestamp in unix SECONDS and the sign
// over timestamp + "GET" + "/users/self/verify".
//
// The secret key and the passphrase only ever reach the signature and
// the passphrase header / login argument; nothing here logs them.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exchanges/common/credentials.hpp"
#include "exchanges/common/http_types.hpp"
#include "exchanges/common/signing_context.hpp"

namespace karb::okx {

using param = std::pair<std::string, std::string>;
using params = std::vector<param>;

/// "2020-12-08T09:08:57.715Z" for a time in ms since the Unix epoch.
std::string iso_timestamp(int64_t ms);

/// base64(HMAC-SHA256(secret, prehash)).
std::string sign(std::string_view secret, std::string_view prehash);

/// `path` with "?k=v&..." when `ps` is not empty (values percent-encoded).
std::string with_query(std::string_view path, const params& ps);

/// An unsigned GET (public market data).
http::request public_request(std::string_view path, const params& ps = {});

/// A signed request: GET with `ps` in the target, or POST with the JSON
/// `body`. Reads are idempotent, writes are not.
http::request signed_request(std::string_view method, std::string_view path,
                             const params& ps, std::string body,
                             const credentials& creds,
                             const signing_context& ctx);

/// The WebSocket login message (timestamp = ctx.timestamp_ms / 1000).
std::string login_message(const credentials& creds,
                          const signing_context& ctx);

} // namespace karb::okx
