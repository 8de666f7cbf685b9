#include "actors/book/inbox_registry.hpp"

#include <map>
#include <mutex>
#include <utility>

namespace karb::book {

namespace {

struct table {
  std::mutex mtx;
  std::map<std::pair<const void*, uint64_t>, std::shared_ptr<book_inbox>>
    inboxes;
};

table& global() {
  static table t;
  return t;
}

} // namespace

void register_inbox(const void* system, uint64_t actor_id,
                    std::shared_ptr<book_inbox> inbox) {
  auto& t = global();
  std::lock_guard<std::mutex> guard{t.mtx};
  t.inboxes[{system, actor_id}] = std::move(inbox);
}

void unregister_inbox(const void* system, uint64_t actor_id) {
  auto& t = global();
  std::lock_guard<std::mutex> guard{t.mtx};
  t.inboxes.erase({system, actor_id});
}

std::shared_ptr<book_inbox> find_inbox(const void* system,
                                       uint64_t actor_id) {
  auto& t = global();
  std::lock_guard<std::mutex> guard{t.mtx};
  auto i = t.inboxes.find({system, actor_id});
  return i == t.inboxes.end() ? nullptr : i->second;
}

} // namespace karb::book
