#pragma once

// The root supervisor. It spawns its children from specs built out of the
// config, monitors them, restarts the restartable ones under backoff and a
// circuit breaker (supervisor_core), publishes the system events, and shuts
// down in order within a bounded time.

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/node/supervisor_core.hpp"
#include "messages/interfaces.hpp"

namespace karb::node {

struct child_spec {
  std::string name;   ///< unique, e.g. "venue:upbit"
  std::string kind;   ///< e.g. "venue"
  child_policy policy;
  /// Spawns one incarnation of the child.
  std::function<caf::actor(caf::actor_system&)> spawn;
  /// How `remove` and a replacing `put` stop it (a graceful drain); empty:
  /// an exit with user_shutdown. The ordered shutdown always uses the exit.
  std::function<void(const caf::actor&)> stop{};
};

struct node_setup {
  std::string name = "karb";
  supervision_params params;
  std::vector<child_spec> children;
  event_bus_actor bus;                  ///< may be null in tests
  std::function<double()> random;       ///< [0, 1) for jitter; default: mt19937
  caf::timespan status_interval{0};     ///< 0: no periodic status line
  caf::timespan shutdown_timeout{std::chrono::seconds{10}};
  /// Called when a child whose failure is fatal to trading goes down
  /// (restart_policy::escalate); the app halts trading there.
  std::function<void(const std::string& child)> on_escalate;
};

struct node_state {
  node_setup setup;
  supervisor_core core;
  std::map<std::string, caf::actor> running;
  /// The same handles, shared with the exit hook that stops every child
  /// if the node itself terminates (so no child outlives it).
  std::shared_ptr<std::map<std::string, caf::actor>> alive
    = std::make_shared<std::map<std::string, caf::actor>>();
  clock_time started_at{};
  bool shutting_down = false;
  std::set<std::string> held; ///< stopped by an operator: never restarted
  std::vector<std::vector<std::string>> stop_groups; ///< remaining, in order
  /// Children being stopped for a replacement: their next spec.
  std::map<std::string, child_spec> replacing;
  std::set<std::string> removing; ///< being stopped, then forgotten
  static inline const char* name = "node";
};

node_actor::behavior_type supervisor(node_actor::stateful_pointer<node_state> self,
                                     node_setup setup);

} // namespace karb::node
