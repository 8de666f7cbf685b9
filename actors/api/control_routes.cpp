// The control routes: each maps to an inspector control command (as
// karb-inspect takes it) run through `control`; the response goes out when
// the command's reply comes back.

#include <nlohmann/json.hpp>

#include "actors/api/router.hpp"

namespace karb::api {

namespace {

using json = nlohmann::json;

// The command's arguments for a call, or the 400 response.
using command_of = std::function<std::optional<std::vector<std::string>>(
  const route_call&, http_response&)>;

void run(const route_call& c, const respond_fn& respond,
         std::vector<std::string> args) {
  if (!c.setup.control) {
    respond(json_error(503, "control unavailable"));
    return;
  }
  c.setup.control(std::move(args), [respond](std::string reply) {
    respond(control_response(reply));
  });
}

route post(std::string pattern, command_of command) {
  return route{"POST", std::move(pattern), access::control,
               [command = std::move(command)](const route_call& c,
                                              const respond_fn& respond) {
                 http_response bad;
                 auto args = command(c, bad);
                 if (!args)
                   respond(std::move(bad));
                 else
                   run(c, respond, std::move(*args));
               }};
}

// A command without input.
route post(std::string pattern, std::vector<std::string> args) {
  return post(std::move(pattern),
              [args = std::move(args)](const route_call&, http_response&) {
                return std::optional{args};
              });
}

// {"reason": "..."} in the body: the command, then the reason.
route post_with_reason(std::string pattern, std::string cmd) {
  return post(std::move(pattern),
              [cmd = std::move(cmd)](const route_call& c, http_response& bad)
                -> std::optional<std::vector<std::string>> {
                auto body = json::parse(c.request.body, nullptr, false);
                if (!body.is_object() || !body["reason"].is_string()
                    || body["reason"].get<std::string>().empty()) {
                  bad = json_error(400, "expected a JSON body "
                                        "{\"reason\": \"...\"}");
                  return std::nullopt;
                }
                return std::vector<std::string>{
                  cmd, body["reason"].get<std::string>()};
              });
}

// {id} of the path after `lead` (e.g. {"strategy", "start"}).
route post_with_id(std::string pattern, std::vector<std::string> lead) {
  return post(std::move(pattern),
              [lead = std::move(lead)](const route_call& c, http_response&) {
                auto args = lead;
                args.push_back(c.params.at("id"));
                return std::optional{args};
              });
}

} // namespace

http_response control_response(const std::string& reply) {
  auto doc = json::parse(reply, nullptr, false);
  if (doc.is_object() && doc.contains("error"))
    return {409, "application/json", reply, {}};
  return json_ok(reply);
}

std::vector<route> control_routes() {
  return {
    post_with_reason("/api/v1/risk/halt", "halt"),
    post("/api/v1/risk/resume", std::vector<std::string>{"resume"}),
    post_with_reason("/api/v1/risk/emergency-stop", "emergency-stop"),
    post_with_id("/api/v1/strategies/{id}/start", {"strategy", "start"}),
    post_with_id("/api/v1/strategies/{id}/stop", {"strategy", "stop"}),
    post_with_id("/api/v1/orders/{id}/cancel", {"cancel"}),
    post("/api/v1/orders/cancel-all", std::vector<std::string>{"cancel-all"}),
    post("/api/v1/config/reload", std::vector<std::string>{"reload"}),
  };
}

} // namespace karb::api
