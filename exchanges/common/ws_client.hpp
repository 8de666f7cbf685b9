#pragma once

// One WebSocket connection (ws or wss by URL) with a one-write-in-flight
// send queue, periodic pings and a heartbeat deadline. No reconnect policy
// inside: the owner (an actor, with backoff + circuit breaker) decides when
// to reconnect() or make a fresh ws_client. No Beast here.
//
// Threading: connect(), send_*(), close() post onto the session's strand
// and may be called from any thread; reconnect() and the destructor swap
// the session, so call them from the owner's thread only (one actor).
// Handlers run on an io_runner thread, on the session's strand; they must
// be quick, never block and never throw.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/http_types.hpp"
#include "exchanges/common/net_types.hpp"

namespace karb::net {

class io_runner;
class tls_context;

struct ws_config {
  std::string url; ///< "wss://api.upbit.com/websocket/v1"
  /// Extra upgrade request headers, e.g. {"Authorization", "Bearer <jwt>"}.
  std::vector<http::header> headers;
  std::string user_agent = "karb/0.1";
  /// Deadline for TCP connect + TLS + upgrade, and for the close handshake.
  std::chrono::milliseconds connect_timeout{10'000};
  /// A ping frame is sent this often while open (Upbit closes after 120 s
  /// idle); zero disables pings.
  std::chrono::milliseconds ping_interval{20'000};
  /// Also sent as a text frame with every ping where the venue wants an
  /// application-level heartbeat (OKX `ping`, Bybit `{"op":"ping"}`).
  std::string ping_text;
  /// Nothing received (data, pong or ping) for this long: the connection is
  /// dead (on_error(heartbeat), then on_close). Zero disables the check.
  std::chrono::milliseconds heartbeat_timeout{60'000};
  std::size_t max_queue = 1024;             ///< queued outgoing frames
  std::size_t max_message = 16 * 1024 * 1024; ///< incoming message limit
};

struct ws_handlers {
  /// The upgrade succeeded; queued frames are being written.
  std::function<void()> on_open;
  /// One whole message; `data` is valid only during the call. `recv_ns` is
  /// steady_ns() when the read completed.
  std::function<void(std::string_view data, bool binary, int64_t recv_ns)>
    on_frame;
  /// The session failed (connect, tls, handshake, heartbeat, closed by
  /// peer without a close frame, queue_full, ...); on_close follows.
  std::function<void(const net_error&)> on_error;
  /// Always the last call, exactly once per connection attempt: after a
  /// clean close ("normal"/peer's reason), close() before open, or an error.
  std::function<void(const std::string& reason)> on_close;
};

struct ws_stats {
  uint64_t frames_in = 0;
  uint64_t frames_out = 0; ///< data frames written (not pings)
  uint64_t pings = 0;
};

class ws_client {
public:
  /// Throws std::invalid_argument for a bad or non-ws(s) URL. A wss URL
  /// without `tls` uses a context on the system trust store.
  ws_client(io_runner& io, ws_config cfg, ws_handlers handlers,
            std::shared_ptr<tls_context> tls = nullptr);
  /// Detaches the handlers (no more calls once that reaches the strand)
  /// and closes.
  ~ws_client();

  ws_client(const ws_client&) = delete;
  ws_client& operator=(const ws_client&) = delete;

  /// Starts connecting; on_open or on_error + on_close follow.
  void connect();
  /// Queues a text / binary message; frames sent before on_open are
  /// written after the upgrade, in order.
  void send_text(std::string data);
  void send_binary(std::string data);
  /// Clean close (close frame, then on_close) after queued frames.
  void close();
  /// Detaches and drops the current connection without callbacks and
  /// starts a fresh one with the same config and handlers.
  void reconnect();

  /// Open as last reported by the strand (thread-safe snapshot).
  bool is_open() const;
  ws_stats stats() const;

  class session; ///< implementation (ws_client.cpp)

private:
  std::shared_ptr<session> make_session();

  io_runner& io_;
  ws_config cfg_;
  ws_handlers handlers_;
  std::shared_ptr<tls_context> tls_;
  std::shared_ptr<session> session_;
};

} // namespace karb::net
