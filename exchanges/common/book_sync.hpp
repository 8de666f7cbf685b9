#pragma once

// Book sequencing: the vocabulary every venue's sequencer speaks (what to
// do with a message, the sync states, one table edge) and the rules of the
// venues without their own (full snapshots, generic sequence numbers). The
// venue-specific sequencers live with their venue: exchanges/binance,
// exchanges/okx, exchanges/bybit. Each is a small pure state machine. Each one is fed the
// ids of every book message and answers what to do with it; the caller owns
// the book, the buffer of early messages and the snapshot request.
//
//   awaiting_snapshot --snapshot--> bridging/live --gap--> awaiting_snapshot
//
// A `resync` verdict has already moved the machine back to
// awaiting_snapshot: the caller must fetch (or resubscribe for) a snapshot.

#include <cstdint>
#include <array>
#include <cstddef>
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

/// How far id `to` is past id `from` (to > from), exact even where
/// `to - from` would overflow int64: venue ids are untrusted input.
constexpr uint64_t ids_after(int64_t from, int64_t to) {
  return static_cast<uint64_t>(to) - static_cast<uint64_t>(from);
}

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

// -- for the venues' tables ------------------------------------------------------

namespace sync_table {

constexpr size_t state_count = 3;

/// How one diff relates to the last applied id; each venue classifies its own
/// messages into these, then looks the edge up in its table.
enum class diff_event : uint8_t {
  stale,   ///< already covered by the book
  next,    ///< continues the sequence exactly
  overlap, ///< straddles the last id (the required first diff after a
           ///< Binance snapshot, a broken chain otherwise)
  gap,     ///< something is missing
};
constexpr size_t event_count = 4;

using table = std::array<std::array<sync_edge, event_count>, state_count>;

constexpr size_t idx(auto e) { return static_cast<size_t>(e); }

/// Moves `state` along the edge of `e` and returns its action.
verdict step(const table& t, sync_state& state, diff_event e);

} // namespace sync_table

} // namespace karb::book
