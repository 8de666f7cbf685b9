#pragma once

// The network as the venue actors see it: a WebSocket connection and an
// HTTP session behind small interfaces, so that actor tests inject fakes
// (no sockets) and the node injects karb::net sessions (make_net_io).
//
// Threading contract (as karb::net): handlers and callbacks run on an I/O
// thread; they only parse and anon_send. connect/send/close may be called
// from any thread; destroying a ws_transport detaches its handlers.

#include <functional>
#include <memory>
#include <string>

#include "exchanges/common/http_client.hpp"
#include "exchanges/common/ws_client.hpp"

namespace karb::net {
class io_runner;
class tls_context;
} // namespace karb::net

namespace karb::venue {

/// One WebSocket connection attempt.
class ws_transport {
public:
  virtual ~ws_transport();
  virtual void connect() = 0;
  virtual void send_text(std::string data) = 0;
  virtual void close() = 0;
};

/// One venue REST host.
class http_transport {
public:
  virtual ~http_transport();
  /// `cb` runs exactly once (on an I/O thread for the real session).
  virtual void async_send(http::request req, net::http_callback cb) = 0;
  virtual void close() = 0;
};

using ws_factory = std::function<std::unique_ptr<ws_transport>(
  net::ws_config, net::ws_handlers)>;
using http_factory = std::function<std::shared_ptr<http_transport>(
  net::http_client_config)>;

/// How a venue reaches the network.
struct venue_io {
  ws_factory make_ws;
  http_factory make_http;
};

/// Real sessions: WebSockets on `io`, HTTP on `rest_io` (both must
/// outlive them; they may be the same runner), trusting `tls` (null: system
/// trust store). `http_connections` keep-alive connections per host.
venue_io make_net_io(net::io_runner& io, net::io_runner& rest_io,
                     std::shared_ptr<net::tls_context> tls = nullptr,
                     int http_connections = 2);

} // namespace karb::venue
