#pragma once

// Stored records for store and journal tests: one entry leg of a BTC/KRW
// trade (leg 0 buys on Upbit, leg 1 sells on Bithumb) and its trade.

#include <string>

#include "messages/trading.hpp"

namespace karb::test {

inline order_record make_order(const std::string& trade, int leg,
                               order_status s) {
  order_record r;
  r.trade_id = trade;
  r.venue = leg == 0 ? "upbit" : "bithumb";
  r.leg = leg;
  r.attempt = 1;
  r.role = "entry";
  auto& q = r.request;
  q.client_order_id = "karb-" + trade + "-" + std::to_string(leg) + "-1";
  q.trade_id = trade;
  q.symbol = {leg == 0 ? exchange::upbit : exchange::bithumb, "BTC", "KRW",
              leg == 0 ? "KRW-BTC" : "BTC_KRW", contract_type::spot};
  q.order_side = leg == 0 ? side::buy : side::sell;
  q.amount = dec("0.01");
  q.price = dec("100000000.5");
  q.ts_tick_ns = 42;
  r.state.status = s;
  r.state.remaining = dec("0.01");
  r.reason = "created";
  r.created_ns = r.updated_ns = 1000 + leg;
  return r;
}

inline trade_record make_trade(const std::string& id,
                               const std::string& state) {
  trade_record t;
  t.trade_id = id;
  t.opportunity_id = "opp-" + id;
  t.strategy_id = "spread";
  t.base = "BTC";
  t.quote = "KRW";
  t.state = state;
  t.pnl_krw = dec("-12.5");
  t.fees_krw = dec("1002.5");
  return t;
}

} // namespace karb::test
