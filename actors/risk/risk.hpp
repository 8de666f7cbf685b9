#pragma once

// The risk actor: a thin shell over risk_core. Time: the breaker and order
// rate use the actor clock; the trading day uses a wall clock derived from
// it (wall at spawn + elapsed actor time), so tests move both with virtual
// time. Events: RISK_LIMIT_BREACH for denials on limits (and when a report
// crosses the daily loss limit), EMERGENCY_STOP on halt, RISK_ALERT when
// the failure breaker opens.

#include <chrono>
#include <cstdint>
#include <optional>

#include <caf/fwd.hpp>

#include "actors/common/hot_loop.hpp"
#include "actors/risk/risk_core.hpp"
#include "messages/interfaces.hpp"

namespace karb::risk {

struct risk_setup {
  risk_params params;
  event_bus_actor bus;          ///< may be null
  int64_t wall_start_ns = 0;    ///< wall clock at spawn; 0: the system clock
};

struct risk_state {
  std::optional<risk_core> core;
  event_bus_actor bus;
  time_point mono_start;
  int64_t wall_start_ns = 0;
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
