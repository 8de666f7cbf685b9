#pragma once

// What the operator asks of execution through the inspector: the live
// trades and orders (the actor tree), cancelling one live order by its
// client order id, and cancelling every live order. A cancel goes to the
// order actor, which sends it to the venue until the venue agrees.

#include <cstdint>
#include <string>
#include <vector>

#include "actors/execution/execution.hpp"

namespace karb::execution {

using live_actors
  = caf::typed_response_promise<std::vector<trade_record>, std::vector<order>>;

/// Asks every running trade and order for its view (1 s each); replies the
/// trades and the orders that are not terminal.
live_actors report_live(execution_pointer self);

/// Asks the live order `client_order_id` to cancel; an error naming it
/// when no such order is live.
caf::result<atom::ok> cancel_order(execution_pointer self,
                                   const std::string& client_order_id);

/// Stops every running trade, then asks every live order to cancel;
/// replies how many orders were asked and how many trades stopped.
caf::result<int64_t, int64_t> cancel_all(execution_pointer self);

} // namespace karb::execution
