#include "actors/api/beast_request.hpp"

#include <algorithm>
#include <cctype>

namespace karb::api {

http_request to_request(const beast_request& req) {
  http_request out;
  out.method = std::string{req.method_string()};
  out.target = std::string{req.target()};
  for (auto& f : req) {
    std::string name{f.name_string()};
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    out.headers[name] = std::string{f.value()};
  }
  out.body = req.body();
  return out;
}

} // namespace karb::api
