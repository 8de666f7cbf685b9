#pragma once

// What the server's sessions share (internal to actors/api: server.cpp and
// session.cpp). Touched only on the server's I/O thread.

#include <cstdint>
#include <map>
#include <memory>

#include "actors/api/router.hpp"
#include "actors/api/server.hpp"

namespace boost::asio::ssl {
class context;
} // namespace boost::asio::ssl

namespace karb::api {

/// A WebSocket client the board's updates fan out to.
class stream_client {
public:
  virtual ~stream_client() = default;
  /// Offers one update (on the I/O thread); never blocks.
  virtual void deliver(const board_entry& e) = 0;
};

struct server_state {
  server_state(router_setup routes, server_limits lim)
    : board(routes.board), router(std::move(routes)), limits(lim) {
    // nop
  }

  std::shared_ptr<snapshot_board> board;
  api::router router;
  server_limits limits;
  std::shared_ptr<boost::asio::ssl::context> tls;  ///< null: plain
  size_t connections = 0;
  uint64_t next_client = 1;
  std::map<uint64_t, std::weak_ptr<stream_client>> clients;
};

/// Holds one of the connection cap's places while a session lives.
class connection_slot {
public:
  explicit connection_slot(std::shared_ptr<server_state> state)
    : state_(std::move(state)) {
    ++state_->connections;
  }
  ~connection_slot() { --state_->connections; }
  connection_slot(const connection_slot&) = delete;
  connection_slot& operator=(const connection_slot&) = delete;

private:
  std::shared_ptr<server_state> state_;
};

} // namespace karb::api
