#pragma once

// Binance request security (spot and USD-M): `X-MBX-APIKEY`, HMAC-SHA256
// hex `signature` over query string + body (no separator) without the
// signature itself, `timestamp` within `recvWindow` (default 5000, at most
// 60000): accepted iff timestamp < server time + 1000 and server time -
// timestamp <= recvWindow. Pure.

#include <optional>
#include <string>
#include <string_view>

#include "tools/karb-sim/bn_engine.hpp"

namespace karb::sim {

struct bn_auth_verdict {
  bool ok = false;
  bn_error error;
  bn_account* acct = nullptr;
};

/// The API key alone (USER_STREAM endpoints): -2014 missing, -2015 unknown.
bn_auth_verdict check_api_key(bn_engine& eng, std::string_view api_key);

/// A SIGNED request: key, timestamp window (-1021), signature (-1022).
/// `query` and `body` as sent (the body form-urlencoded).
bn_auth_verdict check_signed(bn_engine& eng, std::string_view api_key,
                             std::string_view query, std::string_view body,
                             time_ms now);

/// The timestamp / recvWindow rule alone; error when outside.
std::optional<bn_error> check_timestamp(std::string_view timestamp,
                                        std::string_view recv_window,
                                        time_ms now);

/// `text` without its `signature=...` parameter; the signature in `sig`.
std::string strip_signature(std::string_view text, std::string& sig);

/// Lowercase hex HMAC-SHA256 of `payload` with `secret`.
std::string bn_sign(std::string_view secret, std::string_view payload);

} // namespace karb::sim
