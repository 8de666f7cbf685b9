#pragma once

// The order actor: one per order of a trade, named by its client order id.
// It has the store write the order and its intent, and only then sends
// `place` to the venue's rest actor; maps the ack; takes fills from routed
// order updates and polls by client id as the fallback while not terminal;
// an `unknown` order is looked up by client id until resolved and is never
// placed again. Every transition goes to the trade actor and the store.

#include <chrono>
#include <string>

#include "actors/common/hot_loop.hpp"
#include "actors/execution/order_core.hpp"
#include "actors/execution/order_fsm.hpp"
#include "actors/store/intent_journal.hpp"
#include "actors/metrics/registry.hpp"
#include "actors/venue/rest_link.hpp"
#include "messages/interfaces.hpp"

namespace karb::execution {

struct order_params {
  caf::timespan request_timeout = std::chrono::seconds(3);
  /// Lookups while the order lives, and the first step of every backoff.
  caf::timespan poll_interval = std::chrono::seconds(1);
  /// Propagation window: the venue's "no such order" for an unknown order
  /// counts only once it has lasted this long (then its open and recent
  /// orders are read before the order is taken as never placed).
  caf::timespan lookup_grace = std::chrono::seconds(5);
  /// Lookups and cancels without a usable answer back off up to this.
  caf::timespan retry_cap = std::chrono::seconds(10);
  /// A cancel the venue took is sent again if the order is still live
  /// this long after.
  caf::timespan cancel_recheck = std::chrono::seconds(5);
};

struct order_setup {
  order_record record;        ///< trade id, venue, leg, attempt, role, intent
  bool resume = false;        ///< restart: look the order up, never place it
  std::vector<fill> booked;   ///< resume: the fills the store holds for it
  trade_actor trade;
  venue::rest_link rest;
  store_actor store;
  /// Optional: the intent is journaled here and the store written without
  /// waiting; without it the order waits for the store's reply.
  std::shared_ptr<store::intent_journal> journal;
  portfolio_actor portfolio;  ///< optional
  event_bus_actor bus;        ///< optional
  order_params params;
};

struct order_actor_state {
  order_record record;
  fill_book book;
  bool placing = false;        ///< the place request is in flight
  bool cancel_wanted = false;  ///< cancels go out until the venue agrees
  bool listing = false;        ///< the venue's order lists are being read
  retry_timer lookups{std::chrono::seconds(1), std::chrono::seconds(10)};
  retry_timer cancels{std::chrono::seconds(1), std::chrono::seconds(10)};
  absence_check absence{std::chrono::seconds(5)};
  int64_t places = 0;          ///< place requests sent (0 or 1)
  std::string name = "order";  ///< "order:<client_order_id>"
};

using order_pointer = hot_pointer<order_actor, order_actor_state>;

/// The histogram of one hop of a tick's trail to the wire
/// (karb_latency_hop_seconds{hop}); the registry keeps it for the process.
metrics::latency& hop_latency(const char* hop);

order_actor::behavior_type order_behavior(order_pointer self,
                                          order_setup setup);

} // namespace karb::execution
