#pragma once

// The API's bearer token check. The comparison takes the same time however
// much of a guess matches (both sides are hashed, then compared in
// constant time), and nothing here logs or returns the token.

#include <optional>
#include <string>
#include <string_view>

#include "messages/secret.hpp"

namespace karb::api {

/// Whether `authorization` (the header's value) is "Bearer <token>" with
/// the configured token. Always false when no token is configured.
bool bearer_matches(const secret& token, std::string_view authorization);

/// The stream's subprotocol, echoed to a browser that offered it.
inline constexpr std::string_view stream_protocol = "karb.v1";

/// A browser cannot set Authorization on a WebSocket, so the dashboard
/// offers its token as a subprotocol: `Sec-WebSocket-Protocol: karb.v1,
/// bearer.<token>`. The token out of that header's value, if offered.
std::optional<std::string> bearer_from_protocols(std::string_view offered);

} // namespace karb::api
