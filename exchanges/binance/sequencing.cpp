#include "exchanges/binance/sequencing.hpp"

namespace karb::book {

using enum verdict;
using enum sync_state;

namespace {

using namespace sync_table;

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

} // namespace

// -- Binance spot --------------------------------------------------------------

verdict binance_spot_sequencer::on_snapshot(int64_t last_update_id) {
  last_ = last_update_id;
  state_ = bridging;
  return replace;
}

verdict binance_spot_sequencer::on_diff(int64_t first_id, int64_t final_id) {
  auto e = final_id <= last_                   ? diff_event::stale
           : first_id <= last_                   ? diff_event::overlap
           : ids_after(last_, first_id) == 1 ? diff_event::next
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

} // namespace karb::book
