#pragma once

// The node's one HTTP/1.1 + WebSocket server (node.api): the dashboard,
// the REST API, the stream at /api/v1/stream, /metrics and /health, on
// its own I/O thread, optionally over TLS. Every connection is bounded
// (header and body size, read and write timeouts, keep-alive idle time,
// a connection cap); no client can hold up another or stop(). No Beast
// include here.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "actors/api/router.hpp"

namespace karb::api {

struct server_limits {
  size_t max_header_bytes = 8 * 1024;
  size_t max_body_bytes = 64 * 1024;            ///< beyond: 413
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::chrono::milliseconds idle_timeout{30'000};  ///< keep-alive
  size_t max_connections = 256;                 ///< beyond: 503
  size_t max_stream_backlog = 1000;             ///< beyond: 1008 "too slow"
};

struct server_setup {
  std::string bind = "127.0.0.1";
  uint16_t port = 0;         ///< 0: any free port
  std::string certificate;   ///< PEM file; with `key`: TLS
  std::string key;
  router_setup routes;       ///< `routes.board` must be set
  server_limits limits;
};

class server {
public:
  /// Binds and starts serving; null with `error` set when the address
  /// cannot be bound or the certificate cannot be loaded.
  static std::unique_ptr<server> start(server_setup setup,
                                       std::string& error);

  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// The bound port.
  uint16_t port() const;
  bool tls() const;

  /// Closes the listener and every connection, joins the I/O thread.
  /// Idempotent.
  void stop();

  struct impl;

private:
  explicit server(std::unique_ptr<impl> x);

  std::unique_ptr<impl> impl_;
};

} // namespace karb::api
