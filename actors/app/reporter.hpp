#pragma once

// What a person running the demo sees: every few seconds a status line with
// every venue's best bid and ask, the spread of each pair of venues trading
// the same quote currency, opportunities, trades, PnL per quote currency,
// balances and net position; at the end a summary (also as JSON for
// scripts). Positions come from balances the portfolio refreshed from the
// venues after the last fill (the summary always asks for a refresh, the
// status line when a fill or trade happened since the last one), never
// from a snapshot taken before the last trade settled.

#include <map>
#include <memory>
#include <string>

#include "actors/app/wiring.hpp"
#include "messages/interfaces.hpp"

namespace karb::app {

struct reporter_setup {
  std::shared_ptr<trading_handles> trading;
  caf::timespan interval{std::chrono::seconds{2}};
  bool print = false;   ///< print the status line (else only keep count)
  /// How long the summary waits for the venues' balances.
  caf::timespan refresh_timeout{std::chrono::seconds{3}};
  /// Each configured strategy's type, by id (trades of other ids, such as
  /// the liquidation guard's closes, count under their own id).
  std::map<std::string, std::string> strategy_types;
};

struct reporter_state {
  reporter_setup setup;
  struct top {
    std::string bid, ask;
  };
  std::map<std::string, top> tops;             ///< by "venue"
  int64_t opportunities = 0;
  std::map<std::string, int64_t> outcomes;     ///< trades by outcome
  /// Realised PnL and fees of finished trades, by quote currency (a trade
  /// report's pnl_krw / fees_krw are in its quote).
  std::map<std::string, decimal> pnl;
  std::map<std::string, decimal> fees;
  /// Finished trades and their PnL per strategy type, by quote currency.
  struct per_type {
    int64_t trades = 0;
    std::map<std::string, decimal> pnl;
  };
  std::map<std::string, per_type> strategies;
  /// Funding the venues booked, by currency (signed, + received).
  std::map<std::string, decimal> funding_pnl;
  int64_t orders_rejected = 0;
  portfolio_snapshot last;                     ///< latest from the portfolio
  bool has_portfolio = false;
  /// A fill or a finished trade since `last` was refreshed from the venues.
  bool stale = false;
  std::string status;                          ///< the last status line (JSON)
  static inline const char* name = "reporter";
};

reporter_actor::behavior_type
reporter(reporter_actor::stateful_pointer<reporter_state> self,
         reporter_setup setup);

} // namespace karb::app
