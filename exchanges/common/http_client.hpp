#pragma once

// One HTTP/1.1 keep-alive connection (plain or TLS by URL) to one venue
// host. Requests are queued and sent one at a time. No Beast here: the
// session lives in http_client.cpp.
//
// Threading: async_send() and close() may be called from any thread (they
// post onto the session's strand). The callback runs on an io_runner
// thread, on the session's strand, exactly once per async_send(); it must
// be quick, never block and never throw (an actor shell does
// caf::anon_send and returns).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "exchanges/common/backoff.hpp"
#include "exchanges/common/http_types.hpp"
#include "exchanges/common/net_types.hpp"
#include "exchanges/common/url.hpp"

namespace karb::net {

class io_runner;
class tls_context;

struct http_timing {
  int64_t queued_ns = 0;   ///< async_send() was called
  /// The write of the request started (last attempt): on a writable
  /// socket asio writes speculatively, so the bytes are in the kernel when
  /// the initiating call returns.
  int64_t written_ns = 0;
  int64_t sent_ns = 0;     ///< the write completed (its handler ran)
  int64_t received_ns = 0; ///< whole response read
};

/// Either a response (any status) or an error. Error kinds: resolve,
/// connect, tls, timeout (deadline passed before the request was written),
/// closed, protocol, cancelled, queue_full, and for a non-idempotent
/// request that failed after it may have been written: maybe_sent (the
/// message says whether it timed out or the connection broke).
struct http_result {
  http::response response;
  net_error error;
  http_timing timing;
  int attempts = 0;          ///< tries made (1 unless retried)
  bool reused_connection = false; ///< last try used a kept-alive connection

  bool ok() const { return !error; }
};

using http_callback = std::function<void(http_result)>;

struct http_client_config {
  std::string base_url; ///< "https://api.upbit.com" (any path is ignored)
  /// Deadline of one try: connect + TLS + write + read.
  std::chrono::milliseconds request_timeout{5000};
  std::string user_agent = "karb/0.1";
  /// Retries of idempotent requests after transport errors (at most 3
  /// tries in all). A stale kept-alive connection is retried at once.
  backoff_policy retry{std::chrono::milliseconds{100},
                       std::chrono::milliseconds{2000}, 2.0, 0.2, 3};
  /// Also retry idempotent requests answered 429/500/502/503/504.
  bool retry_status = false;
  std::size_t max_queue = 1024;
  std::size_t body_limit = 8 * 1024 * 1024;
};

struct http_client_stats {
  uint64_t connects = 0; ///< TCP connections opened
  uint64_t requests = 0; ///< tries written
  uint64_t retries = 0;
};

class http_client {
public:
  /// Throws std::invalid_argument for a bad or non-http(s) URL. A TLS URL
  /// without `tls` uses a context on the system trust store.
  http_client(io_runner& io, http_client_config cfg,
              std::shared_ptr<tls_context> tls = nullptr);
  /// Closes; queued requests complete with error_kind::cancelled.
  ~http_client();

  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  /// Queues `req`; `cb` gets the result on the session strand. Called on
  /// the only thread of a one-thread runner (the hot loop), the request
  /// goes straight into the session instead of through the context's
  /// queue.
  void async_send(http::request req, http_callback cb);

  /// Closes the connection and cancels everything queued (thread-safe).
  void close();

  http_client_stats stats() const;
  const url& endpoint() const { return url_; }

  class session; ///< implementation (http_client.cpp)

private:
  io_runner& io_;
  bool one_thread_ = false;
  url url_;
  std::shared_ptr<session> session_;
};

} // namespace karb::net
