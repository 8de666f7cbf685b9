#include "actors/api/grpc/access.hpp"

#include "actors/api/auth.hpp"

namespace karb::api {

access check_bearer(std::string_view authorization, const secret& token) {
  if (token.empty())
    return access::disabled;
  return bearer_matches(token, authorization) ? access::granted
                                              : access::unauthenticated;
}

} // namespace karb::api
