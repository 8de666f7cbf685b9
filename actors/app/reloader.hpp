#pragma once

// The reloader: owns the running configuration and its file. On `reload`
// it re-reads the file with the start-up loader (secrets included), plans
// the change (reload_plan) and, unless refused, applies it:
// - added strategies: their children are added to the node, as at start;
// - removed ones: the node drains them (no new attempt; trades already
//   handed to execution are owned by it and finish on their own);
// - changed ones: the node drains the old instance and starts one with the
//   new settings under the same name;
// - risk limits: sent to the risk actor, written to the store's audit table.
// Every applied reload is logged as `config_reloaded` (values of risk
// limits and strategy ids only: no secret) and audited as step
// "config_reloaded". A refused reload changes nothing.

#include <chrono>
#include <string>

#include "actors/app/reload_plan.hpp"
#include "actors/app/wiring.hpp"
#include "config/load.hpp"
#include "messages/interfaces.hpp"

namespace karb::app {

struct reloader_setup {
  std::string config_file;       ///< karb --config FILE
  config::settings current;      ///< what the node runs now
  node_actor node;
  deps d;                        ///< the node's deps (handles, bus, io)
  config::env_lookup env{};      ///< empty: the process environment
  std::chrono::milliseconds ask_timeout{2000}; ///< per request to the node
};

struct reloader_state {
  reloader_setup setup;
  static inline const char* name = "reloader";
};

reloader_actor::behavior_type
reloader(reloader_actor::stateful_pointer<reloader_state> self,
         reloader_setup setup);

} // namespace karb::app
