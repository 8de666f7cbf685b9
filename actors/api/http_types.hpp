#pragma once

// One HTTP request and its response as plain values: what the router takes
// and gives, so that routing is tested without sockets.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace karb::api {

struct http_request {
  std::string method;                          ///< "GET", "POST", ...
  std::string target;                          ///< path and query
  std::map<std::string, std::string> headers;  ///< names in lower case
  std::string body;

  /// The value of header `lower_name`, or "".
  std::string header(const std::string& lower_name) const;
};

struct http_response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  /// Headers beyond Content-Type (e.g. WWW-Authenticate, Allow).
  std::vector<std::pair<std::string, std::string>> headers;
};

/// Receives the response; may run later, on another thread (controls).
using respond_fn = std::function<void(http_response)>;

/// {"error": message} with `status`.
http_response json_error(int status, std::string_view message);

/// A 200 response with a JSON document in text form.
http_response json_ok(std::string body);

} // namespace karb::api
