#include "actors/api/router.hpp"

#include "actors/api/assets.hpp"
#include "actors/api/auth.hpp"
#include "actors/api/target.hpp"

namespace karb::api {

namespace {

http_response unauthorized() {
  auto r = json_error(401, "missing or wrong bearer token");
  r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

// The dashboard's files, outside /api/: "/" is index.html.
std::optional<http_response> static_file(const std::string& path) {
  if (path.rfind("/api/", 0) == 0)
    return std::nullopt;
  auto a = find_asset(path == "/" ? "/index.html" : path);
  if (!a)
    return std::nullopt;
  return http_response{200, std::string{a->content_type},
                       std::string{a->body}, {}};
}

} // namespace

router::router(router_setup setup) : setup_(std::move(setup)) {
  routes_ = read_routes();
  for (auto& r : control_routes())
    routes_.push_back(std::move(r));
}

std::optional<http_response> router::refusal(access who,
                                             const http_request& req) const {
  if (who == access::open)
    return std::nullopt;
  if (who == access::control && setup_.token.empty())
    return json_error(403, "control disabled: no API token (set the "
                           "variable named by node.api.token_env)");
  if (who == access::read && !setup_.reads_need_token)
    return std::nullopt;
  if (!bearer_matches(setup_.token, req.header("authorization")))
    return unauthorized();
  return std::nullopt;
}

void router::handle(const http_request& req, respond_fn respond) const {
  auto target = parse_target(req.target);
  if (!target) {
    respond(json_error(400, "bad request target"));
    return;
  }
  std::string allowed;
  for (auto& r : routes_) {
    auto params = match_pattern(r.pattern, target->path);
    if (!params)
      continue;
    if (r.method != req.method) {
      allowed += (allowed.empty() ? "" : ", ") + r.method;
      continue;
    }
    if (auto refused = refusal(r.who, req)) {
      respond(std::move(*refused));
      return;
    }
    r.handle(route_call{req, *params, target->query, setup_}, respond);
    return;
  }
  if (!allowed.empty()) {
    auto r = json_error(405, "method " + req.method + " not allowed");
    r.headers.emplace_back("Allow", allowed);
    respond(std::move(r));
    return;
  }
  if (auto file = static_file(target->path)) {
    if (req.method == "GET")
      respond(std::move(*file));
    else
      respond(json_error(405, "method " + req.method + " not allowed"));
    return;
  }
  respond(json_error(404, "no such path: try /api/v1/openapi.json"));
}

} // namespace karb::api
