#pragma once

// The API's pure core: (method, target, headers, body) in, (status,
// content type, body) out, through a table of routes. Reads are served
// from the snapshot board; controls go to `control` and answer when its
// reply comes back, so a caller never blocks on one. No sockets here.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actors/api/control.hpp"
#include "actors/api/http_types.hpp"
#include "actors/api/snapshot_board.hpp"
#include "messages/secret.hpp"

namespace karb::api {

struct router_setup {
  std::shared_ptr<snapshot_board> board;
  control_fn control;             ///< null: controls answer 503
  secret token;                   ///< empty: controls are refused (403)
  bool reads_need_token = false;  ///< true on any bind but loopback
  /// The /metrics body (Prometheus text).
  std::function<std::string()> metrics_text;
};

/// Who may call a route.
enum class access {
  open,    ///< anyone: /health and the dashboard's files
  read,    ///< anyone on loopback; the token on any other bind
  control, ///< the token, always
};

/// What a route's handler gets.
struct route_call {
  const http_request& request;
  const std::map<std::string, std::string>& params;  ///< {name} captures
  const std::map<std::string, std::string>& query;
  const router_setup& setup;
};

struct route {
  std::string method;
  std::string pattern;  ///< e.g. "/api/v1/books/{venue}/{symbol}"
  access who = access::read;
  std::function<void(const route_call&, const respond_fn&)> handle;
};

class router {
public:
  explicit router(router_setup setup);

  /// Answers `req` through `respond`: at once for reads and refusals,
  /// when the control's reply arrives for controls.
  void handle(const http_request& req, respond_fn respond) const;

  /// The refusal (401 or 403) for a call needing `who`, if any.
  std::optional<http_response> refusal(access who,
                                       const http_request& req) const;

  const std::vector<route>& routes() const { return routes_; }

private:
  router_setup setup_;
  std::vector<route> routes_;
};

// -- the route tables (read_routes.cpp, control_routes.cpp) -------------------

std::vector<route> read_routes();
std::vector<route> control_routes();

/// The HTTP response for a control's JSON reply: 409 with the reply when
/// it holds "error", else 200.
http_response control_response(const std::string& reply);

} // namespace karb::api
