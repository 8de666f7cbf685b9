#pragma once

// The node's API side (node.api): the snapshot board, the API's own
// inspector (control on: the API's commands, gated by the token) and the
// HTTP/WebSocket and gRPC servers over them.

#include <memory>
#include <string>

#include <caf/fwd.hpp>

#include "actors/api/grpc/grpc_server.hpp"
#include "actors/api/publisher.hpp"
#include "actors/api/server.hpp"
#include "actors/api/snapshot_board.hpp"
#include "actors/inspector/inspector.hpp"
#include "config/settings.hpp"

namespace karb::cli {

struct api_side {
  std::shared_ptr<api::snapshot_board> board;
  inspector_actor inspector;             ///< control on
  api_publisher_actor publisher;
  std::unique_ptr<api::server> server;   ///< null until serve_api
  /// Null until serve_api, and when node.api.grpc_port is -1.
  std::unique_ptr<api::grpc_server> grpc;
};

/// The board, the API's inspector (`setup` as the node's inspector has
/// it, with control on) and the publisher that keeps the board fresh.
api_side make_api_side(caf::actor_system& sys,
                       inspector::inspector_setup setup,
                       const config::settings& cfg);

/// Starts node.api's servers (HTTP/WebSocket, then gRPC unless off) over
/// `side`; false with `error` set when one cannot listen.
bool serve_api(caf::actor_system& sys, const config::api_settings& cfg,
               api_side& side, std::string& error);

} // namespace karb::cli
