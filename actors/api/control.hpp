#pragma once

// The API's write side: a control command (as karb-inspect takes it, e.g.
// {"halt", "maintenance"}) run by the API's own inspector, its JSON reply
// handed to `done` on a CAF thread. HTTP and gRPC handlers call this after
// checking the bearer token; `done` must only post to their executor.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <caf/fwd.hpp>

#include "messages/interfaces.hpp"

namespace karb::api {

using control_done = std::function<void(std::string json)>;
using control_fn
  = std::function<void(std::vector<std::string> args, control_done done)>;

/// Sends each command to `inspector` (spawned with control enabled) and
/// waits up to `timeout` (an emergency stop takes up to 35 s); a timeout or
/// a dead inspector is an {"error": ...} reply, so `done` always runs.
control_fn make_control(caf::actor_system& sys, inspector_actor inspector,
                        std::chrono::milliseconds timeout
                        = std::chrono::seconds{40});

} // namespace karb::api
