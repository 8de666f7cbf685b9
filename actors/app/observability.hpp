#pragma once

// The node's /metrics and /health endpoint (node.metrics).

#include <memory>
#include <string>

#include <caf/actor_system.hpp>

#include "actors/metrics/http_endpoint.hpp"
#include "messages/interfaces.hpp"

namespace karb::app {

/// Serves /metrics (the global registry plus process metrics) and /health
/// (asks the node: 200 "UP" when every child runs, 503 "DEGRADED" or
/// "DOWN" otherwise). Returns null with `error` set if it cannot bind.
std::unique_ptr<metrics::http_endpoint>
serve_observability(caf::actor_system& sys, node_actor node,
                    const std::string& bind, uint16_t port,
                    std::string& error);

} // namespace karb::app
