#pragma once

// The funding-rate service's bookkeeping, pure (seed 002 §3.2): the latest
// rate of every perpetual venue and symbol with its next funding time,
// interval, a bounded history and a predicted next rate; the spread of
// current rates across venues per base asset; the funding payments the
// venues booked, deduplicated by venue and id, summed per currency.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "messages/derivatives.hpp"
#include "messages/market_data.hpp"

namespace karb::funding {

/// The next rate implied by the premium index, Binance's formula for an
/// 8-hour interval: P = mark / index - 1, rate = P + clamp(0.0001 - P,
/// -0.0005, 0.0005) (interest 0.01 % per period), the result clamped to
/// +-0.0075 (the usual cap). The venues differ in detail (OKX and Bybit
/// average the premium over the period); this is an estimate, used only
/// when the venue does not publish its own prediction. nullopt without a
/// positive index.
std::optional<decimal> premium_prediction(decimal mark, decimal index);

/// The base asset of a venue symbol: the part before the first '-'
/// ("BTC-USDT-SWAP"), else the symbol without its `quote` suffix
/// ("BTCUSDT"); "" when neither applies.
std::string base_of(const std::string& symbol, const std::string& quote);

class funding_core {
public:
  /// `history_limit` rates per venue symbol, `recent_limit` payments;
  /// payments are asked again `overlap_ns` before the latest one seen (a
  /// venue may book one late), and their ids kept that long.
  explicit funding_core(size_t history_limit = 500, size_t recent_limit = 100,
                        int64_t overlap_ns = 3'600'000'000'000)
    : history_limit_(history_limit),
      recent_limit_(recent_limit),
      overlap_ns_(overlap_ns) {}

  /// Takes one venue's rates and mark prices (a poll); returns the rates
  /// whose value, next funding time or prediction changed (new ones
  /// included), with `predicted_rate` filled in where one is known.
  std::vector<funding_rate> take_rates(exchange venue,
                                       const std::vector<funding_rate>& rates,
                                       const std::vector<mark_price>& marks);

  /// Takes one venue's booked payments; returns those not seen before
  /// (by venue and id), oldest first, and adds them to the funding PnL.
  std::vector<funding_payment>
  take_payments(exchange venue, const std::vector<funding_payment>& ps);

  /// The wall time (ns) to ask the venue's payments from: the latest one
  /// seen less the overlap, never before `start_ns`. The ids of older
  /// payments are forgotten (the venue no longer sends them).
  int64_t payments_since(exchange venue, int64_t start_ns) const;

  /// Every current rate (with predictions), by venue then symbol.
  std::vector<funding_rate> rates() const;
  /// The base asset of a venue symbol ("" if unknown).
  std::string base(exchange venue, const std::string& symbol) const;
  /// Per base asset quoted by at least two venues: highest minus lowest
  /// current rate.
  std::map<std::string, decimal> spread() const;
  /// Funding booked since start, per currency (+ received).
  const std::map<std::string, decimal>& funding_pnl() const {
    return funding_pnl_;
  }
  /// The recorded rates of one venue symbol, oldest first.
  std::vector<funding_rate> history(exchange venue,
                                    const std::string& symbol) const;
  funding_board board(int64_t ts_ns) const;

private:
  struct entry {
    funding_rate latest; ///< predicted_rate filled in where known
    std::string base;
    std::deque<funding_rate> history;
  };
  size_t history_limit_;
  size_t recent_limit_;
  int64_t overlap_ns_;
  std::map<std::pair<exchange, std::string>, entry> entries_;
  std::map<exchange, std::map<std::string, int64_t>> seen_; ///< key -> ts
  std::map<exchange, int64_t> newest_payment_ns_;
  std::map<std::string, decimal> funding_pnl_;
  std::deque<funding_payment> recent_;
};

} // namespace karb::funding
