#pragma once

// Hashes, HMACs and encodings on OpenSSL 3, as the venues' signing schemes
// need them. Pure functions: no state, no I/O.

#include <string>
#include <string_view>

namespace karb::crypto {

enum class digest { sha256, sha512 };

/// Raw digest bytes.
std::string hash(digest d, std::string_view data);
/// Lowercase hex digest (Upbit / Bithumb `query_hash`).
std::string hash_hex(digest d, std::string_view data);
/// Raw HMAC bytes.
std::string hmac(digest d, std::string_view key, std::string_view data);
/// Lowercase hex HMAC (Binance, Bybit, legacy Bithumb).
std::string hmac_hex(digest d, std::string_view key, std::string_view data);

std::string to_hex(std::string_view bytes);
std::string base64(std::string_view bytes);
/// base64url without padding (JWT).
std::string base64url(std::string_view bytes);
/// Decodes base64url with or without padding; false on bad input.
bool base64url_decode(std::string_view text, std::string& out);

/// A random (version 4) UUID in canonical lowercase form, for nonces.
std::string uuid_v4();

/// Constant-time comparison for signatures.
bool equal_secure(std::string_view a, std::string_view b);

} // namespace karb::crypto
