#include "actors/book/sequencing.hpp"

#include <array>
#include <cstddef>

namespace karb::book {

namespace {

using enum verdict;
using enum sync_state;

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

/// Binance spot (exchanges.md §3.3).
constexpr table binance_spot_table = {{
  //            stale                next              overlap           gap
  /* awaiting */ {{{buffer, awaiting_snapshot}, {buffer, awaiting_snapshot},
                   {buffer, awaiting_snapshot}, {buffer, awaiting_snapshot}}},
  /* bridging */ {{{drop, bridging}, {apply, live},
                   {apply, live}, {resync, awaiting_snapshot}}},
  // A diff starting before last+1 but ending after it means the stream was
  // not contiguous: resync as for a gap.
  /* live     */ {{{drop, live}, {apply, live},
                   {resync, awaiting_snapshot}, {resync, awaiting_snapshot}}},
}};

/// Binance USD-M (exchanges.md §4.2): only `overlap` bridges the snapshot,
/// only `next` (pu == last u) continues it.
constexpr table binance_usdm_table = {{
  /* awaiting */ {{{buffer, awaiting_snapshot}, {buffer, awaiting_snapshot},
                   {buffer, awaiting_snapshot}, {buffer, awaiting_snapshot}}},
  /* bridging */ {{{drop, bridging}, {resync, awaiting_snapshot},
                   {apply, live}, {resync, awaiting_snapshot}}},
  /* live     */ {{{drop, live}, {apply, live},
                   {resync, awaiting_snapshot}, {resync, awaiting_snapshot}}},
}};

/// seed 000 §3.6.2 (`next` = a jump of 1..max_jump, `gap` = more).
constexpr table gap_tolerant_table = {{
  /* awaiting */ {{{buffer, awaiting_snapshot}, {buffer, awaiting_snapshot},
                   {buffer, awaiting_snapshot}, {buffer, awaiting_snapshot}}},
  /* bridging */ {{{drop, live}, {apply, live},
                   {apply, live}, {resync, awaiting_snapshot}}},
  /* live     */ {{{drop, live}, {apply, live},
                   {apply, live}, {resync, awaiting_snapshot}}},
}};

/// OKX (exchanges.md §5.3); `overlap` = heartbeat or unsequenced message.
/// Updates before the snapshot are dropped: the snapshot follows subscribe.
constexpr table okx_table = {{
  /* awaiting */ {{{drop, awaiting_snapshot}, {drop, awaiting_snapshot},
                   {drop, awaiting_snapshot}, {drop, awaiting_snapshot}}},
  /* bridging */ {{{drop, live}, {apply, live},
                   {apply, live}, {resync, awaiting_snapshot}}},
  /* live     */ {{{drop, live}, {apply, live},
                   {apply, live}, {resync, awaiting_snapshot}}},
}};

/// Bybit (exchanges.md §6.3); snapshots are handled before the table.
constexpr table bybit_table = {{
  /* awaiting */ {{{drop, awaiting_snapshot}, {drop, awaiting_snapshot},
                   {drop, awaiting_snapshot}, {drop, awaiting_snapshot}}},
  /* bridging */ {{{drop, live}, {apply, live},
                   {resync, awaiting_snapshot}, {resync, awaiting_snapshot}}},
  /* live     */ {{{drop, live}, {apply, live},
                   {resync, awaiting_snapshot}, {resync, awaiting_snapshot}}},
}};

verdict step(const table& t, sync_state& state, diff_event e) {
  const auto& edge = t[idx(state)][idx(e)];
  state = edge.next;
  return edge.action;
}

} // namespace

std::string_view to_string(verdict v) {
  switch (v) {
    case apply: return "apply";
    case replace: return "replace";
    case drop: return "drop";
    case resync: return "resync";
    case buffer: return "buffer";
  }
  return "?";
}

std::string_view to_string(sync_state s) {
  switch (s) {
    case awaiting_snapshot: return "awaiting_snapshot";
    case bridging: return "bridging";
    case live: return "live";
  }
  return "?";
}

// -- full snapshot ---------------------------------------------------------------

verdict full_snapshot_sequencer::on_book(int64_t ts_ms) {
  if (ts_ms < last_ts_ms_)
    return drop;
  last_ts_ms_ = ts_ms;
  return replace;
}

// -- generic -------------------------------------------------------------------

verdict gap_tolerant_sequencer::on_snapshot(int64_t seq) {
  last_ = seq;
  state_ = live;
  return replace;
}

verdict gap_tolerant_sequencer::on_update(int64_t seq) {
  auto e = seq <= last_                ? diff_event::stale
           : seq - last_ <= max_jump ? diff_event::next
                                     : diff_event::gap;
  auto v = step(gap_tolerant_table, state_, e);
  if (v == apply)
    last_ = seq;
  return v;
}

// -- Binance spot --------------------------------------------------------------

verdict binance_spot_sequencer::on_snapshot(int64_t last_update_id) {
  last_ = last_update_id;
  state_ = bridging;
  return replace;
}

verdict binance_spot_sequencer::on_diff(int64_t first_id, int64_t final_id) {
  auto e = final_id <= last_         ? diff_event::stale
           : first_id == last_ + 1 ? diff_event::next
           : first_id <= last_ + 1 ? diff_event::overlap
                                   : diff_event::gap;
  auto v = step(binance_spot_table, state_, e);
  if (v == apply)
    last_ = final_id;
  return v;
}

// -- Binance USD-M -------------------------------------------------------------

verdict binance_usdm_sequencer::on_snapshot(int64_t last_update_id) {
  last_ = last_update_id;
  state_ = bridging;
  return replace;
}

verdict binance_usdm_sequencer::on_diff(int64_t first_id, int64_t final_id,
                                        int64_t prev_final_id) {
  diff_event e;
  if (final_id < last_ || (state_ == live && final_id == last_))
    e = diff_event::stale;
  else if (state_ == bridging)
    e = first_id <= last_ ? diff_event::overlap : diff_event::gap;
  else
    e = prev_final_id == last_ ? diff_event::next : diff_event::gap;
  auto v = step(binance_usdm_table, state_, e);
  if (v == apply)
    last_ = final_id;
  return v;
}

// -- OKX -------------------------------------------------------------------------

verdict okx_sequencer::on_snapshot(int64_t seq_id) {
  last_ = seq_id;
  state_ = live;
  return replace;
}

verdict okx_sequencer::on_update(int64_t prev_seq_id, int64_t seq_id) {
  diff_event e;
  if (prev_seq_id == no_seq || seq_id == no_seq || last_ == no_seq)
    e = diff_event::overlap; // unsequenced: the checksum decides
  else if (prev_seq_id == last_)
    e = seq_id == prev_seq_id ? diff_event::overlap // heartbeat
                              : diff_event::next;   // incl. reset after maint.
  else if (prev_seq_id < last_)
    e = diff_event::stale;
  else
    e = diff_event::gap;
  auto v = step(okx_table, state_, e);
  if (v == apply && seq_id != no_seq)
    last_ = seq_id;
  return v;
}

verdict okx_sequencer::on_checksum(bool matched) {
  if (matched)
    return apply;
  state_ = awaiting_snapshot;
  last_ = no_seq;
  return resync;
}

// -- Bybit -----------------------------------------------------------------------

verdict bybit_sequencer::on_message(bool is_snapshot, int64_t update_id) {
  if (is_snapshot || update_id == 1) {
    last_ = update_id;
    state_ = live;
    return replace;
  }
  auto e = update_id <= last_         ? diff_event::stale
           : update_id == last_ + 1 ? diff_event::next
                                    : diff_event::gap;
  auto v = step(bybit_table, state_, e);
  if (v == apply)
    last_ = update_id;
  return v;
}

} // namespace karb::book
