#include "actors/inspector/render.hpp"

namespace karb::inspector {

nlohmann::json to_json(const child_status& x) {
  return {{"name", x.name},
          {"kind", x.kind},
          {"state", x.state},
          {"restarts", x.restarts},
          {"consecutive_failures", x.consecutive_failures},
          {"breaker", x.breaker}};
}

nlohmann::json to_json(const node_status& x) {
  nlohmann::json children = nlohmann::json::array();
  for (auto& c : x.children)
    children.push_back(to_json(c));
  return {{"node", x.name}, {"uptime_ms", x.uptime_ms}, {"children", children}};
}

nlohmann::json to_json(const venue_status& x) {
  return {{"venue", x.venue},
          {"feed", x.feed_state},
          {"private", x.private_state},
          {"breaker", x.breaker},
          {"reconnects", x.reconnects},
          {"frames", x.frames},
          {"rest_requests", x.rest_requests},
          {"rest_errors", x.rest_errors}};
}

nlohmann::json to_json(const event& x) {
  auto data = nlohmann::json::parse(x.data, nullptr, false);
  if (data.is_discarded())
    data = x.data;
  return {{"type", to_string(x.type)},
          {"ts_ns", x.ts_ns},
          {"source", x.source},
          {"correlation_id", x.correlation_id},
          {"data", data}};
}

std::string error_reply(const std::string& message) {
  return nlohmann::json{{"error", message}}.dump();
}

} // namespace karb::inspector
