#pragma once

// Tiny loopback HTTP and WebSocket servers for the socket tests, plain or
// TLS, each on its own thread and io_context, listening on 127.0.0.1 with
// an ephemeral port. Beast-free header; the servers live in
// test_server.cpp.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "exchanges/common/http_types.hpp"
#include "exchanges/common/self_signed.hpp"

namespace karb::test {

struct seen_request {
  std::string method;
  std::string target;
  std::string body;
  std::vector<http::header> headers;
  int connection = 0; ///< accept number, from 1

  std::string header(const std::string& name) const;
};

struct http_action {
  enum kind_t { respond, close_without_reply, stall } kind = respond;
  int status = 200;
  std::string body = "{}";
  std::vector<http::header> headers;
  bool close_after = false; ///< close the connection after the response

  static http_action of(kind_t k) {
    http_action a;
    a.kind = k;
    return a;
  }
};

using http_handler = std::function<http_action(const seen_request&)>;

/// Counters and records shared by the servers (thread-safe reads).
class server_log {
public:
  void add_accept();
  void add_handshake_failure();
  void add_request(seen_request r);
  int accepts() const;
  int handshake_failures() const;
  std::vector<seen_request> requests() const;
  /// Waits until `n` requests were recorded or `timeout` passed.
  bool wait_requests(std::size_t n, std::chrono::milliseconds timeout) const;

private:
  struct state;
  std::shared_ptr<state> s_ = make_state();
  static std::shared_ptr<state> make_state();
};

class http_test_server {
public:
  /// TLS when `tls` is given.
  explicit http_test_server(http_handler h,
                            std::optional<tls::pem_pair> tls = std::nullopt);
  ~http_test_server();
  uint16_t port() const;
  std::string url() const; ///< "http(s)://127.0.0.1:<port>"
  server_log& log();

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

class ws_test_server {
public:
  enum mode_t {
    echo,   ///< echo every message with its text/binary flag
    silent, ///< after the upgrade, neither read nor write (no pongs)
  };
  explicit ws_test_server(mode_t mode,
                          std::optional<tls::pem_pair> tls = std::nullopt);
  ~ws_test_server();
  uint16_t port() const;
  std::string url(const std::string& path = "/ws") const;
  /// Upgrade requests (method GET, their headers) and echoed messages are
  /// recorded in the log as seen_request {"UPGRADE"/"TEXT"/"BINARY"/
  /// "CLOSE", path, payload}.
  server_log& log();

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// A file in a fresh temp directory holding `text`; removed with the object.
class temp_file {
public:
  temp_file(const std::string& name, const std::string& text);
  ~temp_file();
  const std::string& path() const { return path_; }

private:
  std::string dir_;
  std::string path_;
};

} // namespace karb::test
