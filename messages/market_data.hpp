#pragma once

// Market data (seed 002 §2.2): instruments, price levels, order books,
// public trades, tickers and funding rates.
//
// Time fields: `ts_event_ns` is the venue's timestamp (ns since the Unix
// epoch); `ts_recv_ns` is the steady-clock time the frame carrying it was
// read from the socket, the start of the tick-to-order measurement.

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/decimal.hpp"
#include "messages/enums.hpp"

namespace karb {

/// A tradable instrument on one venue (seed 002 `Symbol`).
struct instrument {
  exchange venue = exchange::custom;
  std::string base;          ///< e.g. "BTC"
  std::string quote;         ///< e.g. "KRW"
  std::string venue_symbol;  ///< the venue's own spelling, e.g. "KRW-BTC"
  contract_type contract = contract_type::spot;

  friend bool operator==(const instrument&, const instrument&) = default;
};

/// One price level (seed 002 `Price`).
struct price_level {
  decimal price;
  decimal volume;
  friend bool operator==(const price_level&, const price_level&) = default;
};

/// A full L2 book as one message: bids best first (descending), asks best
/// first (ascending).
struct order_book {
  instrument symbol;
  std::vector<price_level> bids;
  std::vector<price_level> asks;
  int64_t sequence = 0;     ///< venue sequence, 0 where the venue has none
  int64_t ts_event_ns = 0;
  int64_t ts_recv_ns = 0;
};

/// A public trade print or one of our fills (seed 002 `Trade`).
struct trade {
  std::string id;
  instrument symbol;
  side taker_side = side::buy;
  decimal amount;
  decimal price;
  decimal cost;
  decimal fee;
  int64_t ts_event_ns = 0;
  int64_t ts_recv_ns = 0;
};

/// Last price and 24h figures.
struct ticker {
  instrument symbol;
  decimal last_price;
  decimal volume_24h;
  int64_t ts_event_ns = 0;
};

/// A perpetual's funding rate (seed 002 `FundingRate`).
struct funding_rate {
  exchange venue = exchange::custom;
  std::string symbol;
  decimal rate;
  int64_t ts_ns = 0;
  int64_t next_funding_ns = 0;
  int64_t funding_interval_s = 0;
  bool has_predicted = false;
  decimal predicted_rate;
};

/// A book as a book actor publishes it: the latest levels (best first, up
/// to the subscriber's depth) and whether it is safe to trade on.
struct book_view {
  order_book book;
  bool healthy = false;
  std::string reason;         ///< why not healthy: "stale", "crossed", "resync"
  int64_t ts_applied_ns = 0;  ///< steady clock: when the book actor applied it
};

// -- inspection ---------------------------------------------------------------

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, instrument& x) {
  return f(caf::meta::type_name("karb.instrument"), x.venue, x.base, x.quote,
           x.venue_symbol, x.contract);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, price_level& x) {
  return f(caf::meta::type_name("karb.price_level"), x.price, x.volume);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, order_book& x) {
  return f(caf::meta::type_name("karb.order_book"), x.symbol, x.bids, x.asks,
           x.sequence, x.ts_event_ns, x.ts_recv_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, trade& x) {
  return f(caf::meta::type_name("karb.trade"), x.id, x.symbol, x.taker_side,
           x.amount, x.price, x.cost, x.fee, x.ts_event_ns, x.ts_recv_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, ticker& x) {
  return f(caf::meta::type_name("karb.ticker"), x.symbol, x.last_price,
           x.volume_24h, x.ts_event_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, funding_rate& x) {
  return f(caf::meta::type_name("karb.funding_rate"), x.venue, x.symbol,
           x.rate, x.ts_ns, x.next_funding_ns, x.funding_interval_s,
           x.has_predicted, x.predicted_rate);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, book_view& x) {
  return f(caf::meta::type_name("karb.book_view"), x.book, x.healthy,
           x.reason, x.ts_applied_ns);
}

std::string to_string(const instrument& x);

} // namespace karb
