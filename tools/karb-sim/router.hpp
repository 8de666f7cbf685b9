#pragma once

// The REST API of one simulated venue as a pure function of the request and
// the time: `handle(request, now) -> response`. No sockets; the server only
// moves bytes to and from it.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "exchanges/common/http_types.hpp"
#include "tools/karb-sim/venue.hpp"

namespace karb::sim {

/// A routed reply plus what the server and the request log need to know.
struct reply {
  http::response response;
  int delay_ms = 0;       ///< "slow" fault: wait before replying
  bool drop = false;      ///< "drop_order_reply": close without replying
  bool reset = false;     ///< "reset_after_accept": TCP reset, no reply
  std::string fault;      ///< faults that shaped the reply, comma-separated
  bool chaos = false;     ///< one of them was drawn by "chaos"
  std::string auth = "public"; ///< "public", "ok" or the auth error name
  std::string account;    ///< access key when authenticated
  nlohmann::json order;   ///< order parameters of an order call, else null
};

/// Records that fault `name` shaped `r` (for the request log).
void mark_fault(reply& r, std::string_view name);

class router {
public:
  explicit router(venue& v) : v_(v) {}

  /// The venue's answer, then the reply faults (router_faults.cpp): a ban
  /// or a gateway error `before` answers without the venue; the others
  /// replace, cut or withhold the answer of a processed request.
  reply route(const http::request& req, time_ms now);

  http::response handle(const http::request& req, time_ms now) {
    return route(req, now).response;
  }

private:
  /// The venue itself: endpoints, auth, limits and the in-venue faults.
  reply dispatch(const http::request& req, time_ms now);

  venue& v_;
};

} // namespace karb::sim
