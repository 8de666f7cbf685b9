#include "actors/alerts/alerter.hpp"

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"

namespace karb::alerts {

namespace {

void deliver(alerter_state& st, const std::vector<alert>& alerts) {
  for (auto& a : alerts) {
    auto lvl = a.state == "resolved"     ? log::level::info
               : a.severity == "critical" ? log::level::error
                                          : log::level::warn;
    log::write(lvl, "alerts", a.rule,
               {{"key", a.key},
                {"state", a.state},
                {"severity", a.severity},
                {"message", a.message},
                {"repeats", a.repeats}});
    metrics::global()
      .get_counter("karb_alerts_total", "alerts sent (firing, repeats, "
                                        "resolved)",
                   {{"rule", a.rule}, {"state", a.state}})
      .add();
    if (st.sink)
      st.sink(a);
  }
}

} // namespace

std::string to_json(const alert& a, const std::string& node) {
  return nlohmann::json{{"node", node},
                        {"key", a.key},
                        {"rule", a.rule},
                        {"severity", a.severity},
                        {"state", a.state},
                        {"message", a.message},
                        {"repeats", a.repeats}}
    .dump();
}

alerter_actor::behavior_type
alerter(alerter_actor::stateful_pointer<alerter_state> self,
        alerter_setup setup) {
  self->state.engine = std::make_unique<alert_engine>(setup.rules);
  self->state.sink = std::move(setup.sink);
  if (setup.bus)
    self->send(setup.bus, atom::subscribe_v,
               caf::actor_cast<event_sink_actor>(self));
  auto tick = setup.tick;
  self->delayed_send(self, tick, atom::tick_v);
  return {
    [=](const event& e) {
      deliver(self->state,
              self->state.engine->on_event(e, self->clock().now()));
    },
    [=](atom::tick) {
      deliver(self->state, self->state.engine->on_tick(self->clock().now()));
      self->delayed_send(self, tick, atom::tick_v);
    },
  };
}

} // namespace karb::alerts
