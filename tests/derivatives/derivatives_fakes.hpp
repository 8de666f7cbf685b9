#pragma once

// Stand-ins for the actors the derivatives services talk to. Each records
// what reached it in a shared probe the test keeps, so what was sent stays
// readable after the actor is gone; the venue answers from a script.

#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "messages/interfaces.hpp"

namespace karb::test {

/// A perpetual venue: answers funding, positions and settle from here.
struct venue_script {
  std::vector<funding_rate> rates;
  std::vector<mark_price> marks;
  std::vector<position> positions;
  std::vector<funding_payment> payments; ///< all; settle filters by `since`
  bool settle_fails = false;             ///< "not_supported", as today
  bool positions_fail = false;
  int funding_calls = 0;
  int position_calls = 0;
  std::vector<int64_t> settle_since;     ///< one per settle request
  std::vector<order_listener_actor> listeners;
};

venue_actor::behavior_type fake_perp_venue(venue_actor::pointer self,
                                           std::shared_ptr<venue_script> s);

/// What reached risk, the portfolio, a funding listener and the bus.
struct derivatives_probe {
  std::vector<position_book> books;
  std::vector<funding_payment> risk_payments;
  std::vector<funding_payment> portfolio_payments;
  std::vector<funding_payment> listener_payments;
  std::vector<std::vector<funding_rate>> listener_rates;
  std::vector<event> events;
  portfolio_snapshot snapshot; ///< what the portfolio answers
  int snapshot_calls = 0;

  /// The published events of `type`.
  std::vector<event> of(event_type type) const;
};

risk_actor::behavior_type probe_risk(risk_actor::pointer self,
                                     std::shared_ptr<derivatives_probe> p);

portfolio_actor::behavior_type
probe_portfolio(portfolio_actor::pointer self,
                std::shared_ptr<derivatives_probe> p);

funding_listener_actor::behavior_type
probe_listener(funding_listener_actor::pointer self,
               std::shared_ptr<derivatives_probe> p);

/// A bus that records every publish.
event_bus_actor::behavior_type probe_bus(event_bus_actor::pointer self,
                                         std::shared_ptr<derivatives_probe> p);

} // namespace karb::test
