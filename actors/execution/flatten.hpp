#pragma once

// Closing perpetual positions from execution: a close request becomes a
// one-leg trade (a reduce-only order, stored, looked up and re-priced like
// any leg; see trade_fsm.hpp), and the emergency stop's flatten stops every
// running trade (so none places another order), cancels every live order,
// asks every venue for its positions and closes each with a reduce-only
// market order, then checks every `flatten_poll` until the close trades
// are over or `flatten_wait` passed, asks the venues again and reports
// what is still live or open.

#include <string>

#include "actors/execution/execution.hpp"

namespace karb::execution {

/// Starts the one-leg close trade of `r`; its id ("" when execution is
/// shutting down or the request is empty).
std::string start_close(execution_pointer self, const execution_setup& setup,
                        const close_request& r);

/// Begins an emergency flatten; the reply comes from `flatten_check`.
caf::result<flatten_report> begin_flatten(execution_pointer self,
                                          const execution_setup& setup,
                                          const std::string& reason);

/// Timer of flatten job `id`: reports once its close trades are over or
/// its deadline passed.
void flatten_check(execution_pointer self, const execution_setup& setup,
                   int64_t id);

/// The close order that takes `p` to zero: opposite side, its size.
close_request closing(const position& p, std::string reason);

} // namespace karb::execution
