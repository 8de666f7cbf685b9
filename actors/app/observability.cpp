#include "actors/app/observability.hpp"

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/metrics/process_metrics.hpp"
#include "actors/metrics/registry.hpp"

namespace karb::app {

namespace {

metrics::http_reply health(caf::actor_system& sys, const node_actor& node) {
  caf::scoped_actor self{sys};
  metrics::http_reply r{503, "application/json", ""};
  nlohmann::json j{{"status", "DOWN"}};
  self->request(node, std::chrono::seconds{1}, atom::status_v)
    .receive(
      [&](const node_status& st) {
        nlohmann::json down = nlohmann::json::array();
        for (auto& c : st.children)
          if (c.state != "running")
            down.push_back(c.name);
        j = {{"status", down.empty() ? "UP" : "DEGRADED"},
             {"node", st.name},
             {"uptime_ms", st.uptime_ms},
             {"children", st.children.size()},
             {"not_running", down}};
        r.status = down.empty() ? 200 : 503;
      },
      [&](caf::error& e) { j["reason"] = sys.render(e); });
  r.body = j.dump() + "\n";
  return r;
}

} // namespace

std::unique_ptr<metrics::http_endpoint>
serve_observability(caf::actor_system& sys, node_actor node,
                    const std::string& bind, uint16_t port,
                    std::string& error) {
  auto ep = std::make_unique<metrics::http_endpoint>();
  auto* sys_ptr = &sys;
  auto ok = ep->start(bind, port,
                      [sys_ptr, node](const std::string& path) {
                        if (path == "/metrics") {
                          auto& reg = metrics::global();
                          metrics::update_process_metrics(reg);
                          return metrics::http_reply{200,
                                                     "text/plain; "
                                                     "version=0.0.4; "
                                                     "charset=utf-8",
                                                     reg.render()};
                        }
                        if (path == "/health")
                          return health(*sys_ptr, node);
                        return metrics::http_reply{404, "text/plain",
                                                   "try /metrics or /health\n"};
                      },
                      error);
  if (!ok)
    return nullptr;
  return ep;
}

} // namespace karb::app
