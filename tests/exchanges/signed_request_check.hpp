#pragma once

// Helpers to inspect a signed request's JWT in endpoint tests.

#include <string>

#include <gtest/gtest.h>

#include "exchanges/common/http_types.hpp"
#include "exchanges/common/jwt.hpp"

namespace karb::test {

inline constexpr const char* test_access = "test-access-key";
inline constexpr const char* test_secret = "test-secret-key";
inline constexpr const char* test_nonce = "6f5570df-d8bc-4daf-85b4-976733feb624";

/// The value of header `name`, or "" when absent.
inline std::string header_of(const http::request& r, const std::string& name) {
  for (auto& [k, v] : r.headers)
    if (k == name)
      return v;
  return {};
}

/// The bearer token of `r` ("" when absent).
inline std::string token_of(const http::request& r) {
  auto h = header_of(r, "Authorization");
  return h.rfind("Bearer ", 0) == 0 ? h.substr(7) : std::string{};
}

/// The verified payload JSON of `r`'s token ("" if it does not verify).
inline std::string payload_of(const http::request& r,
                              const char* secret = test_secret) {
  auto v = jwt::verify(token_of(r), secret);
  return v ? v->payload_json : std::string{};
}

} // namespace karb::test
