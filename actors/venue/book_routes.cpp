#include "actors/venue/book_routes.hpp"

#include <algorithm>

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>

#include "actors/book/inbox_registry.hpp"

namespace karb::venue {

namespace {

std::shared_ptr<book::book_inbox> inbox_of(const book_actor& book) {
  if (!book)
    return nullptr;
  auto ptr = caf::actor_cast<caf::strong_actor_ptr>(book);
  return book::find_inbox(ptr->home_system, book.id());
}

} // namespace

bool book_routes::add(const std::string& code, const book_actor& book) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto next = std::make_shared<table>(*table_);
  auto& subs = (*next)[code];
  bool fresh = subs.empty();
  auto same = [&](const book_route& r) { return r.hdl == book; };
  if (std::find_if(subs.begin(), subs.end(), same) != subs.end())
    return fresh;
  subs.push_back({book, inbox_of(book)});
  table_ = std::move(next);
  version_.fetch_add(1, std::memory_order_release);
  return fresh;
}

std::vector<std::string> book_routes::codes() const {
  std::lock_guard<std::mutex> guard{mtx_};
  std::vector<std::string> out;
  for (auto& [code, subs] : *table_)
    out.push_back(code);
  return out;
}

bool book_routes::empty() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return table_->empty();
}

const std::vector<book_route>* book_routes::find(const std::string& code,
                                                 reader& r) const {
  auto v = version_.load(std::memory_order_acquire);
  if (v != r.version) {
    std::lock_guard<std::mutex> guard{mtx_};
    r.routes = table_;
    r.version = version_.load(std::memory_order_relaxed);
  }
  auto i = r.routes->find(code);
  return i == r.routes->end() ? nullptr : &i->second;
}

bool book_routes::route(const order_book& book, reader& r) const {
  auto subs = find(book.symbol.venue_symbol, r);
  if (!subs)
    return false;
  for (auto& sub : *subs) {
    if (!sub.inbox)
      caf::anon_send(sub.hdl, book);
    else if (sub.inbox->put(book))
      caf::anon_send(sub.hdl, atom::ws_data_v);
  }
  return true;
}

bool book_routes::route(const book_delta& delta, reader& r) const {
  auto subs = find(delta.symbol.venue_symbol, r);
  if (!subs)
    return false;
  for (auto& sub : *subs)
    caf::anon_send(sub.hdl, delta);
  return true;
}

bool book_routes::route(const order_book& book) const {
  reader r;
  return route(book, r);
}

} // namespace karb::venue
