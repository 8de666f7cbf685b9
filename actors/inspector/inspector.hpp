#pragma once

// The inspector actor: answers the karb-inspect commands by asking the
// node's actors, and gates control commands behind node.inspect.control.

#include <chrono>
#include <memory>

#include "actors/app/wiring.hpp"

#include "messages/interfaces.hpp"

namespace karb::inspector {

struct inspector_setup {
  node_actor node;
  event_bus_actor bus;
  bool control = false;                       ///< node.inspect.control
  /// The trading actors (filled as the node starts them); may be null.
  std::shared_ptr<app::trading_handles> trading;
  std::chrono::milliseconds ask_timeout{2000}; ///< per query to an actor
};

struct inspector_state {
  inspector_setup setup;
  static inline const char* name = "inspector";
};

inspector_actor::behavior_type
inspector(inspector_actor::stateful_pointer<inspector_state> self,
          inspector_setup setup);

} // namespace karb::inspector
