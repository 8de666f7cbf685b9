#pragma once

// OKX book sequencing (exchanges.md §5.3): snapshot, then updates chained
// on seqId/prevSeqId, each checked against the CRC32 of the top levels.
#include <cstdint>

#include "exchanges/common/book_sync.hpp"

namespace karb::book {

// -- OKX (seqId/prevSeqId + checksum) ------------------------------------------

/// Snapshot, then updates whose prevSeqId equals the previous seqId
/// (seqId == prevSeqId is a no-change heartbeat; seqId < prevSeqId after
/// maintenance is accepted). Messages without ids (pre-2023 captures) pass
/// on `no_seq` and rely on the checksum alone. After applying, the caller
/// reports the checksum result with `on_checksum`.
class okx_sequencer {
public:
  static constexpr int64_t no_seq = INT64_MIN;
  verdict on_snapshot(int64_t seq_id = no_seq);
  verdict on_update(int64_t prev_seq_id = no_seq, int64_t seq_id = no_seq);
  /// `apply` if the checksum matched, else `resync`.
  verdict on_checksum(bool matched);
  sync_state state() const { return state_; }
  int64_t last_seq() const { return last_; }

private:
  sync_state state_ = sync_state::awaiting_snapshot;
  int64_t last_ = no_seq;
};

} // namespace karb::book
