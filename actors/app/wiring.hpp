#pragma once

// Turns a validated configuration into the node's children: which actors
// run, in which start and shutdown order, and what the node does when one
// fails. Trading components whose failure leaves the others with stale
// handles (store, risk, venues, market data, execution) escalate: trading
// halts and an alert goes out, rather than a silent restart.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "actors/common/spec_board.hpp"
#include "actors/common/hot_loop.hpp"
#include "actors/node/node.hpp"
#include "actors/venue/rest_link.hpp"
#include "actors/store/intent_journal.hpp"
#include "actors/venue/transport.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"

namespace karb::net {
class io_runner;
} // namespace karb::net

namespace karb::app {

/// The handles of the trading actors, filled in as the node starts them;
/// the inspector reads them. Guarded: written by the node, read elsewhere.
struct trading_handles {
  mutable std::mutex mtx;
  store_actor store;
  std::shared_ptr<store::intent_journal> journal;
  risk_actor risk;
  portfolio_actor portfolio;
  market_data_actor market_data;
  execution_actor execution;
  /// The derivatives services (only with a perpetual venue configured):
  /// derivatives strategies learn rates and payments from `funding`.
  funding_service_actor funding;
  position_manager_actor positions;
  std::map<std::string, venue_actor> venues;
  std::map<std::string, venue::rest_link> rest;   ///< each venue's REST actor
  std::map<std::string, strategy_actor> strategies;
  /// Every venue's trading rules, published by its REST actor.
  std::shared_ptr<spec_board> specs = std::make_shared<spec_board>();
  /// The risk limits in force after a config reload changed them (the
  /// inspector shows these over the ones it was started with).
  std::optional<config::risk_settings> risk_limits;
  /// Set when a critical component failed: trading stays halted, also for
  /// a risk actor started after the failure.
  std::string halt_reason;
};

/// What every child may need from outside the node.
struct deps {
  event_bus_actor bus;
  std::shared_ptr<net::io_runner> io;  ///< network threads (sessions, webhook)
  std::shared_ptr<trading_handles> handles
    = std::make_shared<trading_handles>();
  bool trading = true;                 ///< false: observability children only
  /// Optional: the venues' REST sessions (orders) on their own thread.
  std::shared_ptr<net::io_runner> rest_io;
  /// Optional: the hot loop (see actors/common/hot_loop.hpp) and its one
  /// I/O thread. When set, the venues' feeds, private streams and REST
  /// sessions run on `hot_io`, and the feeds, books, strategies, risk,
  /// execution (trades, orders) and REST actors run on `hot`; both must
  /// outlive the actor system's actors.
  hot_loop* hot = nullptr;
  std::shared_ptr<net::io_runner> hot_io;
  /// Optional: how each venue reaches the network. Empty (the node): real
  /// sessions on `io` / `rest_io` (venue::make_net_io). A benchmark or a
  /// test injects in-process transports here; called once per venue start
  /// with that venue's settings.
  std::function<venue::venue_io(const config::venue_settings&)> venue_io;
};

/// The supervision parameters from the config's `supervision:` section.
node::supervision_params supervision_from(const config::supervision_settings& s);

/// The node's children for this configuration, in start order.
std::vector<node::child_spec> build_children(const config::settings& cfg,
                                             const deps& d);

/// The node's children for one configured strategy (one per symbol, named
/// "strategy:ID:BASE"; none when disabled), as at start. Their `stop`
/// drains the instance (used by a reload).
std::vector<node::child_spec>
strategy_children(const config::settings& cfg,
                  const config::strategy_settings& st, const deps& d);

/// The complete node setup (name, supervision, children, timers).
node::node_setup build_node(const config::settings& cfg, const deps& d);

/// Halts trading with a reason (the store's write failures): risk halts
/// now, or when it starts if it is not running yet.
std::function<void(const std::string&)>
halt_trading(std::shared_ptr<trading_handles> h);

/// The instrument of `base` quoted in the strategy's quote currency on
/// `venue` (the venue's own spelling, e.g. "KRW-BTC", "BTCUSDT").
instrument strategy_instrument(const config::strategy_settings& st,
                               exchange venue, const std::string& base);

} // namespace karb::app
