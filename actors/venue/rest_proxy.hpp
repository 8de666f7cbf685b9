#pragma once

// A stable venue_rest_actor handle in front of a venue supervisor's REST
// child. The supervisor restarts that child after a crash (a new handle);
// execution and the portfolio hold this proxy instead, which asks the
// supervisor for the current child and forwards each request to it.

#include "messages/interfaces.hpp"

namespace karb::venue {

struct rest_proxy_state {
  // Not an aggregate: CAF would otherwise build it from the self pointer.
  rest_proxy_state() = default;
  venue_actor venue;
  venue_rest_actor rest;  ///< cached; cleared when it terminates
  static inline const char* name = "rest_proxy";
};

venue_rest_actor::behavior_type
rest_proxy(venue_rest_actor::stateful_pointer<rest_proxy_state> self,
           venue_actor venue);

} // namespace karb::venue
