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

/// A perpetual's mark and index price (Binance markPriceUpdate /
/// premiumIndex, OKX mark-price, Bybit tickers).
struct mark_price {
  instrument symbol;
  decimal mark;
  decimal index;
  int64_t ts_event_ns = 0;
};

/// The trading rules of one instrument, read from the venue's exchange
/// info at start and refreshed daily: what an order must respect before
/// it is sent.
struct instrument_spec {
  instrument symbol;
  decimal contract_size = decimal::from_int(1); ///< base units per contract
  decimal tick;          ///< price step (0: the venue's price table)
  decimal lot;           ///< quantity step (0: any)
  decimal min_qty;       ///< smallest quantity (0: none)
  decimal max_qty;       ///< largest quantity (0: none)
  decimal min_notional;  ///< smallest price x quantity (0: none)
  bool trading = true;   ///< the venue lists it as trading
};

/// A book as a book actor publishes it: the latest levels (best first, up
/// to the subscriber's depth) and whether it is safe to trade on.
struct book_view {
  order_book book;
  bool healthy = false;
  std::string reason;         ///< why not healthy: "stale", "crossed", "resync"
  int64_t ts_applied_ns = 0;  ///< steady clock: when the book actor applied it
};

/// Level changes of one book from a sequenced feed (Binance, OKX, Bybit
/// style); a zero volume removes the level. Sequence fields as the venue
/// names them: `first_seq` the first update id covered (Binance `U`, equal
/// to `seq` where the venue has one number), `seq` the last one (`u`),
/// `prev_seq` the previous message's last id where the venue sends it
/// (Binance USD-M `pu`), else 0.
struct book_delta {
  instrument symbol;
  std::vector<price_level> bids;
  std::vector<price_level> asks;
  int64_t first_seq = 0;
  int64_t seq = 0;
  int64_t prev_seq = 0;
  /// The message is a whole book that replaces the current one (OKX
  /// `action:"snapshot"`, a Bybit snapshot or a Bybit delta with u = 1).
  bool reset = false;
  /// OKX: CRC32 of the top 25 levels after applying it (signed).
  bool has_checksum = false;
  int32_t checksum = 0;
  int64_t ts_event_ns = 0;
  int64_t ts_recv_ns = 0;
};

/// Percentiles of one latency histogram, in ns.
struct latency_summary {
  uint64_t count = 0;
  uint64_t p50_ns = 0;
  uint64_t p90_ns = 0;
  uint64_t p99_ns = 0;
  uint64_t p999_ns = 0;
  uint64_t max_ns = 0;
};

/// What a book actor has seen so far (for the inspector and the metrics).
struct book_stats {
  instrument symbol;
  bool healthy = false;
  std::string reason;
  uint64_t frames = 0;           ///< full frames, deltas and snapshots received
                                 ///< (conflated ones included)
  uint64_t applied = 0;          ///< of which applied to the book
  uint64_t dropped = 0;          ///< backwards, stale or duplicate
  uint64_t resyncs = 0;          ///< sequence gaps that discarded the book
  uint64_t unhealthy_count = 0;  ///< transitions to unhealthy
  uint64_t views_sent = 0;       ///< views delivered to listeners
  uint64_t clock_skew = 0;       ///< frames stamped after our receipt
  uint64_t conflated = 0;        ///< replaced in the feed inbox, not applied
  uint64_t mailbox_max = 0;      ///< largest own mailbox seen while ingesting
  latency_summary exchange_to_receipt; ///< venue timestamp -> frame read
  latency_summary receipt_to_applied;  ///< frame read -> book applied
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
typename Inspector::result_type inspect(Inspector& f, mark_price& x) {
  return f(caf::meta::type_name("karb.mark_price"), x.symbol, x.mark,
           x.index, x.ts_event_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, instrument_spec& x) {
  return f(caf::meta::type_name("karb.instrument_spec"), x.symbol,
           x.contract_size, x.tick, x.lot, x.min_qty, x.max_qty,
           x.min_notional, x.trading);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, book_view& x) {
  return f(caf::meta::type_name("karb.book_view"), x.book, x.healthy,
           x.reason, x.ts_applied_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, book_delta& x) {
  return f(caf::meta::type_name("karb.book_delta"), x.symbol, x.bids, x.asks,
           x.first_seq, x.seq, x.prev_seq, x.reset, x.has_checksum,
           x.checksum, x.ts_event_ns, x.ts_recv_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, latency_summary& x) {
  return f(caf::meta::type_name("karb.latency_summary"), x.count, x.p50_ns,
           x.p90_ns, x.p99_ns, x.p999_ns, x.max_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, book_stats& x) {
  return f(caf::meta::type_name("karb.book_stats"), x.symbol, x.healthy,
           x.reason, x.frames, x.applied, x.dropped, x.resyncs,
           x.unhealthy_count, x.views_sent, x.clock_skew,
           x.exchange_to_receipt, x.receipt_to_applied, x.conflated,
           x.mailbox_max);
}

std::string to_string(const instrument& x);

} // namespace karb
