#pragma once

// JWT HS256 / HS512 as Upbit and Bithumb (API 2.0) sign requests:
// base64url(header) "." base64url(payload) "." base64url(HMAC(secret, ...)),
// no padding, secret used as raw bytes (never base64-decoded).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace karb::jwt {

enum class alg { hs256, hs512 };

/// The claims both Korean venues use. `timestamp_ms` is Bithumb's (0: omit);
/// `query` is the exact string to hash ("" for a request without parameters).
struct claims {
  std::string access_key;
  std::string nonce;
  int64_t timestamp_ms = 0;
  std::string query;
};

/// Compact payload JSON, claims in the venues' documented order:
/// access_key, nonce, [timestamp], [query_hash, query_hash_alg].
std::string payload_json(const claims& c);

/// Signs header + payload bytes exactly as given.
std::string sign(alg a, std::string_view payload, std::string_view secret);

/// payload_json + sign.
std::string make_token(alg a, const claims& c, std::string_view secret);

/// A decoded token whose signature matched.
struct verified {
  alg algorithm = alg::hs256;
  std::string header_json;
  std::string payload_json;
};

/// Why a token was refused.
enum class verify_error {
  malformed,          ///< not three base64url parts
  unsupported_alg,    ///< header alg is not HS256/HS512
  bad_signature,
};

/// Verifies structure, algorithm and signature; the caller checks claims.
std::optional<verified> verify(std::string_view token, std::string_view secret,
                               verify_error* why = nullptr);

} // namespace karb::jwt
