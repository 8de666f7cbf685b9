#pragma once

// The API's bearer token check. The comparison takes the same time however
// much of a guess matches (both sides are hashed, then compared in
// constant time), and nothing here logs or returns the token.

#include <string_view>

#include "messages/secret.hpp"

namespace karb::api {

/// Whether `authorization` (the header's value) is "Bearer <token>" with
/// the configured token. Always false when no token is configured.
bool bearer_matches(const secret& token, std::string_view authorization);

} // namespace karb::api
