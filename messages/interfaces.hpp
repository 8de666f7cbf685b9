#pragma once

// Every typed actor interface of the node, one comment line per handler.
// Messages that an actor sends itself on a timer are marked INTERNAL.

#include <string>

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/type_ids.hpp"

namespace karb {

// -- event bus ----------------------------------------------------------------

/// Receives events (the bus's subscribers implement this).
using event_sink_actor = caf::typed_actor<
  // Delivers one event.
  caf::reacts_to<event>>;

/// The node's event bus: fan-out of events to subscribers, a bounded
/// history for the inspector.
using event_bus_actor = caf::typed_actor<
  // Publishes an event to every subscriber.
  caf::reacts_to<atom::publish, event>,
  // Adds a subscriber; it is dropped when it terminates.
  caf::reacts_to<atom::subscribe, event_sink_actor>,
  // Removes a subscriber.
  caf::reacts_to<atom::unsubscribe, event_sink_actor>,
  // Returns up to N of the most recent events, oldest first.
  caf::replies_to<atom::recent, int32_t>::with<std::vector<event>>>;

// -- market data ----------------------------------------------------------------

/// Receives conflated book views; replying `ok` asks for the next one (a
/// slow listener gets the latest book, never a growing mailbox).
using book_listener_actor = caf::typed_actor<
  // Delivers the latest view of one book.
  caf::replies_to<book_view>::with<atom::ok>>;

/// One (venue, symbol) order book.
using book_actor = caf::typed_actor<
  // Applies a full book frame from the venue feed (Upbit / Bithumb style).
  caf::reacts_to<order_book>,
  // Returns the latest view (all levels).
  caf::replies_to<atom::get>::with<book_view>,
  // Adds a conflated listener.
  caf::reacts_to<atom::subscribe, book_listener_actor>,
  // Removes a listener.
  caf::reacts_to<atom::unsubscribe, book_listener_actor>,
  // INTERNAL: staleness sweep.
  caf::reacts_to<atom::tick>>;

// -- venues -----------------------------------------------------------------------

/// Receives order changes from a venue's private stream or polling.
using order_listener_actor = caf::typed_actor<
  // Delivers one order update.
  caf::reacts_to<order_update>>;

/// A venue's REST session: every signed call the node makes.
using venue_rest_actor = caf::typed_actor<
  // Places an order; never retried blindly (maybe_sent on timeout).
  caf::replies_to<atom::place, order_request>::with<order_ack>,
  // Cancels by client order id.
  caf::replies_to<atom::cancel, std::string, instrument>::with<order_ack>,
  // Looks an order up by client order id.
  caf::replies_to<atom::lookup, std::string, instrument>::with<order_ack>,
  // Returns every balance of the account.
  caf::replies_to<atom::balances>::with<std::vector<balance>>,
  // Returns a REST book snapshot.
  caf::replies_to<atom::snapshot, instrument>::with<order_book>,
  // Returns the open orders of an instrument.
  caf::replies_to<atom::open_orders, instrument>::with<std::vector<order>>>;

/// One venue's supervisor (feed, private and rest children).
using venue_actor = caf::typed_actor<
  // Returns the REST child.
  caf::replies_to<atom::rest>::with<venue_rest_actor>,
  // Streams the instrument's books to a book actor (kept across reconnects).
  caf::reacts_to<atom::subscribe, instrument, book_actor>,
  // Sends private order updates to a listener.
  caf::reacts_to<atom::subscribe, order_listener_actor>,
  // Returns the state of the venue's connections.
  caf::replies_to<atom::status>::with<venue_status>>;

// -- risk and execution -------------------------------------------------------------

/// Pre-trade checks, daily loss, failure breaker, halt / resume.
using risk_actor = caf::typed_actor<
  // Approves (with a size) or denies an opportunity, with a reason.
  caf::replies_to<atom::check, arbitrage_opportunity>::with<risk_verdict>,
  // Learns how a trade ended (PnL, failures).
  caf::reacts_to<trade_report>,
  // Learns the current balances of one venue.
  caf::reacts_to<std::vector<balance>>,
  // Emergency stop with a reason.
  caf::reacts_to<atom::halt, std::string>,
  // Lifts a halt.
  caf::reacts_to<atom::resume>,
  // Returns limits usage and halt state.
  caf::replies_to<atom::status>::with<risk_status>>;

/// Runs approved opportunities as trades (one trade actor each).
using execution_actor = caf::typed_actor<
  // Starts a trade; replies with its id.
  caf::replies_to<atom::execute, arbitrage_opportunity, risk_verdict>::with<
    std::string>,
  // Routes a venue's order update to its order actor.
  caf::reacts_to<order_update>,
  // Returns the orders that are not terminal yet.
  caf::replies_to<atom::open_orders>::with<std::vector<order>>>;

// -- strategy -------------------------------------------------------------------

/// One strategy instance: listens to its books, finds opportunities, asks
/// risk, hands approved ones to execution.
using strategy_actor = book_listener_actor::extend<
  // Returns the instance's id, books and counters.
  caf::replies_to<atom::status>::with<strategy_status>,
  // INTERNAL: the cooldown of direction N (0 or 1) is over.
  caf::reacts_to<atom::tick, int32_t>>;

// -- node -----------------------------------------------------------------------

/// The root supervisor.
using node_actor = caf::typed_actor<
  // Returns the node's and its children's status.
  caf::replies_to<atom::status>::with<node_status>,
  // INTERNAL: restarts the named child once its backoff delay has passed.
  caf::reacts_to<atom::restart, std::string>,
  // INTERNAL: forgives the named child's failures if it stayed up.
  caf::reacts_to<atom::tick, std::string>,
  // INTERNAL: periodic status line in the log.
  caf::reacts_to<atom::tick>,
  // Stops every child in shutdown order, then the node.
  caf::reacts_to<atom::shutdown>,
  // INTERNAL: the shutdown deadline; kills what is still running.
  caf::reacts_to<caf::timeout_atom>>;

} // namespace karb
