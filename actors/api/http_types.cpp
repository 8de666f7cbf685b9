#include "actors/api/http_types.hpp"

#include <nlohmann/json.hpp>

namespace karb::api {

std::string http_request::header(const std::string& lower_name) const {
  auto i = headers.find(lower_name);
  return i == headers.end() ? std::string{} : i->second;
}

http_response json_error(int status, std::string_view message) {
  return {status, "application/json",
          nlohmann::json{{"error", message}}.dump(), {}};
}

http_response json_ok(std::string body) {
  return {200, "application/json", std::move(body), {}};
}

} // namespace karb::api
