#pragma once

// Reconciliation, the execution actor's side (the decisions are in
// reconcile_core): reads a venue's open and recent orders of every
// instrument it trades, the store's rows for them, and carries out what the
// core decides: route a view to a live order, hand a corrected record to a
// live trade, or store the venue's state and resume the trade so that it
// re-evaluates its exposure (re-price, then unwind). Every adoption is an
// ORDER_* event, an audit row and an `order_reconciled` alert; a foreign
// order is reported once. Lists are decided one at a time (each after the
// store has what the one before wrote), so no venue fill is booked twice.

#include <string>
#include <vector>

#include "actors/execution/execution.hpp"

namespace karb::execution {

/// Reconciles every venue of `setup.instruments`.
void reconcile_all(execution_pointer self, const execution_setup& setup,
                   const std::string& why);

/// Reconciles one venue (asked for while one is listing it: once after).
void reconcile_venue(execution_pointer self, const execution_setup& setup,
                     const std::string& venue, const std::string& why);

/// Acts on orders a venue reported (listed, or a stream update for an
/// order no actor runs), after the decisions already waiting.
void reconcile_listed(execution_pointer self, const execution_setup& setup,
                      const std::string& venue, std::vector<order> listed,
                      const std::string& why);

/// The decision under way, or the start's recovery, is over (every write
/// of it sent to the store, every trade it resumed running): the next
/// waiting one goes.
void decision_done(execution_pointer self, const execution_setup& setup);

} // namespace karb::execution
