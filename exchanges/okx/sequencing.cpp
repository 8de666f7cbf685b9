#include "exchanges/okx/sequencing.hpp"

namespace karb::book {

using enum verdict;
using enum sync_state;

namespace {

using namespace sync_table;

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

} // namespace

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

} // namespace karb::book
