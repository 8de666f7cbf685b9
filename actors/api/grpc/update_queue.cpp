#include "actors/api/grpc/update_queue.hpp"

namespace karb::api {

bool update_queue::push(const board_entry& e) {
  if (e.stream) {
    if (stream_items_ >= max_stream_backlog_)
      return false;
    items_.push_back(e);
    ++stream_items_;
    return true;
  }
  auto& newest = newest_seq_[e.topic];
  if (e.seq <= newest)
    return true;
  newest = e.seq;
  if (auto i = queued_snapshot_.find(e.topic); i != queued_snapshot_.end()) {
    *i->second = e;
    return true;
  }
  items_.push_back(e);
  queued_snapshot_[e.topic] = &items_.back();
  return true;
}

std::optional<board_entry> update_queue::pop() {
  if (items_.empty())
    return std::nullopt;
  auto e = std::move(items_.front());
  items_.pop_front();
  if (e.stream)
    --stream_items_;
  else
    queued_snapshot_.erase(e.topic);
  return e;
}

} // namespace karb::api
