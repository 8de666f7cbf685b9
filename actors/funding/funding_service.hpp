#pragma once

// The funding-rate service actor: polls every perpetual venue's funding
// rates and mark prices every few seconds and its booked funding payments
// every minute (and at start), keeps them in a funding_core, and tells the
// others: FUNDING_RATE_UPDATE / FUNDING_SETTLEMENT on the bus, changed
// rates and new payments to its listeners, each new payment to the
// portfolio and to risk, gauges to the metrics registry. A venue that
// answers an error (not_supported, timeout) is logged once per new error
// and asked again on the next timer.

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "actors/common/clock.hpp"
#include "actors/funding/funding_core.hpp"
#include "actors/log/failure_memo.hpp"
#include "actors/metrics/registry.hpp"
#include "messages/interfaces.hpp"

namespace karb::funding {

struct funding_setup {
  std::map<std::string, venue_actor> venues; ///< perpetual venues, by name
  event_bus_actor bus;                       ///< optional
  portfolio_actor portfolio;                 ///< optional
  risk_actor risk;                           ///< optional
  caf::timespan rates_interval = std::chrono::seconds(2);
  caf::timespan payments_interval = std::chrono::seconds(60);
  caf::timespan request_timeout = std::chrono::seconds(5);
  size_t history_limit = 500;   ///< rates kept per venue symbol
  size_t recent_limit = 100;    ///< payments kept for the board
  /// Payments are asked from the start; tests fix the instant.
  karb::wall_clock wall_clock;
  metrics::registry* metrics = &metrics::global();
};

struct funding_state {
  funding_core core;
  std::vector<funding_listener_actor> listeners;
  int64_t start_ns = 0;                     ///< wall clock at start
  log::failure_memo failures;               ///< by "venue what"
  static inline const char* name = "funding";
};

using funding_pointer =
  funding_service_actor::stateful_pointer<funding_state>;

funding_service_actor::behavior_type funding_service(funding_pointer self,
                                                     funding_setup setup);

funding_service_actor spawn_funding_service(caf::actor_system& sys,
                                            funding_setup setup);

} // namespace karb::funding
