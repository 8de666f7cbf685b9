#include "exchanges/bybit/sequencing.hpp"

namespace karb::book {

using enum verdict;
using enum sync_state;

namespace {

using namespace sync_table;

/// Bybit (exchanges.md §6.3); snapshots are handled before the table.
constexpr table bybit_table = {{
  /* awaiting */ {{{drop, awaiting_snapshot}, {drop, awaiting_snapshot},
                   {drop, awaiting_snapshot}, {drop, awaiting_snapshot}}},
  /* bridging */ {{{drop, live}, {apply, live},
                   {resync, awaiting_snapshot}, {resync, awaiting_snapshot}}},
  /* live     */ {{{drop, live}, {apply, live},
                   {resync, awaiting_snapshot}, {resync, awaiting_snapshot}}},
}};

} // namespace

// -- Bybit -----------------------------------------------------------------------

verdict bybit_sequencer::on_message(bool is_snapshot, int64_t update_id) {
  if (is_snapshot || update_id == 1) {
    last_ = update_id;
    state_ = live;
    return replace;
  }
  auto e = update_id <= last_                   ? diff_event::stale
           : ids_after(last_, update_id) == 1 ? diff_event::next
                                                  : diff_event::gap;
  auto v = step(bybit_table, state_, e);
  if (v == apply)
    last_ = update_id;
  return v;
}

} // namespace karb::book
