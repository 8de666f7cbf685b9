#pragma once

// The position manager actor: polls every perpetual venue's positions at
// start, on a timer and when the venue's private stream reconnects, takes
// the positions a private stream pushes, and the portfolio's exposure (the
// spot side) on the timer. Changes go out as POSITION_OPENED / _UPDATED /
// _CLOSED on the bus; the book goes to risk on every change and on the
// timer; gauges per position and per asset go to the metrics registry.
// A venue that answers an error keeps its last known positions.

#include <chrono>
#include <map>
#include <string>

#include "actors/common/clock.hpp"
#include "actors/log/failure_memo.hpp"
#include "actors/metrics/registry.hpp"
#include "actors/positions/position_core.hpp"
#include "messages/interfaces.hpp"

namespace karb::positions {

struct position_setup {
  std::map<std::string, venue_actor> venues; ///< perpetual venues, by name
  portfolio_actor portfolio;                 ///< optional: the spot side
  risk_actor risk;                           ///< optional
  event_bus_actor bus;                       ///< optional
  caf::timespan interval = std::chrono::seconds(10);
  caf::timespan request_timeout = std::chrono::seconds(5);
  karb::wall_clock wall_clock;               ///< stamps the book
  metrics::registry* metrics = &metrics::global();
};

struct position_state {
  position_core core;
  log::failure_memo failures;                ///< by venue, "portfolio"
  static inline const char* name = "positions";
};

using position_pointer =
  position_manager_actor::stateful_pointer<position_state>;

/// Subscribes to every venue's private-stream reconnects at start, through
/// a small order listener that forwards only those (it ends with the
/// manager).
position_manager_actor::behavior_type
position_manager(position_pointer self, position_setup setup);

position_manager_actor spawn_position_manager(caf::actor_system& sys,
                                              position_setup setup);

} // namespace karb::positions
