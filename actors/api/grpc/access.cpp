#include "actors/api/grpc/access.hpp"

#include <cctype>

namespace karb::api {

bool is_loopback(std::string_view bind) {
  return bind == "localhost" || bind == "::1" || bind.starts_with("127.");
}

bool same_secret(std::string_view given, std::string_view expected) {
  unsigned diff = given.size() != expected.size() ? 1u : 0u;
  for (size_t i = 0; i < given.size(); ++i) {
    auto want = expected.empty() ? 0 : expected[i % expected.size()];
    diff |= static_cast<unsigned char>(given[i] ^ want);
  }
  return diff == 0;
}

access check_bearer(std::string_view authorization, const secret& token) {
  if (token.empty())
    return access::disabled;
  constexpr std::string_view scheme = "bearer ";
  if (authorization.size() <= scheme.size())
    return access::unauthenticated;
  for (size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(authorization[i]))
        != scheme[i])
      return access::unauthenticated;
  return same_secret(authorization.substr(scheme.size()), token.reveal())
           ? access::granted
           : access::unauthenticated;
}

} // namespace karb::api
