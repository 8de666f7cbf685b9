#pragma once

// The portfolio side of risk (seed 002 §3.6 check_position_risk,
// check_portfolio_risk, calculate_var; RiskLimits): the open perpetual
// positions of the position manager's book, the price returns sampled
// with each book, equity peaks, and the limits a trade's perpetual legs
// must fit in. Pure; risk_core calls it.
//
// Aggregates, per quote currency unless said otherwise:
// - open notional: sum of |amount| x mark over the open positions;
// - open position (per asset): sum of |amount| across venues, gross (a
//   long on one venue and a short on another count twice);
// - parametric VaR (95 %): sum over positions of 1.645 x sigma x |amount|
//   x mark, sigma the market's volatility over `var_horizon` (see
//   price_returns). Position by position, without netting or
//   diversification: an upper bound, the perpetual legs as if their hedge
//   were gone. A market with too few returns adds nothing until it has
//   them (the notional, position and leverage limits still bound it).
//
// Entry limits: each gives the largest size (base units, per leg) a trade
// may have given its perpetual legs, or nullopt when the limit is off.
// Every perpetual leg of an entry counts as opening: its size adds to the
// open position and its size x price to the open notional (a
// futures_futures entry adds twice).
// - max_open_position[asset]: (limit - open position) / legs;
// - max_open_notional[quote]: (limit - open notional) / sum of prices;
// - leverage: (leverage_limit x equity - open notional) / sum of prices,
//   equity as risk_core passes it (capital + unrealised PnL);
// - var_limit[quote]: denied when the historical VaR reached it, else
//   (limit - parametric VaR) / (1.645 x sigma x sum of prices) once sigma
//   is known;
// - correlation_limit: denied when a leg's market correlates above it
//   with an open position's market held in the same direction (a sell leg
//   with shorts, a buy leg with longs); other positions of the same market
//   are the open position limit's business.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "actors/risk/price_returns.hpp"
#include "actors/risk/reasons.hpp"
#include "config/settings.hpp"
#include "messages/arbitrage.hpp"
#include "messages/derivatives.hpp"

namespace karb::risk {

/// A trade's leg on a perpetual (or dated futures) contract.
struct perp_leg {
  instrument symbol;
  side leg_side = side::buy;
  decimal price;
};

/// What one limit leaves of a trade.
struct limit_cut {
  decimal max_size;    ///< per leg, base units (<= 0: nothing fits)
  deny_reason reason;
  std::string detail;  ///< the numbers, for a denial
};

/// "BTC/USDT": the key of a market's returns.
std::string market_of(const instrument& x);

/// Perpetual and dated futures contracts: traded on margin.
constexpr bool is_derivative(const instrument& x) {
  return x.contract != contract_type::spot;
}

/// The legs of `opp` on derivatives.
std::vector<perp_leg> perp_legs(const arbitrage_opportunity& opp);

class portfolio_limits {
public:
  using time_point = std::chrono::steady_clock::time_point;

  portfolio_limits(size_t returns_window, size_t min_returns,
                   std::chrono::seconds var_horizon)
    : returns_(returns_window, min_returns), var_horizon_(var_horizon) {
    // nop
  }

  /// Replaces the book; records `prices` (by market) as one sample.
  void on_book(position_book book, time_point now,
               const std::map<std::string, double>& prices);

  const position_book& book() const { return book_; }
  bool has_book() const { return has_book_; }

  decimal open_notional(const std::string& quote) const;
  decimal open_position(const std::string& asset) const;
  decimal unrealized(const std::string& quote) const;
  decimal parametric_var(const std::string& quote) const;
  /// The quote currencies of the open positions.
  std::vector<std::string> quotes() const;
  /// What an order on `x` of side `s` can reduce: the size of the
  /// position held there on the other side (0: none).
  decimal reducible(const instrument& x, side s) const;

  // -- entry limits ---------------------------------------------------------

  std::optional<limit_cut>
  open_position_cut(const std::vector<perp_leg>& legs,
                    const config::risk_settings& limits) const;
  std::optional<limit_cut>
  open_notional_cut(const std::vector<perp_leg>& legs,
                    const config::risk_settings& limits) const;
  std::optional<limit_cut> leverage_cut(const std::vector<perp_leg>& legs,
                                        const config::risk_settings& limits,
                                        decimal equity) const;
  std::optional<limit_cut> var_cut(const std::vector<perp_leg>& legs,
                                   const config::risk_settings& limits,
                                   std::optional<decimal> historical) const;
  std::optional<limit_cut>
  correlation_cut(const std::vector<perp_leg>& legs,
                  const config::risk_settings& limits) const;

  // -- equity drawdown ------------------------------------------------------

  /// Raises `quote`'s equity peak to `equity`; returns what breached when
  /// equity is more than `max_drawdown` (a share, 0: off) below its peak.
  std::optional<std::string> watch_equity(const std::string& quote,
                                          decimal equity,
                                          double max_drawdown);
  decimal peak_equity(const std::string& quote) const;
  /// Forgets the peaks (a resume starts from today's equity).
  void reset_peaks() { peak_equity_.clear(); }

private:
  std::optional<double> sigma_of(const instrument& x) const;

  position_book book_;
  bool has_book_ = false;
  price_returns returns_;
  std::chrono::seconds var_horizon_;
  std::map<std::string, decimal> peak_equity_;
};

} // namespace karb::risk
