#pragma once

// The order actor: one per order of a trade, named by its client order id.
// It has the store write the order and its intent, and only then sends
// `place` to the venue's rest actor; maps the ack; takes fills from routed
// order updates and polls by client id as the fallback while not terminal;
// an `unknown` order is looked up by client id until resolved and is never
// placed again. Every transition goes to the trade actor and the store.

#include <chrono>
#include <string>

#include "actors/execution/order_fsm.hpp"
#include "actors/store/intent_journal.hpp"
#include "messages/interfaces.hpp"

namespace karb::execution {

struct order_params {
  caf::timespan request_timeout = std::chrono::seconds(3);
  caf::timespan poll_interval = std::chrono::seconds(1);
  /// An unknown order the venue still does not know after this is failed.
  caf::timespan lookup_grace = std::chrono::seconds(5);
};

struct order_setup {
  order_record record;        ///< trade id, venue, leg, attempt, role, intent
  bool resume = false;        ///< restart: look the order up, never place it
  trade_actor trade;
  venue_rest_actor rest;
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
  bool cancel_wanted = false;
  bool polling = false;        ///< a lookup is in flight
  int64_t unknown_since_ns = -1;
  int64_t places = 0;          ///< place requests sent (0 or 1)
  std::string name = "order";  ///< "order:<client_order_id>"
};

using order_pointer = order_actor::stateful_pointer<order_actor_state>;

order_actor::behavior_type order_behavior(order_pointer self,
                                          order_setup setup);

} // namespace karb::execution
