#pragma once

// The execution actor's orderly stop (the node's user_shutdown exit), within
// `shutdown_wait`:
// 1. drain: no trade starts; the trades in flight go on (fills, re-prices,
//    unwinds) and end on their own, for at most half of the wait;
// 2. stop: the trades still running stop (no new order) and, with
//    execution.cancel_on_shutdown, every order still live is asked to
//    cancel (and so is any order a trade started just before it stopped);
//    the actor quits once none is left or the wait is over, and names what
//    remains.

#include "actors/execution/execution.hpp"

namespace karb::execution {

/// Starts the stop: the drain when trades are in flight; quits at once when
/// there is nothing to wait for.
void begin_shutdown(execution_pointer self, const execution_setup& setup);

/// A trade or order went down during the stop: ends the drain once no trade
/// is left, quits once nothing is left.
void shutdown_progress(execution_pointer self);

/// The stop's timer: ends the drain or, at the end of the wait, reports the
/// orders still live and quits.
void shutdown_timer(execution_pointer self);

} // namespace karb::execution
