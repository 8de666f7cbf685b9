#pragma once

// The execution actor's orderly stop (the node's user_shutdown exit): the
// trades stop first (no new order), then, with execution.cancel_on_shutdown,
// every order still live is asked to cancel (and so is any order a trade
// started just before it stopped); the actor quits once none is left or
// the wait is over, and names what remains.

#include "actors/execution/execution.hpp"

namespace karb::execution {

/// Starts the stop; quits at once when there is nothing to cancel.
void begin_shutdown(execution_pointer self, const execution_setup& setup);

/// A trade or order went down during the stop: quits once none is left.
void shutdown_progress(execution_pointer self);

/// The wait is over: reports the orders still live, then quits.
void finish_shutdown(execution_pointer self);

} // namespace karb::execution
