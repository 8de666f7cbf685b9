#pragma once

// The order path between execution and the venue sessions: what is asked
// of a venue, what it answered, and what its private stream (or polling)
// later reports.

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/decimal.hpp"
#include "messages/enums.hpp"
#include "messages/latency_trail.hpp"
#include "messages/market_data.hpp"
#include "messages/orders.hpp"

namespace karb {

/// One order to send. The client order id is generated (and stored) by the
/// order actor before the request exists.
struct order_request {
  std::string client_order_id;
  std::string trade_id;           ///< the arbitrage attempt it belongs to
  instrument symbol;
  side order_side = side::buy;
  order_type type = order_type::limit;
  decimal amount;                 ///< base quantity (0 for a market buy by quote)
  decimal price;                  ///< limit price; for a market buy: quote to spend
  bool quote_amount = false;      ///< market buy sized in quote (Upbit ord_type=price)
  int64_t ts_tick_ns = 0;         ///< steady-clock stamp of the triggering tick
  latency_trail trail;            ///< per-hop stamps after the tick
  bool reduce_only = false;       ///< perpetuals: may only shrink the position
};

/// How a venue request ended, as a value (never a CAF error, so that the
/// caller always learns the venue's error name and whether it may have
/// been sent).
enum class ack_kind : uint8_t {
  accepted,      ///< the venue answered with the order (`order` is set)
  rejected,      ///< the venue refused it (error_code/message set)
  maybe_sent,    ///< timed out or broke after writing: the order is unknown
  not_sent,      ///< failed before anything was written (connect, limiter)
  not_found,     ///< lookup/cancel: the venue does not know the order
};

struct order_ack {
  ack_kind kind = ack_kind::not_sent;
  order state;                    ///< the venue's view when accepted / found
  std::vector<fill> fills;        ///< executions reported with the reply
  std::string error_code;         ///< e.g. "insufficient_funds", "rate_limited"
  std::string error_message;
  int32_t http_status = 0;
  int64_t ts_taken_ns = 0;        ///< steady clock: the REST actor took it
  int64_t ts_dispatched_ns = 0;   ///< steady clock: left the rate limiter
  int64_t ts_sent_ns = 0;         ///< steady clock: request write started
  int64_t ts_reply_ns = 0;        ///< steady clock: reply read
};

/// An unsolicited order change: private stream frame or a poll result.
struct order_update {
  order state;
  std::vector<fill> fills;        ///< new executions carried by this update
  std::string origin;             ///< "stream" or "poll"
  int64_t ts_recv_ns = 0;
};

std::string to_string(ack_kind x);

/// The order view of a request the venue has not answered yet: its id,
/// instrument, side, type, amount and price, nothing filled, pending.
order view_of(const order_request& r);

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_request& x) {
  return f(caf::meta::type_name("karb.order_request"), x.client_order_id,
           x.trade_id, x.symbol, x.order_side, x.type, x.amount, x.price,
           x.quote_amount, x.ts_tick_ns, x.trail, x.reduce_only);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_ack& x) {
  return f(caf::meta::type_name("karb.order_ack"), x.kind, x.state, x.fills,
           x.error_code, x.error_message, x.http_status, x.ts_taken_ns, x.ts_dispatched_ns, x.ts_sent_ns,
           x.ts_reply_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_update& x) {
  return f(caf::meta::type_name("karb.order_update"), x.state, x.fills,
           x.origin, x.ts_recv_ns);
}

} // namespace karb
