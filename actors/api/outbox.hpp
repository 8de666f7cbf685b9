#pragma once

// One WebSocket client's pending messages. A snapshot topic keeps only its
// newest pending value (a client that falls behind skips the values in
// between, and never gets an older value after a newer one); stream items
// queue in order, and past `max_stream_backlog` of them the client is too
// slow to keep. Pure: the session pops and writes one at a time.

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <optional>
#include <string>

#include "actors/api/snapshot_board.hpp"

namespace karb::api {

class outbox {
public:
  explicit outbox(size_t max_stream_backlog = 1000)
    : max_stream_backlog_(max_stream_backlog) {
    // nop
  }

  /// Queues `e`. Returns false when the stream backlog passed its bound.
  bool push(const board_entry& e);

  /// The next entry to send, oldest first.
  std::optional<board_entry> pop();

  bool empty() const { return queue_.empty(); }
  size_t size() const { return queue_.size(); }
  size_t stream_backlog() const { return stream_backlog_; }

  /// Drops everything pending (the client is being closed).
  void clear();

private:
  size_t max_stream_backlog_;
  size_t stream_backlog_ = 0;
  std::list<board_entry> queue_;
  /// The pending snapshot of each topic, in `queue_`.
  std::map<std::string, std::list<board_entry>::iterator> pending_;
  /// The newest snapshot seq queued per topic (older ones are dropped).
  std::map<std::string, uint64_t> newest_;
};

} // namespace karb::api
