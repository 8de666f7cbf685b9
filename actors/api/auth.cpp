#include "actors/api/auth.hpp"

#include <cctype>

#include <openssl/crypto.h>

#include "exchanges/common/crypto.hpp"

namespace karb::api {

bool bearer_matches(const secret& token, std::string_view authorization) {
  constexpr std::string_view scheme = "Bearer ";
  if (token.empty() || authorization.size() < scheme.size())
    return false;
  // The scheme is case-insensitive (RFC 7235).
  for (size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(authorization[i]))
        != std::tolower(static_cast<unsigned char>(scheme[i])))
      return false;
  auto given = crypto::hash(crypto::digest::sha256,
                            authorization.substr(scheme.size()));
  auto want = crypto::hash(crypto::digest::sha256, token.reveal());
  return CRYPTO_memcmp(given.data(), want.data(), want.size()) == 0;
}

} // namespace karb::api
