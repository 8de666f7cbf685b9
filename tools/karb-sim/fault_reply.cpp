#include "tools/karb-sim/fault_reply.hpp"

#include <algorithm>
#include <string>

#include "tools/karb-sim/router_detail.hpp"

namespace karb::sim {

http::response gateway_page(int status) {
  std::string title = std::to_string(status) + " "
                      + (status == 503   ? "Service Temporarily Unavailable"
                         : status == 504 ? "Gateway Time-out"
                                         : "Bad Gateway");
  http::response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "text/html");
  r.headers.emplace_back("Server", "nginx");
  r.body = "<html><head><title>" + title + "</title></head><body><center><h1>"
           + title + "</h1></center><hr><center>nginx</center></body></html>";
  return r;
}

void truncate_body(http::response& r) {
  r.body.resize(r.body.size() / 2);
}

int64_t retry_after_seconds(time_ms ms) {
  return std::max<int64_t>(1, (ms + 999) / 1000);
}

http::response ban_reply(time_ms left_ms) {
  auto seconds = retry_after_seconds(left_ms);
  auto r = detail::error_reply(418, "blocked",
                               "Blocked by the venue; retry in "
                                 + std::to_string(seconds) + " s.");
  r.headers.emplace_back("Retry-After", std::to_string(seconds));
  return r;
}

} // namespace karb::sim
