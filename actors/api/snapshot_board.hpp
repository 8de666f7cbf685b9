#pragma once

// The API's read side: the latest snapshot of each topic ("status",
// "orders", "book:upbit:KRW-BTC", ...) and a short ring of each stream
// topic ("events", "alerts"). The API publisher writes it at a throttled
// rate; HTTP, WebSocket and gRPC handlers read it from their own threads,
// so no API request ever reaches a trading actor. Listeners run on the
// writer's thread after the lock is released and must not block (they
// post to their own executor).

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace karb::api {

/// One published value: a JSON document in text form.
struct board_entry {
  std::string topic;
  std::shared_ptr<const std::string> json;
  uint64_t seq = 0;      ///< board-wide, increasing
  int64_t ts_ms = 0;     ///< wall clock when it was published
  bool stream = false;   ///< an item of a stream topic (not a snapshot)
};

class snapshot_board {
public:
  using listener = std::function<void(const board_entry&)>;

  explicit snapshot_board(size_t stream_depth = 500)
    : stream_depth_(stream_depth) {
    // nop
  }

  /// Replaces the snapshot of `topic`; listeners hear it only when the
  /// text changed. Returns whether it changed.
  bool put(const std::string& topic, std::string json);

  /// Appends one item to the stream `topic` (the oldest beyond the depth
  /// is dropped); listeners always hear it.
  void append(const std::string& topic, std::string json);

  /// The latest snapshot of `topic`, if any was published.
  std::optional<board_entry> get(const std::string& topic) const;

  /// Up to `n` most recent items of the stream `topic`, oldest first.
  std::vector<board_entry> recent(const std::string& topic, size_t n) const;

  /// The snapshot topics published so far, sorted.
  std::vector<std::string> topics() const;

  /// Adds a listener; the id removes it.
  uint64_t subscribe(listener l);
  void unsubscribe(uint64_t id);

private:
  void notify(const board_entry& e) const;

  size_t stream_depth_;
  mutable std::mutex mtx_;
  uint64_t seq_ = 0;
  uint64_t next_listener_ = 1;
  std::map<std::string, board_entry> snapshots_;
  std::map<std::string, std::deque<board_entry>> streams_;
  std::map<uint64_t, std::shared_ptr<const listener>> listeners_;
};

} // namespace karb::api
