#pragma once

// Orders, fills, balances and positions (seed 002 §2.2; seed 000 §3.2).

#include <cstdint>
#include <string>

#include <caf/meta/type_name.hpp>

#include "messages/decimal.hpp"
#include "messages/enums.hpp"
#include "messages/market_data.hpp"

namespace karb {

/// An order as the node tracks it (seed 002 `Order`). `client_order_id` is
/// ours and is stored before the request is sent; `id` is the venue's.
struct order {
  std::string id;
  std::string client_order_id;
  instrument symbol;
  side order_side = side::buy;
  order_type type = order_type::limit;
  decimal amount;            ///< base quantity (for a market buy by quote: 0)
  bool has_price = false;
  decimal price;             ///< limit price, or quote to spend on a market buy
  decimal filled;
  decimal remaining;
  order_status status = order_status::pending;
  int64_t ts_ns = 0;
  bool has_fee = false;
  decimal fee;
  bool has_average_price = false;
  decimal average_price;
};

/// One execution of one of our orders.
struct fill {
  std::string client_order_id;
  std::string venue_order_id;
  std::string trade_id;
  instrument symbol;
  side order_side = side::buy;
  decimal price;
  decimal volume;
  decimal fee;
  std::string fee_currency;
  int64_t ts_event_ns = 0;
};

/// One currency's balance on one venue (seed 002 `Balance`).
struct balance {
  exchange venue = exchange::custom;
  std::string currency;
  decimal free;   ///< available
  decimal used;   ///< locked in open orders
  decimal total;  ///< free + used
  int64_t ts_ns = 0;
};

/// A derivatives position (seed 002 `Position`). `leverage` is a ratio, not
/// an amount, and stays a double.
struct position {
  instrument symbol;
  side position_side = side::buy;
  decimal amount;
  decimal entry_price;
  decimal mark_price;
  decimal unrealized_pnl;
  decimal margin;
  double leverage = 1.0;
  decimal liquidation_price; ///< 0: none (no position or no risk)
  int64_t ts_ns = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order& x) {
  return f(caf::meta::type_name("karb.order"), x.id, x.client_order_id,
           x.symbol, x.order_side, x.type, x.amount, x.has_price, x.price,
           x.filled, x.remaining, x.status, x.ts_ns, x.has_fee, x.fee,
           x.has_average_price, x.average_price);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, fill& x) {
  return f(caf::meta::type_name("karb.fill"), x.client_order_id,
           x.venue_order_id, x.trade_id, x.symbol, x.order_side, x.price,
           x.volume, x.fee, x.fee_currency, x.ts_event_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, balance& x) {
  return f(caf::meta::type_name("karb.balance"), x.venue, x.currency, x.free,
           x.used, x.total, x.ts_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, position& x) {
  return f(caf::meta::type_name("karb.position"), x.symbol, x.position_side,
           x.amount, x.entry_price, x.mark_price, x.unrealized_pnl, x.margin,
           x.leverage, x.liquidation_price, x.ts_ns);
}

} // namespace karb
