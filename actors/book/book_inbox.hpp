#pragma once

// The one-slot inbox between a venue feed's I/O thread and a book actor
// (full-snapshot venues: every frame is a whole book, so only the newest
// matters). The I/O thread `put`s each decoded book; only when the slot was
// empty (taken) does it need to wake the actor with a message. The actor
// `take`s the newest book. A book replaced before the actor took it is
// counted as conflated.
//
// A lock-free triple buffer: the writer fills its back buffer and swaps it
// with the middle one (marking it fresh); the reader swaps the middle with
// its front buffer when it is fresh. Copies reuse the buffers' capacity, so
// nothing is allocated once warm. One writer thread and one reader (the
// actor) at a time. No CAF.

#include <atomic>
#include <cstdint>

#include "messages/market_data.hpp"

namespace karb::book {

class book_inbox {
public:
  /// Writer: stores a copy of `b`. True: the slot was empty (wake the
  /// reader).
  bool put(const order_book& b) {
    copy(b, bufs_[back_]);
    auto old = middle_.exchange(static_cast<uint8_t>(back_ | fresh),
                                std::memory_order_acq_rel);
    back_ = static_cast<uint8_t>(old & index_mask);
    offered_.fetch_add(1, std::memory_order_relaxed);
    if (old & fresh) {
      conflated_.fetch_add(1, std::memory_order_relaxed);
      return false;
    }
    return true;
  }

  /// Reader: the newest book not taken yet, or null. Valid until the next
  /// take().
  const order_book* take() {
    if (!(middle_.load(std::memory_order_acquire) & fresh))
      return nullptr;
    auto old = middle_.exchange(front_, std::memory_order_acq_rel);
    front_ = static_cast<uint8_t>(old & index_mask);
    return &bufs_[front_];
  }

  /// Books put so far.
  uint64_t offered() const {
    return offered_.load(std::memory_order_relaxed);
  }

  /// Books replaced in the slot before they were taken.
  uint64_t conflated() const {
    return conflated_.load(std::memory_order_relaxed);
  }

  /// `to` = `from`, reusing `to`'s capacity.
  static void copy(const order_book& from, order_book& to) {
    if (!(to.symbol == from.symbol))
      to.symbol = from.symbol;
    to.bids.assign(from.bids.begin(), from.bids.end());
    to.asks.assign(from.asks.begin(), from.asks.end());
    to.ts_event_ns = from.ts_event_ns;
    to.ts_recv_ns = from.ts_recv_ns;
    to.sequence = from.sequence;
  }

private:
  static constexpr uint8_t fresh = 4;
  static constexpr uint8_t index_mask = 3;

  order_book bufs_[3];
  std::atomic<uint8_t> middle_{0}; ///< buffer index | fresh
  uint8_t back_ = 1;               ///< the writer's
  uint8_t front_ = 2;              ///< the reader's
  std::atomic<uint64_t> offered_{0};
  std::atomic<uint64_t> conflated_{0};
};

} // namespace karb::book
