#pragma once

// What execution persists and reports internally: order records (the
// intent plus the latest venue view), trade records, audit rows, the
// recovery set loaded at start, and the order actor's report to its trade.

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/decimal.hpp"
#include "messages/enums.hpp"
#include "messages/execution.hpp"
#include "messages/orders.hpp"

namespace karb {

/// One order as the store keeps it. `request` is the intent, written
/// before the request is sent; `state` is the latest known view.
struct order_record {
  std::string trade_id;
  std::string venue;            ///< venue name, the key of its rest actor
  int32_t leg = 0;              ///< 0, 1: the entry legs' indices
  int32_t attempt = 0;          ///< 1 for the entry order, then 2, 3, ...
  std::string role;             ///< "entry", "reprice" or "unwind"
  order_request request;
  order state;                  ///< status, venue id, filled, fee, average
  std::string reason;           ///< why the latest transition happened
  int64_t created_ns = 0;       ///< wall clock
  int64_t updated_ns = 0;
};

/// One arbitrage attempt as the store keeps it.
struct trade_record {
  std::string trade_id;
  std::string opportunity_id;
  std::string strategy_id;
  std::string base;             ///< e.g. "BTC"
  std::string quote;            ///< e.g. "KRW"
  std::string state;            ///< trade_state name, e.g. "exposed"
  std::string outcome;          ///< set when terminal
  decimal pnl_krw;
  decimal fees_krw;
  int64_t created_ns = 0;
  int64_t updated_ns = 0;
};

/// One audit line: every step of a trade or an order.
struct audit_row {
  int64_t ts_ns = 0;
  std::string trade_id;
  std::string client_order_id;
  std::string step;             ///< e.g. "legs_submitted", "reprice"
  std::string detail;           ///< JSON object
};

/// What a restarted node must finish: trades that are not terminal, and
/// every order of those trades (terminal or not), with the fills already
/// booked for those orders (so that none is booked again).
struct recovery_set {
  std::vector<trade_record> trades;
  std::vector<order_record> orders;
  std::vector<fill> fills;
};

/// An order actor's report to its trade after every change.
struct order_report {
  order_record record;
  order_status from = order_status::pending;
  std::vector<fill> new_fills;  ///< executions first seen with this change
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_record& x) {
  return f(caf::meta::type_name("karb.order_record"), x.trade_id, x.venue,
           x.leg, x.attempt, x.role, x.request, x.state, x.reason,
           x.created_ns, x.updated_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, trade_record& x) {
  return f(caf::meta::type_name("karb.trade_record"), x.trade_id,
           x.opportunity_id, x.strategy_id, x.base, x.quote, x.state,
           x.outcome, x.pnl_krw, x.fees_krw, x.created_ns, x.updated_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, audit_row& x) {
  return f(caf::meta::type_name("karb.audit_row"), x.ts_ns, x.trade_id,
           x.client_order_id, x.step, x.detail);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, recovery_set& x) {
  return f(caf::meta::type_name("karb.recovery_set"), x.trades, x.orders,
           x.fills);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_report& x) {
  return f(caf::meta::type_name("karb.order_report"), x.record, x.from,
           x.new_fills);
}

} // namespace karb
