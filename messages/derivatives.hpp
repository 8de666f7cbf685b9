#pragma once

// Derivatives bookkeeping (seed 002 §3.2 FundingRateService, §3.5
// PositionManager, §3.6 emergency_stop): funding payments the venues
// booked, the funding service's board, the position manager's book across
// venues, and the requests that close positions.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/decimal.hpp"
#include "messages/enums.hpp"
#include "messages/market_data.hpp"
#include "messages/orders.hpp"

namespace karb {

/// One funding payment the venue booked to the account (Binance USD-M
/// income FUNDING_FEE, OKX bills type 8, Bybit transaction log
/// SETTLEMENT): what it actually credited or debited, not an estimate.
struct funding_payment {
  exchange venue = exchange::custom;
  std::string symbol;    ///< the venue's symbol, e.g. "BTCUSDT", "BTC-USDT-SWAP"
  std::string asset;     ///< the base asset, e.g. "BTC" ("" if unknown)
  std::string currency;  ///< what was paid, e.g. "USDT"
  decimal amount;        ///< signed: + received, - paid
  decimal rate;          ///< the rate applied (0: the venue does not say)
  int64_t ts_ns = 0;     ///< when the venue booked it (wall clock)
  std::string id;        ///< the venue's bill / income id (deduplication)
};

/// The funding service's view (seed 002 get_all_funding_rates,
/// get_funding_rate_spread, predict_funding_rate).
struct funding_board {
  std::vector<funding_rate> rates;          ///< latest, per venue and symbol
  /// Per base asset: the highest minus the lowest current rate across
  /// venues (the funding-rate spread).
  std::map<std::string, decimal> spread;
  /// Funding booked since start, per currency (signed, + received).
  std::map<std::string, decimal> funding_pnl;
  std::vector<funding_payment> recent;      ///< newest last, bounded
  int64_t ts_ns = 0;
};

/// The position manager's book: every venue's open perpetual positions
/// and the net per asset across spot and perpetuals.
struct position_book {
  std::vector<position> positions;          ///< open ones, every venue
  /// Per base asset, signed base units: perpetual positions (+ long) ...
  std::map<std::string, decimal> perp_net;
  /// ... the spot balances' change since start (the portfolio's exposure) ...
  std::map<std::string, decimal> spot_net;
  /// ... and their sum: what the account would lose or gain on a move.
  std::map<std::string, decimal> net;
  int64_t ts_ns = 0;
  /// Per base asset with an open perpetual: `net` valued at that
  /// perpetual's mark price (quote units, signed).
  std::map<std::string, decimal> exposure;
};

/// A reduce-only order that shrinks one perpetual position (the
/// liquidation-distance guard, close_position, emergency stop).
struct close_request {
  instrument symbol;          ///< a perpetual
  side order_side = side::sell; ///< sell closes a long, buy a short
  decimal amount;             ///< base units
  std::string reason;         ///< e.g. "liquidation_guard", "emergency_stop"
  decimal price;              ///< limit price; 0: a market order
};

/// What an emergency stop did and what it could not undo.
struct flatten_report {
  std::string reason;
  int64_t orders_cancelled = 0;
  int64_t positions_closed = 0;
  /// Orders still live and positions still open when the report was made
  /// ("okx_swap BTC-USDT-SWAP short 0.01", ...); empty: flat.
  std::vector<std::string> remaining;
  int64_t elapsed_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, funding_payment& x) {
  return f(caf::meta::type_name("karb.funding_payment"), x.venue, x.symbol,
           x.asset, x.currency, x.amount, x.rate, x.ts_ns, x.id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, funding_board& x) {
  return f(caf::meta::type_name("karb.funding_board"), x.rates, x.spread,
           x.funding_pnl, x.recent, x.ts_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, position_book& x) {
  return f(caf::meta::type_name("karb.position_book"), x.positions,
           x.perp_net, x.spot_net, x.net, x.ts_ns, x.exposure);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, close_request& x) {
  return f(caf::meta::type_name("karb.close_request"), x.symbol, x.order_side,
           x.amount, x.reason, x.price);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, flatten_report& x) {
  return f(caf::meta::type_name("karb.flatten_report"), x.reason,
           x.orders_cancelled, x.positions_closed, x.remaining, x.elapsed_ms);
}

} // namespace karb
