#pragma once

// Binance book sequencing (exchanges.md §3.3, §4.2): a REST snapshot
// `lastUpdateId`, then diffs chained on U/u (spot) or pu (USD-M).
#include <cstdint>

#include "exchanges/common/book_sync.hpp"

namespace karb::book {

// -- Binance spot (U/u) --------------------------------------------------------

/// REST snapshot `lastUpdateId` plus diffs [U, u]: drop u <= id; the first
/// applied diff must have U <= id + 1 <= u; then U == previous u + 1.
class binance_spot_sequencer {
public:
  verdict on_snapshot(int64_t last_update_id);
  verdict on_diff(int64_t first_id, int64_t final_id);
  void reset() { state_ = sync_state::awaiting_snapshot; }
  sync_state state() const { return state_; }
  int64_t last_id() const { return last_; }

private:
  sync_state state_ = sync_state::awaiting_snapshot;
  int64_t last_ = 0;
};

// -- Binance USD-M (U/u/pu) ----------------------------------------------------

/// Drop u < id; the first applied diff must have U <= id <= u; then every
/// diff's pu must equal the previous diff's u.
class binance_usdm_sequencer {
public:
  verdict on_snapshot(int64_t last_update_id);
  verdict on_diff(int64_t first_id, int64_t final_id, int64_t prev_final_id);
  void reset() { state_ = sync_state::awaiting_snapshot; }
  sync_state state() const { return state_; }
  int64_t last_id() const { return last_; }

private:
  sync_state state_ = sync_state::awaiting_snapshot;
  int64_t last_ = 0;
};

} // namespace karb::book
