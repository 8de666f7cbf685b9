#include "actors/api/snapshot_board.hpp"

#include <chrono>

namespace karb::api {

namespace {

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch())
    .count();
}

} // namespace

bool snapshot_board::put(const std::string& topic, std::string json) {
  board_entry e;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    auto i = snapshots_.find(topic);
    if (i != snapshots_.end() && *i->second.json == json)
      return false;
    e = board_entry{topic, std::make_shared<const std::string>(std::move(json)),
                    ++seq_, now_ms(), false};
    snapshots_[topic] = e;
  }
  notify(e);
  return true;
}

void snapshot_board::append(const std::string& topic, std::string json) {
  board_entry e;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    e = board_entry{topic, std::make_shared<const std::string>(std::move(json)),
                    ++seq_, now_ms(), true};
    auto& ring = streams_[topic];
    ring.push_back(e);
    while (ring.size() > stream_depth_)
      ring.pop_front();
  }
  notify(e);
}

std::optional<board_entry>
snapshot_board::get(const std::string& topic) const {
  std::lock_guard<std::mutex> guard{mtx_};
  auto i = snapshots_.find(topic);
  if (i == snapshots_.end())
    return std::nullopt;
  return i->second;
}

std::vector<board_entry> snapshot_board::recent(const std::string& topic,
                                                size_t n) const {
  std::lock_guard<std::mutex> guard{mtx_};
  std::vector<board_entry> out;
  auto i = streams_.find(topic);
  if (i == streams_.end())
    return out;
  auto& ring = i->second;
  auto skip = ring.size() > n ? ring.size() - n : 0;
  out.assign(ring.begin() + static_cast<std::ptrdiff_t>(skip), ring.end());
  return out;
}

std::vector<std::string> snapshot_board::topics() const {
  std::lock_guard<std::mutex> guard{mtx_};
  std::vector<std::string> out;
  out.reserve(snapshots_.size());
  for (auto& [topic, _] : snapshots_)
    out.push_back(topic);
  return out;
}

uint64_t snapshot_board::subscribe(listener l) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto id = next_listener_++;
  listeners_.emplace(id, std::make_shared<const listener>(std::move(l)));
  return id;
}

void snapshot_board::unsubscribe(uint64_t id) {
  std::lock_guard<std::mutex> guard{mtx_};
  listeners_.erase(id);
}

void snapshot_board::notify(const board_entry& e) const {
  std::vector<std::shared_ptr<const listener>> ls;
  {
    std::lock_guard<std::mutex> guard{mtx_};
    ls.reserve(listeners_.size());
    for (auto& [_, l] : listeners_)
      ls.push_back(l);
  }
  for (auto& l : ls)
    (*l)(e);
}

} // namespace karb::api
