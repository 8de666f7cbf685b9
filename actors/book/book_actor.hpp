#pragma once

// The book actor of one (venue, symbol): a thin shell around book_core.
// It applies frames / deltas, asks its snapshot provider for a REST book on
// a sequence gap, sweeps for staleness on an INTERNAL tick, and sends
// conflated views to its listeners (one request in flight per listener; the
// next view, always the latest, goes out after the `ok` reply or a timeout).
//
// Health changes go on the bus as `risk_alert` events with data
// {"alert":"book_health","venue":..,"symbol":..,"healthy":..,"reason":..}
// (source "book:<venue>:<venue_symbol>").

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <caf/typed_event_based_actor.hpp>

#include "actors/book/book_core.hpp"
#include "actors/book/book_inbox.hpp"
#include "actors/book/conflation.hpp"
#include "actors/common/clock.hpp"
#include "actors/common/hot_loop.hpp"
#include "actors/common/spec_board.hpp"
#include "messages/interfaces.hpp"

namespace karb::metrics {
class latency;
} // namespace karb::metrics

namespace karb {

struct book_setup {
  instrument symbol;
  book::sync_mode mode = book::sync_mode::full_snapshot;
  /// No applied update for this long: unhealthy ("stale").
  caf::timespan stale_after = std::chrono::seconds(5);
  /// Staleness sweep period (also the snapshot retry granularity).
  caf::timespan tick_interval = std::chrono::milliseconds(250);
  /// Levels per side in the views sent to listeners.
  size_t depth = 10;
  /// Receives health events; may be null.
  event_bus_actor bus;
  /// REST snapshots for sequenced venues; may be null (full-snapshot venues).
  venue_rest_actor snapshots;
  /// Venues that send snapshots on the socket (OKX, Bybit): asked to
  /// subscribe the book again after a gap or a wrong checksum.
  venue_actor venue;
  /// The venues' rules (OKX swaps: the contract size); may be null.
  std::shared_ptr<spec_board> specs;
  /// A listener that neither replies nor dies within this gets the latest
  /// view again (checked on the tick: the wait is this plus at most one
  /// tick_interval; no per-view timer, which would cost a clock entry and
  /// a wake-up of CAF's clock thread per view).
  caf::timespan listener_timeout = std::chrono::seconds(1);
  caf::timespan snapshot_timeout = std::chrono::seconds(5);
  /// Wait after a failed snapshot request before the next one.
  caf::timespan snapshot_retry = std::chrono::seconds(1);
  /// For exchange -> receipt latency (tests fix it).
  karb::wall_clock wall_clock;
};

struct book_listener_entry {
  book_listener_actor hdl;
  book::conflation_slot slot;
  uint64_t seq = 0;     ///< the view in flight (older replies are ignored)
  int64_t sent_ns = 0;  ///< when it was sent (steady clock)
  int64_t min_interval_ns = 0; ///< at most one view per interval (0: all)
  int64_t interval_start_ns = INT64_MIN / 2; ///< the last view of a change
  bool held = false;           ///< a newer view waits for the interval
};

struct book_state {
  book_setup setup;
  book::book_core core;
  std::vector<book_listener_entry> listeners;
  std::string source; ///< "book:<venue>:<venue_symbol>"
  bool snapshot_in_flight = false;
  spec_board::reader spec_reader; ///< cached view of setup.specs
  bool release_armed = false; ///< a timer sends held views (atom::publish)
  int64_t next_snapshot_ns = 0; ///< no snapshot request before this
  uint64_t views_sent = 0;
  /// The exported histograms (karb_ws_latency_seconds,
  /// karb_orderbook_update_seconds), labelled with the venue.
  metrics::latency* ws_latency = nullptr;
  metrics::latency* update_latency = nullptr;
  /// Where the venue feed leaves the newest full book (inbox_registry).
  std::shared_ptr<book::book_inbox> inbox
    = std::make_shared<book::book_inbox>();
  uint64_t mailbox_max = 0; ///< largest mailbox seen while ingesting
  static inline const char* name = "book";
};

book_actor::behavior_type
book_behavior(hot_pointer<book_actor, book_state> self, book_setup setup);

/// Spawns a book actor.
book_actor spawn_book(caf::actor_system& sys, book_setup setup);

} // namespace karb
