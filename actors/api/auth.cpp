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

std::optional<std::string> bearer_from_protocols(std::string_view offered) {
  constexpr std::string_view prefix = "bearer.";
  while (!offered.empty()) {
    auto comma = offered.find(',');
    auto item = offered.substr(0, comma);
    while (!item.empty() && item.front() == ' ')
      item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ')
      item.remove_suffix(1);
    if (item.size() > prefix.size() && item.substr(0, prefix.size()) == prefix)
      return std::string{item.substr(prefix.size())};
    if (comma == std::string_view::npos)
      break;
    offered.remove_prefix(comma + 1);
  }
  return std::nullopt;
}

} // namespace karb::api
