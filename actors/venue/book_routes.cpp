#include "actors/venue/book_routes.hpp"

#include <algorithm>

#include <caf/send.hpp>

namespace karb::venue {

bool book_routes::add(const std::string& code, const book_actor& book) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto& subs = routes_[code];
  bool fresh = subs.empty();
  if (std::find(subs.begin(), subs.end(), book) == subs.end())
    subs.push_back(book);
  return fresh;
}

std::vector<std::string> book_routes::codes() const {
  std::lock_guard<std::mutex> guard{mtx_};
  std::vector<std::string> out;
  for (auto& [code, subs] : routes_)
    out.push_back(code);
  return out;
}

bool book_routes::empty() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return routes_.empty();
}

bool book_routes::route(const order_book& book) const {
  std::lock_guard<std::mutex> guard{mtx_};
  auto i = routes_.find(book.symbol.venue_symbol);
  if (i == routes_.end())
    return false;
  for (auto& b : i->second)
    caf::anon_send(b, book);
  return true;
}

} // namespace karb::venue
