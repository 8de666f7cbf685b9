#pragma once

// Who may call the gRPC service: the bearer token from a call's
// `authorization` metadata against the configured one. Controls always need
// it; reads need it when the server binds beyond loopback.

#include <string>
#include <string_view>

#include "messages/secret.hpp"

namespace karb::api {

enum class access {
  granted,
  unauthenticated,  ///< no token, a malformed header, or the wrong token
  disabled,         ///< no token configured: nobody gets in
};

/// `authorization` is the header's value ("Bearer <token>"), empty when
/// the call had none; compared as the HTTP server does (api/auth.hpp).
access check_bearer(std::string_view authorization, const secret& token);

} // namespace karb::api
