#pragma once

// The inspector actor: answers the karb-inspect commands by asking the
// node's actors, and gates control commands behind node.inspect.control.
// Replies are JSON objects in text form ({"error": ...} on failure); every
// question to another actor has `ask_timeout`, so every command answers in
// bounded time, and a component that is not running is a clear error.

#include <chrono>
#include <memory>
#include <optional>

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
  /// `emergency-stop` waits for execution to flatten (risk gives it 30 s).
  std::chrono::milliseconds emergency_timeout{35'000};
  /// The configured risk limits, shown by `risk` (none: not shown).
  std::optional<config::risk_settings> risk_limits{};
  /// Runs `reload` (null: reload is not available).
  reloader_actor reloader{};
};

struct inspector_state {
  inspector_setup setup;
  static inline const char* name = "inspector";
};

inspector_actor::behavior_type
inspector(inspector_actor::stateful_pointer<inspector_state> self,
          inspector_setup setup);

} // namespace karb::inspector
