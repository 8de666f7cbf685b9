#pragma once

// The alerter actor: subscribes to the bus, runs the alert engine, writes
// every alert to the log and hands it to a transport (the webhook in the
// node, a probe in tests).

#include <functional>
#include <memory>

#include "actors/alerts/alert_engine.hpp"
#include "messages/interfaces.hpp"

namespace karb::alerts {

/// Delivers one alert (must not block: the webhook posts asynchronously).
using alert_sink = std::function<void(const alert&)>;

struct alerter_setup {
  config::alert_settings rules;
  event_bus_actor bus;
  alert_sink sink;                    ///< may be empty: log only
  caf::timespan tick{std::chrono::seconds{1}};
};

struct alerter_state {
  std::unique_ptr<alert_engine> engine;
  alert_sink sink;
  static inline const char* name = "alerter";
};

alerter_actor::behavior_type
alerter(alerter_actor::stateful_pointer<alerter_state> self,
        alerter_setup setup);

/// JSON body of a webhook POST for one alert.
std::string to_json(const alert& a, const std::string& node);

} // namespace karb::alerts
