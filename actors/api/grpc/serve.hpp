#pragma once

// node.api's gRPC server as the node starts it: off when grpc_port is -1,
// else started on the API's bind with its TLS files and token, and logged.

#include <memory>
#include <string>

#include "actors/api/control.hpp"
#include "actors/api/grpc/grpc_server.hpp"
#include "config/api_settings.hpp"

namespace karb::api {

class snapshot_board;

/// Null when off (`error` empty) or when it cannot listen (`error` says
/// why; also logged as "grpc_unavailable").
std::unique_ptr<grpc_server> serve_grpc(const config::api_settings& s,
                                        snapshot_board& board,
                                        control_fn control,
                                        std::string& error);

} // namespace karb::api
