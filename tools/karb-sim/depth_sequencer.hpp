#pragma once

// Update ids of one Binance order book and the diff-depth events that carry
// its changes: every change of the book (a regeneration, an order taking
// liquidity) advances `lastUpdateId` by the number of levels it changed; an
// event carries the absolute quantity ("0": removed) of every price touched
// since the previous event, with U = previous u + 1 and u = the current id.
// So a REST snapshot taken at any moment plus the events after it rebuilds
// the book exactly. Pure.

#include <cstdint>
#include <optional>
#include <set>
#include <vector>

#include "tools/karb-sim/book.hpp"

namespace karb::sim {

struct depth_event {
  int64_t first_id = 0;   ///< U
  int64_t last_id = 0;    ///< u
  int64_t prev_last_id = 0; ///< pu (USD-M): u of the previous event
  std::vector<price_level> bids; ///< descending, qty 0 = remove
  std::vector<price_level> asks; ///< ascending
};

class depth_sequencer {
public:
  explicit depth_sequencer(int64_t start_id = 1) : id_(start_id), sent_(start_id) {}

  /// Records a change of the book from `before` to `after`.
  void changed(const book& before, const book& after);
  /// The id of the book as it is now (REST `lastUpdateId`).
  int64_t last_update_id() const { return id_; }
  /// The event for everything changed since the previous one; nullopt when
  /// nothing changed.
  std::optional<depth_event> emit(const book& current);

private:
  int64_t id_;
  int64_t sent_;
  std::set<decimal> dirty_bids_, dirty_asks_;
};

/// Applies an event's levels to a side (helper for clients and tests).
void apply_levels(std::vector<price_level>& side,
                  const std::vector<price_level>& changes, bool asks);

} // namespace karb::sim
