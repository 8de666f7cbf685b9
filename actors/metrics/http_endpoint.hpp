#pragma once

// A small HTTP/1.1 endpoint for scrapes: GET /metrics (Prometheus text) and
// GET /health (JSON), one request per connection, served by one thread.
// Scrapes are rare and tiny, so plain sockets keep this out of the Beast
// translation units.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

namespace karb::metrics {

struct http_reply {
  int status = 200;
  std::string content_type = "text/plain; version=0.0.4; charset=utf-8";
  std::string body;
};

class http_endpoint {
public:
  using handler = std::function<http_reply(const std::string& path)>;

  http_endpoint() = default;
  http_endpoint(const http_endpoint&) = delete;
  http_endpoint& operator=(const http_endpoint&) = delete;
  ~http_endpoint();

  /// Binds (port 0: any free port) and starts serving; false with `error`
  /// set when the address cannot be bound.
  bool start(const std::string& bind, uint16_t port, handler h,
             std::string& error);
  void stop();
  uint16_t port() const { return port_; }

private:
  void serve();

  int listen_fd_ = -1;
  uint16_t port_ = 0;
  handler handler_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

} // namespace karb::metrics
