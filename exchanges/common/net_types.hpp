#pragma once

// Error and clock vocabulary shared by the network sessions (http_client,
// ws_client) and the pure retry logic. No Beast or asio here.

#include <chrono>
#include <cstdint>
#include <string>

namespace karb::net {

/// Why a network operation failed.
enum class error_kind : uint8_t {
  none,       ///< no error
  resolve,    ///< DNS resolution failed
  connect,    ///< TCP connect failed or was refused
  tls,        ///< TLS handshake or certificate verification failed
  handshake,  ///< WebSocket upgrade rejected or malformed
  timeout,    ///< deadline passed before the request was written
  closed,     ///< the peer closed or reset the connection
  maybe_sent, ///< a non-idempotent request failed after it may have been
              ///< written: its outcome is unknown, look it up by client id
  heartbeat,  ///< WebSocket peer silent for longer than the heartbeat window
  protocol,   ///< malformed HTTP / WebSocket data
  cancelled,  ///< the session was closed by its owner
  queue_full, ///< too many requests queued
};

/// A readable name ("timeout", "maybe_sent", ...).
std::string to_string(error_kind k);

struct net_error {
  error_kind kind = error_kind::none;
  std::string message;

  explicit operator bool() const { return kind != error_kind::none; }
};

/// Monotonic time in nanoseconds (steady_clock since its epoch); the stamp
/// used for receipt and send times throughout the node.
inline int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           std::chrono::steady_clock::now().time_since_epoch())
    .count();
}

} // namespace karb::net
