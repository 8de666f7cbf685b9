#pragma once

// The risk actor: a thin shell over risk_core. Time: the breaker and order
// rate use the actor clock; the trading day uses the setup's wall clock
// (tests give it one that moves with virtual time). Events:
// RISK_LIMIT_BREACH for denials on limits (and when a report or a funding
// payment crosses the daily loss limit), EMERGENCY_STOP on every halt (the
// operator's, the equity drawdown's, the emergency stop's), RISK_ALERT when
// the failure breaker opens and for each liquidation-guard close.
//
// Emergency stop (atom::emergency, reason): halts like atom::halt, then
// asks execution to flatten (cancel every live order, close every
// position reduce-only) and replies execution's flatten_report, or an
// error naming why there is none (no execution, or it did not answer
// within flatten_timeout; risk stays halted either way). The liquidation
// guard's close requests go to execution as atom::close.

#include <chrono>
#include <functional>
#include <optional>

#include <caf/fwd.hpp>
#include <caf/timespan.hpp>

#include "actors/common/clock.hpp"
#include "actors/common/hot_loop.hpp"
#include "actors/risk/risk_core.hpp"
#include "messages/interfaces.hpp"

namespace karb::risk {

/// Finds the execution actor when risk needs it (it starts after risk);
/// null or empty: none.
using execution_locator = std::function<execution_actor()>;

struct risk_setup {
  risk_params params;
  event_bus_actor bus;            ///< may be null
  karb::wall_clock wall_clock{};  ///< for the trading day
  execution_locator execution;    ///< flatten and close requests
  caf::timespan flatten_timeout = std::chrono::seconds{30};
};

struct risk_state {
  std::optional<risk_core> core;
  event_bus_actor bus;
  karb::wall_clock wall_clock;
  execution_locator execution;
  caf::timespan flatten_timeout{};
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
