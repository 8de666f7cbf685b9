#pragma once

// Where a venue feed finds the inbox of a book actor it was asked to feed:
// a process-wide table from (actor system, actor id) to the actor's
// book_inbox (ids are unique per actor system only). A book
// actor registers its inbox when it starts and removes it when it ends; the
// feed looks it up once, when the subscription is added, and keeps the
// shared pointer. Book actors without an inbox (test doubles) simply are
// not found: the feed then sends them each book as a message.

#include <cstdint>
#include <memory>

#include "actors/book/book_inbox.hpp"

namespace karb::book {

/// `system`: the address of the actor's actor_system (only compared).
void register_inbox(const void* system, uint64_t actor_id,
                    std::shared_ptr<book_inbox> inbox);
void unregister_inbox(const void* system, uint64_t actor_id);
/// Null when the actor registered none.
std::shared_ptr<book_inbox> find_inbox(const void* system, uint64_t actor_id);

} // namespace karb::book
