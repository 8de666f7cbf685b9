#pragma once

// The risk actor: a thin shell over risk_core. Time: the breaker and order
// rate use the actor clock; the trading day uses the setup's wall clock
// (tests give it one that moves with virtual time). Events:
// RISK_LIMIT_BREACH for denials on limits (and when a report crosses the
// daily loss limit), EMERGENCY_STOP on halt, RISK_ALERT when the failure
// breaker opens.

#include <optional>

#include <caf/fwd.hpp>

#include "actors/common/clock.hpp"
#include "actors/common/hot_loop.hpp"
#include "actors/risk/risk_core.hpp"
#include "messages/interfaces.hpp"

namespace karb::risk {

struct risk_setup {
  risk_params params;
  event_bus_actor bus;            ///< may be null
  karb::wall_clock wall_clock{};  ///< for the trading day
};

struct risk_state {
  std::optional<risk_core> core;
  event_bus_actor bus;
  karb::wall_clock wall_clock;
  static inline const char* name = "risk";
};

risk_actor::behavior_type risk(hot_pointer<risk_actor, risk_state> self,
                               risk_setup setup);

/// Spawns the risk manager (on `hot` when given).
risk_actor spawn_risk(caf::actor_system& sys, risk_setup setup,
                      hot_loop* hot = nullptr);

/// risk_params from the node's settings (fees from the venues).
risk_params make_risk_params(const config::settings& cfg);

} // namespace karb::risk
