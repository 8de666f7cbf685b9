#pragma once

// Which book actors want which venue symbol: shared by the feed actor
// (which adds routes) and the I/O thread (which routes each decoded book
// straight to its book actors with anon_send). Guarded by a mutex that is
// only contended when a subscription is added.

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "messages/interfaces.hpp"

namespace karb::venue {

class book_routes {
public:
  /// Adds a subscriber; true when `code` is new (a subscription to send).
  bool add(const std::string& code, const book_actor& book);
  /// Every subscribed code, sorted.
  std::vector<std::string> codes() const;
  bool empty() const;
  /// Sends `book` to the subscribers of its venue symbol; false if none.
  bool route(const order_book& book) const;

  std::atomic<int64_t> frames{0};  ///< every frame received
  std::atomic<int64_t> books{0};   ///< book frames routed
  std::atomic<int64_t> errors{0};  ///< frames that could not be decoded

private:
  mutable std::mutex mtx_;
  std::map<std::string, std::vector<book_actor>, std::less<>> routes_;
};

} // namespace karb::venue
