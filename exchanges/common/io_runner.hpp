#pragma once

// The I/O threads of the node: one asio io_context run by N threads
// (default 1) and kept alive by a work guard until stop(). Network sessions
// (http_client, ws_client) are created on it and must be destroyed before
// it. No asio include here: the context is only forward-declared.

#include <functional>
#include <memory>

namespace boost::asio {
class io_context;
} // namespace boost::asio

namespace karb::net {

class io_runner {
public:
  /// Starts `threads` threads (>= 1) running the context.
  explicit io_runner(int threads = 1);
  /// Calls stop().
  ~io_runner();

  io_runner(const io_runner&) = delete;
  io_runner& operator=(const io_runner&) = delete;

  /// Releases the work guard, stops the context and joins the threads.
  /// Idempotent. Must not be called from one of the I/O threads.
  void stop();

  /// Runs `f` on an I/O thread (thread-safe).
  void post(std::function<void()> f);

  /// Whether the calling thread is one of this runner's I/O threads.
  bool in_io_thread() const;

  int threads() const;
  bool stopped() const;

  /// The context, for the session implementations.
  boost::asio::io_context& context();

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

} // namespace karb::net
