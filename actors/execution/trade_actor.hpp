#pragma once

// The trade actor: one per approved opportunity (or per unfinished trade
// found at restart). It spawns one order actor per leg and sends both legs
// at once, drives the trade core (re-price, unwind, caps), writes every
// step as an audit row and a bus event, and reports the outcome to risk and
// the portfolio.

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "actors/common/hot_loop.hpp"
#include "actors/execution/order_actor.hpp"
#include "actors/execution/trade_fsm.hpp"
#include "actors/venue/rest_link.hpp"
#include "messages/interfaces.hpp"

namespace karb::execution {

struct trade_setup {
  std::string trade_id;
  arbitrage_opportunity opportunity;  ///< entry_signals are the legs
  risk_verdict verdict;               ///< size caps every leg's amount
  std::map<std::string, venue::rest_link> rest;  ///< by venue name
  execution_actor execution;          ///< routing (optional)
  risk_actor risk;                    ///< optional
  portfolio_actor portfolio;          ///< optional
  /// The strategy that asked for the trade, told how it ended (optional;
  /// not kept across a restart).
  attempt_listener_actor listener;
  store_actor store;
  std::shared_ptr<store::intent_journal> journal;  ///< optional, see order
  event_bus_actor bus;                ///< optional
  trade_params params;
  order_params order;
  caf::timespan tick_interval = std::chrono::milliseconds(500);
  // -- restart --------------------------------------------------------------
  bool resume = false;
  trade_record record;                ///< the stored trade
  std::vector<order_record> orders;   ///< its stored orders
  std::vector<fill> fills;            ///< the fills booked for them
};

struct trade_actor_state {
  std::unique_ptr<trade_core> core;
  trade_record record;
  std::map<std::string, order_actor> orders;  ///< by client order id
  std::map<std::string, order_record> records; ///< latest, by client id
  std::string name = "trade";  ///< "trade:<trade_id>"
  bool journaled = false;      ///< the record is in the intent journal
  bool legs_timed = false;     ///< the gap between the entry writes is kept
};

using trade_pointer = hot_pointer<trade_actor, trade_actor_state>;

trade_actor::behavior_type trade_behavior(trade_pointer self,
                                          trade_setup setup);

/// The entry legs of an opportunity, sized by the verdict.
std::vector<leg_plan> entry_legs(const arbitrage_opportunity& opp,
                                 const risk_verdict& verdict);

} // namespace karb::execution
