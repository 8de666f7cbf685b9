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
