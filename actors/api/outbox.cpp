#include "actors/api/outbox.hpp"

namespace karb::api {

bool outbox::push(const board_entry& e) {
  if (e.stream) {
    queue_.push_back(e);
    return ++stream_backlog_ <= max_stream_backlog_;
  }
  auto& newest = newest_[e.topic];
  if (e.seq <= newest)
    return true;
  newest = e.seq;
  if (auto i = pending_.find(e.topic); i != pending_.end()) {
    *i->second = e;
    return true;
  }
  pending_[e.topic] = queue_.insert(queue_.end(), e);
  return true;
}

std::optional<board_entry> outbox::pop() {
  if (queue_.empty())
    return std::nullopt;
  auto e = std::move(queue_.front());
  queue_.pop_front();
  if (e.stream)
    --stream_backlog_;
  else
    pending_.erase(e.topic);
  return e;
}

void outbox::clear() {
  queue_.clear();
  pending_.clear();
  stream_backlog_ = 0;
}

} // namespace karb::api
