#pragma once

// A request as Beast parsed it, turned into the router's plain value
// (header names in lower case). The server's sessions and the HTTP fuzz
// target share it.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "actors/api/http_types.hpp"

namespace karb::api {

using beast_request
  = boost::beast::http::request<boost::beast::http::string_body>;

http_request to_request(const beast_request& req);

} // namespace karb::api
