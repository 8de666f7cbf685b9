#pragma once

// The REST API of one simulated venue as a pure function of the request and
// the time: `handle(request, now) -> response`. No sockets; the server only
// moves bytes to and from it.

#include <string>

#include <nlohmann/json.hpp>

#include "exchanges/common/http_types.hpp"
#include "tools/karb-sim/venue.hpp"

namespace karb::sim {

/// A routed reply plus what the server and the request log need to know.
struct reply {
  http::response response;
  int delay_ms = 0;       ///< "slow" fault: wait before replying
  bool drop = false;      ///< "drop_order_reply": close without replying
  std::string auth = "public"; ///< "public", "ok" or the auth error name
  std::string account;    ///< access key when authenticated
  nlohmann::json order;   ///< order parameters of an order call, else null
};

class router {
public:
  explicit router(venue& v) : v_(v) {}

  reply route(const http::request& req, time_ms now);

  http::response handle(const http::request& req, time_ms now) {
    return route(req, now).response;
  }

private:
  venue& v_;
};

} // namespace karb::sim
