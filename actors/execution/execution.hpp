#pragma once

// The execution actor: starts one trade actor per approved opportunity,
// routes venue order updates to order actors by client order id (it
// subscribes itself as every venue's order listener), answers the
// inspector's open-orders query, and at start finishes what a previous run
// left open: it loads every non-terminal trade and order from the store,
// has each order looked up by client id (never placed again), then lets
// each trade finish or unwind.

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "actors/common/hot_loop.hpp"
#include "actors/execution/order_actor.hpp"
#include "actors/execution/trade_actor.hpp"
#include "actors/venue/rest_link.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"

namespace karb::execution {

struct execution_setup {
  std::map<std::string, venue::rest_link> rest;  ///< by venue name
  std::map<std::string, venue_actor> venues;     ///< order listener source
  risk_actor risk;
  portfolio_actor portfolio;
  store_actor store;
  std::shared_ptr<store::intent_journal> journal;  ///< optional, see order
  event_bus_actor bus;
  config::execution_settings settings;
  decimal flat_tolerance = dec("0.00000001");    ///< base units
  int max_reprices = 1;
  int max_unwinds = 3;
  caf::timespan poll_interval = std::chrono::seconds(1);
  caf::timespan lookup_grace = std::chrono::seconds(5);
  caf::timespan tick_interval = std::chrono::milliseconds(500);
  /// Trade ids are `<prefix><n>`; empty: base-36 wall-clock seconds.
  std::string id_prefix;
  bool recover = true;                           ///< finish stored trades
  /// The instruments each venue trades (by venue name): their open and
  /// recent orders are reconciled with the store.
  std::map<std::string, std::vector<instrument>> instruments;
  /// Every venue reconciled this often (zero: only at start, after
  /// recovery, and when a private stream reconnects).
  caf::timespan reconcile_interval = caf::timespan{0};
  /// Client order ids of this node start with it (make_client_order_id).
  std::string client_prefix = "karb-";
  /// On the node's orderly stop: let the trades in flight end (at most half
  /// of `shutdown_wait`), then cancel every live order and wait for it (at
  /// most `shutdown_wait` in all) before quitting.
  bool cancel_on_shutdown = true;
  caf::timespan shutdown_wait = std::chrono::seconds(8);
  std::function<decimal(const instrument&, decimal, side)> round_price;
  /// Floors a quantity to the venue's lot (exchange info).
  std::function<decimal(const instrument&, decimal)> round_size;
  /// A close trade re-prices its missing part this many times.
  int close_reprices = 3;
  /// The emergency flatten checks its close trades this often, and
  /// reports what remains after at most `flatten_wait`.
  caf::timespan flatten_poll = std::chrono::milliseconds(500);
  caf::timespan flatten_wait = std::chrono::seconds(15);
};

struct flatten_job;

/// Orders a venue reported (listed, or a stream update no actor takes),
/// waiting for reconciliation to decide on them.
struct listed_orders {
  std::string venue;
  std::vector<order> orders;
  std::string why;
};

struct execution_state {
  std::map<std::string, order_actor> orders;     ///< by client order id
  std::map<std::string, trade_actor> trades;     ///< by trade id
  std::set<std::string> reconciling;             ///< venues being listed
  /// Runs asked for while one was listing (venue -> why): each runs once
  /// after it, since the running one may predate what prompted them.
  std::map<std::string, std::string> reconcile_again;
  /// Decided one at a time, so that each reads the rows the one before
  /// wrote and sees the trades it resumed running (else a catch-up fill
  /// can be booked twice).
  std::deque<listed_orders> to_decide;
  bool deciding = false; ///< a decision, or the start's recovery, under way
  std::set<std::string> foreign_seen;            ///< reported foreign ids
  bool shutting_down = false;
  bool draining = false;                         ///< the stop's first phase
  int64_t drain_deadline_ns = 0;                 ///< steady ns
  int64_t stop_deadline_ns = 0;                  ///< steady ns
  bool cancel_on_shutdown = true;                ///< copied at the stop
  event_bus_actor bus;                           ///< for the shutdown report
  std::string prefix;
  int64_t next_id = 1;
  int64_t recovered = 0;
  std::map<int64_t, std::shared_ptr<flatten_job>> flattens; ///< by job id
  int64_t next_flatten = 1;
  static inline const char* name = "execution";
};

using execution_pointer = hot_pointer<execution_actor, execution_state>;

execution_actor::behavior_type execution(execution_pointer self,
                                         execution_setup setup);

execution_actor spawn_execution(caf::actor_system& sys, execution_setup setup,
                                hot_loop* hot = nullptr);

/// Starts a trade actor (resumed from the store when `ts.resume`).
void start_trade(execution_pointer self, trade_setup ts);

/// Resumes stored trades: their orders are looked up, never placed again.
void recover(execution_pointer self, const execution_setup& setup,
             const recovery_set& set);

/// A trade's set-up (handles, parameters) for a trade in `quote`.
trade_setup make_trade_setup(execution_pointer self,
                             const execution_setup& setup,
                             const std::string& quote);

/// The trade core's parameters from the settings.
trade_params make_trade_params(const execution_setup& setup,
                               const std::string& quote);

/// Base-36 digits of a non-negative number ("0" for 0).
std::string base36(int64_t x);

} // namespace karb::execution
