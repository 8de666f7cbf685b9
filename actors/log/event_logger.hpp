#pragma once

// Writes every event on the bus to the structured log (one JSON line each).

#include "messages/interfaces.hpp"

namespace karb {

/// Subscribes itself to `bus` and logs each event it receives.
event_sink_actor::behavior_type event_logger(event_sink_actor::pointer self,
                                             event_bus_actor bus);

} // namespace karb
