#pragma once

// The trade tape and 24h ticker statistics of one market on one venue.

#include <cstdint>
#include <deque>
#include <string>

#include "tools/karb-sim/types.hpp"

namespace karb::sim {

struct trade_print {
  std::string code;
  time_ms timestamp = 0;
  decimal price;
  decimal volume;
  bool taker_ask = false;     ///< ask_bid "ASK": sell-initiated
  int64_t sequential_id = 0;  ///< unique and increasing
  decimal prev_closing_price;
  decimal best_ask_price, best_ask_size, best_bid_price, best_bid_size;
};

struct ticker_state {
  std::string code;
  decimal opening_price, high_price, low_price, trade_price;
  decimal prev_closing_price, trade_volume;
  decimal acc_trade_volume;
  int64_t acc_trade_price = 0; ///< whole KRW (a decimal would overflow)
  decimal acc_ask_volume, acc_bid_volume;
  time_ms trade_timestamp = 0;
  time_ms timestamp = 0;
  bool last_taker_ask = false;

  /// "RISE", "EVEN" or "FALL" against the previous close.
  const char* change() const;
  decimal change_price() const;        ///< unsigned
  decimal signed_change_price() const;
  decimal change_rate() const;         ///< unsigned ratio, 8 decimals
  decimal signed_change_rate() const;
};

class tape {
public:
  tape(std::string code, decimal start_price, time_ms start);

  /// Records a print and updates the ticker; returns the stored print.
  const trade_print& record(time_ms now, decimal price, decimal volume,
                            bool taker_ask);

  /// Most recent first is `recent().back()`; at most 500 kept.
  const std::deque<trade_print>& recent() const { return recent_; }
  const ticker_state& ticker() const { return ticker_; }
  void touch(time_ms now) { ticker_.timestamp = now; }

  static constexpr size_t keep = 500;

private:
  std::deque<trade_print> recent_;
  ticker_state ticker_;
  int64_t last_seq_ = 0;
};

} // namespace karb::sim
