#pragma once

// One venue's supervisor (venue_actor): spawns and monitors three children
//   feed     public WebSocket -> book actors
//   private  private WebSocket -> order listeners, balances
//   rest     venue_rest_actor (orders, lookups, balances, snapshots)
// restarts a crashed child (with backoff, re-registering its subscribers)
// and aggregates their status. The venue-specific parts come from the
// protocol table (protocol.hpp); the network from venue_io.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <caf/actor_system.hpp>

#include "actors/common/clock.hpp"
#include "actors/common/hot_loop.hpp"
#include "actors/common/spec_board.hpp"
#include "actors/venue/connection_core.hpp"
#include "actors/venue/rest_link.hpp"
#include "exchanges/registry.hpp"
#include "actors/venue/transport.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"

namespace karb::net {
class io_runner;
} // namespace karb::net

namespace karb::venue {

struct venue_deps {
  event_bus_actor bus;               ///< may be null
  /// Shared I/O threads; used to build `io` when it has no factories.
  net::io_runner* runner = nullptr;
  /// Optional: REST sessions (orders) run here instead, so that an order
  /// is not queued behind the feed's frames on a busy I/O thread.
  net::io_runner* rest_runner = nullptr;
  /// Network sessions (tests inject fakes; empty: make_net_io on `runner`
  /// with a TLS context trusting venue_settings::ca_file when set).
  venue_io io;
  /// The hot loop the feed and the REST actor run on (null: the pool).
  hot_loop* hot = nullptr;
  /// Set to the REST actor each time it is (re)spawned.
  rest_link rest;
  /// Where the REST actor publishes the venue's trading rules (may be null).
  std::shared_ptr<spec_board> specs;
  std::function<double()> random;    ///< [0, 1); default: seeded mt19937
  karb::wall_clock wall_clock;       ///< for request signing
  /// Reconnect backoff and breaker; heartbeat comes from the settings.
  link_params link;
  int http_connections = 2;
  /// A place queued behind the rate limit this long is dropped unsent
  /// (config: execution.place_queue_deadline_ms; 0: never).
  std::chrono::milliseconds place_queue_deadline{0};
  /// Delay before restarting a crashed child (n-th consecutive crash);
  /// a child that ran for `stable_after` starts counting afresh.
  backoff_policy restart{std::chrono::milliseconds{100},
                         std::chrono::milliseconds{10'000}, 2.0, 0.2, 0};
  std::chrono::milliseconds stable_after{std::chrono::seconds{30}};
  /// How often the funding and mark price of subscribed perpetuals are
  /// polled over REST (venues with funding; 0: never).
  std::chrono::milliseconds funding_poll{std::chrono::seconds{30}};
};

struct venue_sup_state {
  config::venue_settings settings;
  venue_deps deps;
  std::shared_ptr<const venue_protocol> protocol;
  std::shared_ptr<http_transport> http;
  venue_feed_actor feed;
  venue_feed_actor marks_feed;       ///< null unless marks stream apart
  venue_private_actor priv;          ///< null without credentials
  venue_rest_impl_actor rest;
  std::vector<std::pair<instrument, book_actor>> book_subs;
  std::vector<order_listener_actor> order_subs;
  std::map<std::string, int> crashes; ///< consecutive crashes per child
  std::map<std::string, clock_time> started; ///< last spawn per child
  /// Polled funding and mark prices of the subscribed perpetuals (the
  /// feed's streamed values win where it has them).
  std::map<std::string, funding_rate> funding;
  std::map<std::string, mark_price> marks;
  /// The live children, shared with the termination hook.
  std::shared_ptr<std::vector<caf::actor>> children
    = std::make_shared<std::vector<caf::actor>>();
  static inline const char* name = "venue";
};

venue_supervisor_actor::behavior_type
venue_supervisor(venue_supervisor_actor::stateful_pointer<venue_sup_state> self,
                 config::venue_settings settings, venue_deps deps);

/// Spawns a venue supervisor (and its children).
venue_actor spawn_venue(caf::actor_system& sys,
                        const config::venue_settings& settings,
                        venue_deps deps);

} // namespace karb::venue
