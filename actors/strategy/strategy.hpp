#pragma once

// The spread-arbitrage strategy actor: a thin shell over spread_calculator
// and opportunity_tracker. It listens to two conflated books (acking each
// view with `ok` once it has been evaluated), raises
// ARBITRAGE_OPPORTUNITY_FOUND / _EXPIRED on the bus and hands each live
// opportunity to risk, which passes an approval straight to execution
// (one send each, no reply on the way to the venue); the outcome
// (attempt_outcome) comes back from whichever answered. A direction with
// an attempt in flight (no outcome yet, at most `request_timeout`, then a
// cooldown) gets no new attempt. Instances share nothing: run one per
// (symbol, venue pair). `drain` (config reload) stops new attempts and
// quits normally once no risk or execution answer is due; trades already
// handed to execution are owned by it and finish on their own.
// Metrics, labelled strategy and symbol: karb_arbitrage_opportunities_total,
// karb_trades_executed_total; karb_active_strategies counts instances.

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include <caf/fwd.hpp>

#include "actors/common/hot_loop.hpp"
#include "actors/common/spec_board.hpp"
#include "actors/strategy/opportunity_tracker.hpp"
#include "actors/strategy/spread_core.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"

namespace karb::strategy {

/// One venue of the strategy: its book actor (the strategy subscribes at
/// start; may be null when someone else pushes the views) and taker fee.
struct strategy_leg {
  exchange venue = exchange::custom;
  instrument symbol;   ///< for asking `market_data` when `book` is null
  book_actor book;
  decimal taker_fee = dec("0.0005");
};

struct strategy_setup {
  config::strategy_settings settings;
  /// Two or more venues trading the same base and quote; each tick trades
  /// the best pair among them.
  std::vector<strategy_leg> legs;
  risk_actor risk;
  execution_actor execution;
  /// The venues' trading rules (lot, minimums; may be null).
  std::shared_ptr<spec_board> specs;
  /// Where the books come from when a leg has no `book`: the strategy
  /// subscribes itself through the market data service.
  market_data_actor market_data;
  event_bus_actor bus;                              ///< may be null
  caf::timespan cooldown = std::chrono::seconds{1}; ///< after each attempt
  caf::timespan request_timeout = std::chrono::seconds{2};
  int64_t validity_ns = 500'000'000;                ///< opportunity lifetime
};

/// An attempt handed to risk, waiting for its outcome.
struct pending_attempt {
  int32_t dir = 0;   ///< sell leg * legs + buy leg
  std::string base;  ///< for releasing risk's slot
};

struct strategy_state {
  strategy_setup setup;
  std::optional<spread_calculator> calc;
  opportunity_tracker tracker;
  std::vector<std::optional<book_view>> views; ///< per leg
  /// Per direction (sell leg * legs + buy leg): an attempt is out.
  std::vector<char> in_flight;
  int32_t pending = 0;     ///< attempts waiting for risk or execution
  std::map<std::string, pending_attempt> attempts; ///< by opportunity id
  bool draining = false;   ///< `drain` received: no new attempt, then quit
  strategy_status status;
  spec_board::reader specs; ///< cached view of setup.specs
  static inline const char* name = "strategy";
};

strategy_actor::behavior_type
strategy(hot_pointer<strategy_actor, strategy_state> self,
         strategy_setup setup);

/// Spawns a strategy instance (it subscribes to its books).
strategy_actor spawn_strategy(caf::actor_system& sys, strategy_setup setup,
                              hot_loop* hot = nullptr);

/// A venue's taker fee from the settings (the default fee if unknown).
decimal taker_fee_of(const config::settings& cfg, std::string_view venue);

} // namespace karb::strategy
