#pragma once

// What a person running the demo sees: every few seconds a status line with
// both venues' best bid and ask, the spread each way, opportunities, trades,
// PnL and balances; at the end a summary (also as JSON for scripts).

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
};

struct reporter_state {
  reporter_setup setup;
  struct top {
    std::string bid, ask;
  };
  std::map<std::string, top> tops;             ///< by "venue"
  int64_t opportunities = 0;
  std::map<std::string, int64_t> outcomes;     ///< trades by outcome
  decimal pnl_krw;
  decimal fees_krw;
  int64_t orders_rejected = 0;
  portfolio_snapshot last;                     ///< latest from the portfolio
  bool has_portfolio = false;
  static inline const char* name = "reporter";
};

reporter_actor::behavior_type
reporter(reporter_actor::stateful_pointer<reporter_state> self,
         reporter_setup setup);

} // namespace karb::app
