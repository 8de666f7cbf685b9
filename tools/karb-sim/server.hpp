#pragma once

// The network side of karb-sim: one HTTP + WebSocket port per venue (plain
// or TLS, bound to 127.0.0.1) and an admin HTTP port. It only moves bytes
// between sockets and the simulator; no Beast in this header.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tools/karb-sim/sim.hpp"

namespace karb::sim {

struct server_config {
  uint16_t port_base = 18100;  ///< venue i listens on port_base + i; 0: ephemeral
  bool tls = false;
  std::string cert_pem;        ///< required when tls
  std::string key_pem;
  int admin_port = -1;         ///< -1: no admin port; 0: ephemeral
  bool run_steps = true;       ///< advance the market at book_hz
  /// Book frames per second per public feed connection, spread over its
  /// markets (feed_pump); 0: off (books only at book_hz); < 0: unpaced.
  int64_t feed_rate = 0;
};

class server {
public:
  server(simulator& sim, server_config cfg);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Binds every port (throws on failure) and starts the I/O thread.
  void start();
  /// Stops the I/O thread and closes every connection; idempotent.
  void stop();
  /// Blocks SIGINT/SIGTERM in the calling thread (and in threads started
  /// after it), so that wait_for_signal() cannot miss an early signal. Call
  /// before start().
  static void block_termination_signals();
  /// Waits until SIGINT/SIGTERM (blocked beforehand), then stops.
  void wait_for_signal();

  std::vector<uint16_t> venue_ports() const;
  uint16_t admin_port() const;
  /// Feed steps published so far (for measurements).
  uint64_t published_steps() const;
  /// Frames handed to WebSocket sessions so far.
  uint64_t frames_sent() const;
  /// Of those, book frames sent by the feed-rate pump.
  uint64_t pumped_frames() const;

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// Milliseconds since the epoch from the system clock.
time_ms now_ms();

} // namespace karb::sim
