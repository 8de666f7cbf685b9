#pragma once

// Per-venue sequencing rules as small pure state machines. Each one is fed the
// ids of every book message and answers what to do with it; the caller owns
// the book, the buffer of early messages and the snapshot request.
//
//   awaiting_snapshot --snapshot--> bridging/live --gap--> awaiting_snapshot
//
// A `resync` verdict has already moved the machine back to
// awaiting_snapshot: the caller must fetch (or resubscribe for) a snapshot.

#include <cstdint>
#include <string_view>

namespace karb::book {

/// What to do with one book message.
enum class verdict : uint8_t {
  apply,   ///< apply its levels on top of the book
  replace, ///< it is (or stands for) a full book: replace the book
  drop,    ///< stale or duplicate: ignore it
  resync,  ///< sequence broken: discard the book, get a new snapshot
  buffer,  ///< no snapshot yet: keep it and feed it again after the snapshot
};

std::string_view to_string(verdict v);

enum class sync_state : uint8_t {
  awaiting_snapshot, ///< no usable book
  bridging,          ///< snapshot loaded, first diff must straddle its id
  live,              ///< in sequence
};

std::string_view to_string(sync_state s);

/// One edge of a transition table.
struct sync_edge {
  verdict action;
  sync_state next;
};

// -- full-snapshot venues (Upbit, Bithumb 2.0) ---------------------------------

/// Every message is a whole book; one whose timestamp goes backwards is
/// dropped (equal timestamps are accepted).
class full_snapshot_sequencer {
public:
  verdict on_book(int64_t ts_ms);
  int64_t last_ts_ms() const { return last_ts_ms_; }
  /// True if no book yet or the last one is older than `max_age_ms`.
  bool stale(int64_t now_ms, int64_t max_age_ms) const {
    return last_ts_ms_ == 0 || now_ms - last_ts_ms_ > max_age_ms;
  }
  void reset() { last_ts_ms_ = 0; }

private:
  int64_t last_ts_ms_ = 0;
};

// -- generic sequence numbers (seed 000 §3.6.2) --------------------------------

/// Venues with a sequence number and no stricter rule: a jump of more than
/// `max_jump` past the last applied number triggers a snapshot resync; a
/// smaller jump is tolerated; old numbers are dropped.
class gap_tolerant_sequencer {
public:
  static constexpr int64_t max_jump = 5;
  verdict on_snapshot(int64_t seq);
  verdict on_update(int64_t seq);
  sync_state state() const { return state_; }
  int64_t last_seq() const { return last_; }

private:
  sync_state state_ = sync_state::awaiting_snapshot;
  int64_t last_ = 0;
};

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
