#pragma once

// The market data service (seed 002 §3.2): subscribes (venue, symbol) pairs
// at runtime by spawning a book actor and asking the venue actor to stream
// into it; serves the latest book and price; registers strategies' book
// listeners; publishes market data events on the bus.
//
// Events (source "market_data"):
//   ORDERBOOK_UPDATE when a book's best bid/ask (price or size) or health
//     changes, PRICE_UPDATE when its mid changes; each at most
//     `max_events_per_second` per book: a change inside the interval is held
//     and the newest state goes out when the interval ends (INTERNAL tick).
//   TRADE_UPDATE for every public trade it is sent (not throttled).
// The service listens to every book it spawns (conflated: it replies `ok`
// at once), so it never holds more than one view per book.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <caf/typed_event_based_actor.hpp>

#include "actors/book/book_core.hpp"
#include "actors/common/clock.hpp"
#include "actors/common/spec_board.hpp"
#include "actors/common/hot_loop.hpp"
#include "actors/market_data/event_throttle.hpp"
#include "messages/interfaces.hpp"

namespace karb {

struct market_data_setup {
  /// Where the books run (null: the pool). The service itself stays on
  /// the pool: the books' views reach it after the loop's cycle, off the
  /// way from a frame to an order.
  hot_loop* hot = nullptr;
  /// Venue actors by exchange name ("upbit", "bithumb", ...).
  std::map<std::string, venue_actor> venues;
  /// The venues' rules, for the books of OKX swaps (contract size).
  std::shared_ptr<spec_board> specs;
  /// Receives the market data events and the books' health events.
  event_bus_actor bus;
  /// Sequencing per exchange name; book::default_sync_mode otherwise.
  std::map<std::string, book::sync_mode> modes;
  caf::timespan stale_after = std::chrono::seconds(5);
  caf::timespan book_tick = std::chrono::milliseconds(250);
  size_t depth = 10;
  int32_t max_events_per_second = 10;
  caf::timespan listener_timeout = std::chrono::seconds(1);
  caf::timespan rest_timeout = std::chrono::seconds(5);
  /// Wall clock for the books' latency stats.
  karb::wall_clock wall_clock;
};

/// One subscribed instrument.
struct market_data_entry {
  instrument symbol;
  book_actor book; ///< null while the venue's REST actor is being fetched
  std::vector<std::function<void(caf::expected<book_actor>)>> waiters;
  book_view latest;
  bool has_view = false;
  market_data::top_of_book last_top; ///< as last reported on the bus
  decimal last_mid;
  bool has_mid = false;
  decimal last_trade;
  bool has_trade = false;
  market_data::event_throttle book_events;
  market_data::event_throttle price_events;
};

struct market_data_state {
  market_data_setup setup;
  std::map<std::string, market_data_entry> books; ///< by "venue:symbol"
  bool tick_scheduled = false;
  static inline const char* name = "market_data";
};

using market_data_pointer
  = market_data_actor::stateful_pointer<market_data_state>;

market_data_actor::behavior_type
market_data_behavior(market_data_pointer self, market_data_setup setup);

/// Spawns the market data service.
market_data_actor spawn_market_data(caf::actor_system& sys,
                                    market_data_setup setup);

/// The service's key of an instrument: "<venue>:<venue_symbol>".
std::string market_data_key(const instrument& x);

/// A book's line in the actor tree: "book:<venue>:<venue_symbol>" and its
/// state: "starting" (no book actor yet), "waiting" (no view yet),
/// "healthy", or why it is not.
child_status book_status(const market_data_entry& e);

} // namespace karb
