#pragma once

// The derivatives strategy actor (types spot_perp_basis, perp_perp,
// funding_rate): a thin shell over hedge_core and hedge_book. It listens
// to its two legs' books (acking each view), to the funding service
// (rates, and the payments the venues booked, credited to the hedge
// holding the leg), hands each entry or exit to risk, which passes an
// approval to execution; execution tells it how each trade ended, which
// opens, keeps or closes a hedge. One attempt at a time per instance.
// Hedges live in memory: a restarted instance starts flat and the
// positions it held are left to the position manager and risk (stated in
// the README). Metrics, labelled strategy and kind: karb_hedges_open,
// karb_hedge_pnl (closed hedges, funding included), karb_hedge_funding,
// karb_hedge_basis (the second leg's best bid over the first's best ask,
// minus 1, on every tick: the basis of the pair at the top of the books).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <caf/fwd.hpp>

#include "actors/common/hot_loop.hpp"
#include "actors/common/spec_board.hpp"
#include "actors/metrics/registry.hpp"
#include "actors/strategy/hedge_book.hpp"
#include "actors/strategy/hedge_core.hpp"
#include "actors/strategy/strategy.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"

namespace karb::strategy {

/// A derivatives strategy: a strategy that also learns funding.
using hedge_strategy_actor = strategy_actor::extend<
  // The latest funding rates (the funding service's listener).
  caf::reacts_to<std::vector<funding_rate>>,
  // A funding payment a venue booked.
  caf::reacts_to<funding_payment>>;

struct hedge_setup {
  config::strategy_settings settings;
  hedge_params params;
  /// Exactly two legs of one asset (a spot and a perpetual, or two
  /// perpetuals); `book` may be null (then asked of `market_data`).
  std::vector<strategy_leg> legs;
  risk_actor risk;
  execution_actor execution;
  std::shared_ptr<spec_board> specs;   ///< lots and minimums (may be null)
  market_data_actor market_data;
  funding_service_actor funding;       ///< may be null (no carry known)
  event_bus_actor bus;                 ///< may be null
  caf::timespan cooldown = std::chrono::seconds{1};
  caf::timespan request_timeout = std::chrono::seconds{2};
};

/// An attempt handed to risk, waiting for its outcome.
struct hedge_attempt {
  hedge_signal::action what = hedge_signal::action::enter;
  int long_leg = 0;
  int short_leg = 1;
  std::string hedge_id;
  std::string reason;
};

struct hedge_strategy_state {
  hedge_setup setup;
  std::optional<hedge_core> core;
  hedge_book book;
  std::vector<std::optional<book_view>> views;      ///< per leg
  std::vector<std::optional<funding_rate>> funding; ///< per leg
  std::map<std::string, hedge_attempt> attempts;    ///< by opportunity id
  bool cooling = false;     ///< an attempt ended less than `cooldown` ago
  bool draining = false;
  strategy_status status;
  spec_board::reader specs;
  metrics::gauge* basis = nullptr; ///< karb_hedge_basis of this instance
  static inline const char* name = "hedge_strategy";
};

using hedge_pointer = hot_pointer<hedge_strategy_actor, hedge_strategy_state>;

hedge_strategy_actor::behavior_type hedge_strategy(hedge_pointer self,
                                                   hedge_setup setup);

hedge_strategy_actor spawn_hedge_strategy(caf::actor_system& sys,
                                          hedge_setup setup,
                                          hot_loop* hot = nullptr);

/// The core's parameters from a strategy's settings; a take-profit or
/// stop-loss it leaves at 0 comes from the risk limits' thresholds.
hedge_params hedge_params_of(const config::strategy_settings& s,
                             const config::risk_settings& risk = {});

} // namespace karb::strategy
