#pragma once

// OKX request security (pure): OK-ACCESS-KEY / -SIGN / -TIMESTAMP /
// -PASSPHRASE, sign = base64(HMAC-SHA256(secret, timestamp + METHOD +
// requestPath-with-query + body)), ISO-8601 millisecond UTC timestamp
// within 30 s of the server clock; WebSocket login with a seconds
// timestamp over timestamp + "GET" + "/users/self/verify".

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "exchanges/common/http_types.hpp"
#include "tools/karb-sim/okx_venue.hpp"

namespace karb::sim {

struct okx_auth_verdict {
  bool ok = false;
  int status = 401;
  std::string code, msg;
  std::string key; ///< the API key when ok
};

/// Accepted clock skew either way.
inline constexpr time_ms okx_window_ms = 30'000;

/// base64(HMAC-SHA256(secret, prehash)).
std::string okx_sign(std::string_view secret, std::string_view prehash);
/// "2020-12-08T09:08:57.715Z"
std::string okx_iso_ms(time_ms t);
/// The inverse of okx_iso_ms (also without milliseconds); nullopt if not one.
std::optional<time_ms> parse_okx_iso(std::string_view text);

/// A signed REST request: 50103/50104/50106/50107 missing headers, 50112
/// a malformed timestamp, 50102 outside the window, 50111 unknown key,
/// 50105 wrong passphrase, 50113 wrong signature.
okx_auth_verdict okx_check_rest(const okx_venue& v, const http::request& req,
                                time_ms now);
/// A WebSocket login's args[0] {apiKey, passphrase, timestamp, sign}.
okx_auth_verdict okx_check_login(const okx_venue& v, const nlohmann::json& arg,
                                 time_ms now);

} // namespace karb::sim
