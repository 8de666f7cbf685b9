#pragma once

// The portfolio actor: loads every venue's balances over REST at start and
// on a timer, moves them by our fills in between, books trade reports
// (realised and daily PnL), and forwards each venue's balances to risk and
// to the store.

#include <chrono>
#include <map>
#include <string>

#include "actors/common/clock.hpp"
#include "actors/portfolio/portfolio_core.hpp"
#include "actors/venue/rest_link.hpp"
#include "messages/interfaces.hpp"

namespace karb::portfolio {

struct portfolio_setup {
  std::map<std::string, venue::rest_link> rest;  ///< by venue name
  risk_actor risk;                               ///< optional
  store_actor store;                             ///< optional
  caf::timespan refresh_interval = std::chrono::seconds(30);
  caf::timespan request_timeout = std::chrono::seconds(5);
  int64_t utc_offset_s = 9 * 3600;               ///< the trading day (KST)
  /// Also refresh when a trade reports its outcome, so the store's balance
  /// history holds each venue's view after every trade (karb report).
  bool refresh_after_trade = false;
  /// For the day boundary and balance stamps (tests fix it).
  karb::wall_clock wall_clock;
};

struct portfolio_state {
  portfolio_core core;
  int64_t refreshes = 0;
  static inline const char* name = "portfolio";
};

using portfolio_pointer = portfolio_actor::stateful_pointer<portfolio_state>;

portfolio_actor::behavior_type portfolio(portfolio_pointer self,
                                         portfolio_setup setup);

portfolio_actor spawn_portfolio(caf::actor_system& sys, portfolio_setup setup);

} // namespace karb::portfolio
