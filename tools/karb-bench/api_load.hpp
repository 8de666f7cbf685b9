#pragma once

// The API load of issue 17 §6: WebSocket clients subscribed to every topic
// and a paced stream of REST reads, run against the node while karb-bench
// measures tick-to-order. One I/O thread; the clients read as fast as the
// node sends, and the REST pacing is open-loop (a slow reply does not slow
// the offered rate down, it only adds connections' backlog).

#include <cstdint>
#include <memory>
#include <string>

namespace karb::bench {

struct api_load_options {
  int port = 0;              ///< the node's node.api port
  int ws_clients = 20;
  int rest_per_s = 1000;
  int rest_connections = 8;  ///< keep-alive connections sharing the rate
};

struct api_load_stats {
  double seconds = 0;
  uint64_t rest_sent = 0, rest_ok = 0, rest_failed = 0;
  double rest_per_s = 0;          ///< replies with 200 per second
  uint64_t ws_connected = 0;      ///< clients that got their first message
  uint64_t ws_messages = 0;
  double ws_mb = 0;
};

class api_load {
public:
  explicit api_load(api_load_options o);
  ~api_load();
  api_load(const api_load&) = delete;
  api_load& operator=(const api_load&) = delete;

  void start();
  /// Stops every client and returns what they did.
  api_load_stats stop();

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace karb::bench
