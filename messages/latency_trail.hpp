#pragma once

// Where a tick's time goes on its way to the wire. Every stamp is the
// steady clock in ns (the same clock as `ts_recv_ns`), set by the actor
// that handled the tick at that point; 0 means "not stamped". The
// opportunity carries the trail from the book to execution, the order
// request carries it on to the order and venue actors.

#include <cstdint>

#include <caf/meta/type_name.hpp>

namespace karb {

struct latency_trail {
  int64_t book = 0;      ///< the later book applied the frame
  int64_t strategy = 0;  ///< the strategy emitted the opportunity
  int64_t risk = 0;      ///< risk approved it
  int64_t execution = 0; ///< execution accepted it and started the trade
  int64_t trade = 0;     ///< the trade actor planned the order
  int64_t order = 0;     ///< the order actor handed the request to the venue
  int64_t written = 0;   ///< the request's write started (from the ack)
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, latency_trail& x) {
  return f(caf::meta::type_name("karb.latency_trail"), x.book, x.strategy,
           x.risk, x.execution, x.trade, x.order, x.written);
}

} // namespace karb
