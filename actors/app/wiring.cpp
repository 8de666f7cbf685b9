#include "actors/app/wiring.hpp"

#include <caf/all.hpp>

#include "actors/alerts/alerter.hpp"
#include "actors/alerts/webhook.hpp"
#include "actors/log/event_logger.hpp"

namespace karb::app {

using std::chrono::milliseconds;
using std::chrono::seconds;

node::supervision_params
supervision_from(const config::supervision_settings& s) {
  node::supervision_params p;
  p.backoff.base = milliseconds{s.restart_base_ms};
  p.backoff.cap = milliseconds{s.restart_cap_ms};
  p.backoff.jitter = s.restart_jitter;
  p.breaker_failures = static_cast<int>(s.breaker_failures);
  p.breaker_cool_down = seconds{s.breaker_cool_down_s};
  p.stable_after = seconds{s.stable_after_s};
  return p;
}

std::vector<node::child_spec> build_children(const config::settings& cfg,
                                             const deps& d) {
  std::vector<node::child_spec> out;
  // Shutdown order: strategies (10) -> execution (20) -> venues (30) ->
  // store and logging last (90).
  out.push_back({"event_logger", "log", {node::restart_policy::restart, 90},
                 [bus = d.bus](caf::actor_system& sys) {
                   auto logger = sys.spawn(event_logger, bus);
                   // Subscribe now, so the node's next events reach it.
                   caf::anon_send(bus, atom::subscribe_v, logger);
                   return caf::actor_cast<caf::actor>(logger);
                 }});
  out.push_back(
    {"alerter", "alerts", {node::restart_policy::restart, 85},
     [bus = d.bus, io = d.io, rules = cfg.alerts,
      name = cfg.node.name](caf::actor_system& sys) {
       alerts::alert_sink sink;
       if (!rules.webhook_url.empty() && io)
         sink = alerts::make_webhook_sink(*io, rules.webhook_url, name);
       auto a = sys.spawn(alerts::alerter,
                          alerts::alerter_setup{rules, {}, sink,
                                                std::chrono::seconds{1}});
       caf::anon_send(bus, atom::subscribe_v,
                      caf::actor_cast<event_sink_actor>(a));
       return caf::actor_cast<caf::actor>(a);
     }});
  return out;
}

node::node_setup build_node(const config::settings& cfg, const deps& d) {
  node::node_setup s;
  s.name = cfg.node.name;
  s.params = supervision_from(cfg.supervision);
  s.children = build_children(cfg, d);
  s.bus = d.bus;
  s.status_interval = seconds{cfg.node.status_interval_s};
  s.shutdown_timeout = seconds{cfg.supervision.shutdown_timeout_s};
  return s;
}

} // namespace karb::app
