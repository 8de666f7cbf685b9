#pragma once

// One accepted connection, served as HTTP/1.1 (keep-alive) and, on an
// upgrade at /api/v1/stream, as a WebSocket stream client (session.cpp,
// the only Beast TU besides server.cpp). Internal to actors/api.

#include <memory>

#include <boost/asio/ip/tcp.hpp>

#include "actors/api/server_state.hpp"

namespace karb::api {

/// Serves `socket` (over TLS when `state->tls` is set). `over_limit`: the
/// connection cap is reached; the first request gets a 503.
void serve_connection(boost::asio::ip::tcp::socket socket,
                      std::shared_ptr<server_state> state, bool over_limit);

} // namespace karb::api
