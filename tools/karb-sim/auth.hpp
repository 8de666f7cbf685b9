#pragma once

// Verifies a request's `Authorization: Bearer <JWT>` the way Upbit and
// Bithumb (API 2.0) do: HS256/HS512 signature with the account's secret,
// known access key, unique nonce, query_hash over the parameters, and for
// Bithumb a millisecond timestamp. Pure apart from the nonce memory.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "tools/karb-sim/engine.hpp"

namespace karb::sim {

struct auth_verdict {
  bool ok = false;
  int status = 401;
  std::string name;    ///< error name, or "ok"
  std::string message;
  account* acct = nullptr;
};

class auth_verifier {
public:
  explicit auth_verifier(venue_kind v) : venue_(v) {}

  /// `authorization`: the header value (may be empty). `params`: the string
  /// the client must have hashed ("" when the request has no parameters);
  /// `params_alt` another accepted spelling (e.g. percent-decoded query).
  auth_verdict check(engine& eng, std::string_view authorization,
                     std::string_view params, std::string_view params_alt,
                     time_ms now);

  /// How far a Bithumb `timestamp` may be from the server clock.
  static constexpr time_ms timestamp_tolerance_ms = 60'000;

private:
  venue_kind venue_;
  std::unordered_set<std::string> nonces_; ///< access_key + '\n' + nonce
};

/// The string to hash for a JSON body: its fields as k=v&k=v in body order
/// (arrays as k[]=a&k[]=b); nullopt if the body is not a JSON object.
std::optional<std::string> body_query_string(std::string_view body);

/// Percent-decoding ('+' stays '+'); returns the input when malformed.
std::string url_decode(std::string_view s);

} // namespace karb::sim
