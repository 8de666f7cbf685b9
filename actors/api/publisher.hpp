#pragma once

// The API publisher: keeps the snapshot board fresh for the HTTP,
// WebSocket and gRPC handlers. A thin shell around publisher_core: on its
// timer it sends the due commands to the API's inspector (each with a
// timeout, one at a time per topic) and writes the answers; as an event
// sink it streams every event and marks the topics an event changed.
// Its request rate is set by its timer alone: API traffic never reaches a
// trading actor.

#include <memory>
#include <string>

#include <caf/fwd.hpp>

#include "actors/api/publisher_core.hpp"
#include "actors/api/snapshot_board.hpp"
#include "actors/common/clock.hpp"
#include "config/settings.hpp"
#include "messages/interfaces.hpp"

namespace karb::api {

struct publisher_setup {
  std::shared_ptr<snapshot_board> board;
  inspector_actor inspector;          ///< reads only (atom::get)
  publisher_plan plan;
  publisher_params params;
  std::string config_json;            ///< secrets already masked
  wall_clock wall;                    ///< the stamps in the topics
};

struct publisher_state {
  std::unique_ptr<publisher_core> core;
  static inline const char* name = "api_publisher";
};

using publisher_pointer
  = api_publisher_actor::stateful_pointer<publisher_state>;

api_publisher_actor::behavior_type publisher(publisher_pointer self,
                                             publisher_setup setup);

/// Spawns the publisher for `cfg` (its strategies' books and spreads, its
/// masked configuration) and subscribes it to `bus`. `snapshot_ms` is
/// node.api.snapshot_ms.
api_publisher_actor start_publisher(caf::actor_system& sys,
                                    std::shared_ptr<snapshot_board> board,
                                    inspector_actor api_inspector,
                                    event_bus_actor bus,
                                    const config::settings& cfg,
                                    int64_t snapshot_ms = 1000);

} // namespace karb::api
