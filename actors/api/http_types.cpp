#include "actors/api/http_types.hpp"

#include <nlohmann/json.hpp>

namespace karb::api {

std::string http_request::header(const std::string& lower_name) const {
  auto i = headers.find(lower_name);
  return i == headers.end() ? std::string{} : i->second;
}

http_response json_error(int status, std::string_view message) {
  // The message may quote the request (a path, a name), which is any
  // bytes: invalid UTF-8 is replaced, never thrown on.
  return {status, "application/json",
          nlohmann::json{{"error", message}}.dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace),
          {}};
}

http_response json_ok(std::string body) {
  return {200, "application/json", std::move(body), {}};
}

} // namespace karb::api
