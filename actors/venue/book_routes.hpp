#pragma once

// Which book actors want which venue symbol: shared by the feed actor
// (which adds routes) and the I/O thread (which hands each decoded book
// straight to its book actors). Routes change only when a subscription is
// added: each change publishes a new immutable table under a mutex and
// bumps a version; the I/O thread keeps its own reference to the current
// table and takes the mutex only when the version moved, so routing a
// frame takes no lock.
//
// A book actor with an inbox (actors/book/inbox_registry.hpp) gets the book
// through it: the newest book waits in the one-slot inbox and the actor is
// woken with `ws_data` only when the slot was empty (a book replaced before
// the actor took it is "conflated"). Others get the book as a message,
// and every book actor gets level changes (deltas) as messages.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "actors/book/book_inbox.hpp"
#include "messages/interfaces.hpp"

namespace karb::venue {

struct book_route {
  book_actor hdl;
  std::shared_ptr<book::book_inbox> inbox; ///< null: send messages
};

class book_routes {
public:
  using table = std::map<std::string, std::vector<book_route>, std::less<>>;

  /// A reader's cached table (one per reading thread).
  struct reader {
    uint64_t version = ~uint64_t{0};
    std::shared_ptr<const table> routes;
  };

  /// Adds a subscriber; true when `code` is new (a subscription to send).
  bool add(const std::string& code, const book_actor& book);
  /// Every subscribed code, sorted.
  std::vector<std::string> codes() const;
  bool empty() const;
  /// Hands `book` to the subscribers of its venue symbol; false if none.
  /// Lock-free unless the routes changed since `r` last looked.
  bool route(const order_book& book, reader& r) const;
  /// The same with a fresh reader (takes the lock; for tests and tools).
  bool route(const order_book& book) const;
  /// Hands level changes to the subscribers of their venue symbol (as a
  /// message: deltas cannot be conflated); false if none.
  bool route(const book_delta& delta, reader& r) const;

  std::atomic<int64_t> frames{0};  ///< every frame received
  std::atomic<int64_t> books{0};   ///< book frames routed
  std::atomic<int64_t> errors{0};  ///< frames that could not be decoded

private:
  /// The subscribers of `code`; nullptr if none.
  const std::vector<book_route>* find(const std::string& code,
                                      reader& r) const;

  mutable std::mutex mtx_;
  std::shared_ptr<const table> table_ = std::make_shared<const table>();
  std::atomic<uint64_t> version_{0};
};

} // namespace karb::venue
