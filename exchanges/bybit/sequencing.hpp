#pragma once

// Bybit v5 book sequencing (exchanges.md §6.3): snapshots reset the book,
// deltas chained on u.
#include <cstdint>

#include "exchanges/common/book_sync.hpp"

namespace karb::book {

// -- Bybit v5 (u) ----------------------------------------------------------------

/// A snapshot (or any message with u == 1, a service restart) resets the
/// book; deltas must have u == previous u + 1; u <= previous u is dropped.
class bybit_sequencer {
public:
  verdict on_message(bool is_snapshot, int64_t update_id);
  sync_state state() const { return state_; }
  int64_t last_id() const { return last_; }

private:
  sync_state state_ = sync_state::awaiting_snapshot;
  int64_t last_ = 0;
};

} // namespace karb::book
