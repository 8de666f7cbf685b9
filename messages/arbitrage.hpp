#pragma once

// Strategy output (seed 002 §2.2): trading signals and arbitrage
// opportunities. Scores and confidence are ratios and stay doubles; every
// amount is a decimal.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/decimal.hpp"
#include "messages/enums.hpp"
#include "messages/latency_trail.hpp"
#include "messages/market_data.hpp"

namespace karb {

struct trading_signal {
  std::string id;
  std::string strategy_id;
  instrument symbol;
  side signal_side = side::buy;
  std::string signal_type;   ///< "entry", "exit" or "close"
  bool has_price = false;
  decimal price;
  decimal amount;
  double confidence = 0;     ///< 0..1
  priority urgency = priority::medium;
  int64_t valid_until_ns = 0;
  int64_t created_ns = 0;
  std::map<std::string, std::string> metadata;
};

struct arbitrage_opportunity {
  std::string id;
  arbitrage_type type = arbitrage_type::cross_exchange;
  std::string symbol;                 ///< e.g. "BTC/KRW"
  std::vector<std::string> exchanges; ///< venue names, as the seed has them
  std::vector<trading_signal> entry_signals;
  decimal expected_profit;            ///< quote currency, net of fees
  decimal max_profit;
  double risk_score = 0;              ///< 0 (safe) .. 1
  decimal max_position_size;
  double liquidity_score = 0;         ///< 0 .. 1
  priority urgency = priority::medium;
  int64_t valid_until_ns = 0;
  int64_t created_ns = 0;
  int64_t ts_tick_ns = 0;             ///< steady-clock stamp of the tick
  latency_trail trail;                ///< per-hop stamps after the tick
  std::map<std::string, std::string> metadata;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, trading_signal& x) {
  return f(caf::meta::type_name("karb.trading_signal"), x.id, x.strategy_id,
           x.symbol, x.signal_side, x.signal_type, x.has_price, x.price,
           x.amount, x.confidence, x.urgency, x.valid_until_ns, x.created_ns,
           x.metadata);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, arbitrage_opportunity& x) {
  return f(caf::meta::type_name("karb.arbitrage_opportunity"), x.id, x.type,
           x.symbol, x.exchanges, x.entry_signals, x.expected_profit,
           x.max_profit, x.risk_score, x.max_position_size, x.liquidity_score,
           x.urgency, x.valid_until_ns, x.created_ns, x.ts_tick_ns,
           x.trail, x.metadata);
}

} // namespace karb
