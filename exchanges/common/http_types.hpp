#pragma once

// Plain HTTP request / response values shared by the venue endpoint
// builders (pure) and the Beast client sessions (I/O). No Beast here.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace karb::http {

using header = std::pair<std::string, std::string>;

struct request {
  std::string method = "GET";  ///< GET, POST, DELETE
  std::string target;          ///< path plus "?query" as sent on the wire
  std::string body;            ///< JSON for POST, else empty
  std::vector<header> headers; ///< extra headers (Authorization, ...)
  bool idempotent = true;      ///< reads may be retried; orders never
};

struct response {
  int status = 0;
  std::vector<header> headers;
  std::string body;

  /// Case-insensitive header lookup; empty view when absent.
  std::string_view get(std::string_view name) const;
};

} // namespace karb::http
