#pragma once

// A small pool of http_client connections to one host: each request goes
// to the connection with the fewest requests outstanding (ties: the lowest
// index, so a lightly loaded pool keeps reusing its first, warm
// connection). Same threading and callback contract as http_client.

#include <atomic>
#include <memory>
#include <vector>

#include "exchanges/common/http_client.hpp"

namespace karb::net {

class http_pool {
public:
  /// `size` (>= 1) lazily connected clients with the same config.
  http_pool(io_runner& io, const http_client_config& cfg, int size,
            std::shared_ptr<tls_context> tls = nullptr);

  /// Thread-safe; `cb` runs on the chosen connection's strand.
  void async_send(http::request req, http_callback cb);
  void close();

  int size() const { return static_cast<int>(clients_.size()); }
  /// Requests queued or in flight on connection `i`.
  int outstanding(int i) const { return slots_[i]->load(); }
  http_client_stats stats() const; ///< summed over the connections

private:
  std::vector<std::unique_ptr<http_client>> clients_;
  std::vector<std::shared_ptr<std::atomic<int>>> slots_;
};

} // namespace karb::net
