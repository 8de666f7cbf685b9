#include "exchanges/common/book_sync.hpp"

namespace karb::book {

using enum verdict;
using enum sync_state;

namespace sync_table {

verdict step(const table& t, sync_state& state, diff_event e) {
  const auto& edge = t[idx(state)][idx(e)];
  state = edge.next;
  return edge.action;
}

} // namespace sync_table

namespace {

using namespace sync_table;

/// seed 000 §3.6.2 (`next` = a jump of 1..max_jump, `gap` = more).
constexpr table gap_tolerant_table = {{
  /* awaiting */ {{{buffer, awaiting_snapshot}, {buffer, awaiting_snapshot},
                   {buffer, awaiting_snapshot}, {buffer, awaiting_snapshot}}},
  /* bridging */ {{{drop, live}, {apply, live},
                   {apply, live}, {resync, awaiting_snapshot}}},
  /* live     */ {{{drop, live}, {apply, live},
                   {apply, live}, {resync, awaiting_snapshot}}},
}};

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
  auto e = seq <= last_                           ? diff_event::stale
           : ids_after(last_, seq) <= uint64_t{max_jump} ? diff_event::next
                                                          : diff_event::gap;
  auto v = step(gap_tolerant_table, state_, e);
  if (v == apply)
    last_ = seq;
  return v;
}

} // namespace karb::book
