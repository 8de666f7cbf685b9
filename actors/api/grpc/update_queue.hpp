#pragma once

// One subscriber's pending board entries, between the board's listener
// (the publisher's thread) and the subscriber's writes. Snapshot topics are
// conflated: a newer value replaces the queued one in its place, and a
// value no newer than one already taken is dropped. Stream items are kept
// in order up to a bound; past it the subscriber is too slow. Not
// synchronised: the owner locks.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "actors/api/snapshot_board.hpp"

namespace karb::api {

class update_queue {
public:
  static constexpr size_t default_stream_backlog = 1000;

  explicit update_queue(size_t max_stream_backlog = default_stream_backlog)
    : max_stream_backlog_(max_stream_backlog) {
    // nop
  }

  // Holds pointers into its own deque: not copyable.
  update_queue(const update_queue&) = delete;
  update_queue& operator=(const update_queue&) = delete;

  /// Queues `e`; false when it is a stream item beyond the backlog bound
  /// (then nothing is queued).
  bool push(const board_entry& e);

  /// The oldest pending entry, if any.
  std::optional<board_entry> pop();

  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }

private:
  size_t max_stream_backlog_;
  size_t stream_items_ = 0;
  std::deque<board_entry> items_; // references stay valid at both ends
  std::map<std::string, board_entry*> queued_snapshot_;
  std::map<std::string, uint64_t> newest_seq_;
};

} // namespace karb::api
