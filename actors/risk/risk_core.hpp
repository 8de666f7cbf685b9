#pragma once

// The pre-trade risk manager (seed 000 §3.7.2, §4.2; seed 002 §3.6). Pure:
// every call takes the steady time (breaker, order rate, validity) and the
// wall time (the trading day) as arguments.
//
// check() runs, in order: halt, failure pause, daily loss, drawdown,
// validity, shape, min profit rate, concurrent trades, order rate; then
// sizes the trade: the opportunity's size, capped by the asset's maximum
// position (base units) and the quote's maximum notional per trade, then
// by what the selling venue holds in base and the buying
// venue in quote (incl. taker fee) above the minimum balances to keep,
// less what earlier approvals reserved; a size under the venues' minimum
// order value is denied. Balances use `free` (funds in open orders are
// already out of it). A venue's new balance snapshot replaces its
// reservations.
//
// trade_report outcomes (execution sends one per approved attempt; each
// frees one concurrent-trade slot): "completed" is a success for the
// failure breaker, "unwound" / "failed" / "exposed" (and anything unknown)
// are failures, "cancelled" (approved but never started) is neither.
//
// Limits are per currency (config risk_settings): an asset's maximum
// position and minimum balance, a quote's maximum notional, minimum
// balance and daily loss limit. PnL, its daily peak, drawdown, capital and
// VaR are kept per quote currency (KRW and USDT never mix); a trade's
// report names its quote.

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "actors/risk/reasons.hpp"
#include "config/settings.hpp"
#include "exchanges/common/circuit_breaker.hpp"
#include "messages/arbitrage.hpp"
#include "messages/orders.hpp"
#include "messages/risk.hpp"

namespace karb::risk {

using time_point = std::chrono::steady_clock::time_point;

struct risk_params {
  config::risk_settings limits;
  std::map<exchange, decimal> taker_fees;   ///< missing: default_fee
  decimal default_fee = dec("0.0005");
  /// The smallest order value per quote currency (Upbit's and Bithumb's
  /// 5,000 KRW); other quotes rely on each venue's own minimum notional,
  /// which strategies and the REST actor apply from its exchange info.
  std::map<std::string, decimal> min_order_value{
    {"KRW", decimal::from_int(5000)}};
  /// The trading day starts at 00:00 in this offset from UTC (KST: +9 h).
  int64_t day_offset_ns = 9LL * 3600 * 1'000'000'000;
  size_t var_window = 250;       ///< trade PnLs kept for VaR
  size_t var_min_samples = 20;   ///< fewer: no VaR ("not yet")
};

/// A check's outcome: the verdict to send and the reason when denied.
struct decision {
  risk_verdict verdict;
  std::optional<deny_reason> reason;
};

/// What a trade report changed.
struct report_effect {
  bool breaker_opened = false;   ///< this failure opened the breaker
  bool failure = false;
  bool loss_limit_reached = false; ///< this report crossed the daily limit
};

class risk_core {
public:
  explicit risk_core(risk_params params);

  /// Approves (possibly with a smaller size) or denies.
  decision check(const arbitrage_opportunity& opp, time_point now,
                 int64_t wall_ns);

  /// Books a finished trade: PnL, failure breaker, and frees the slot of
  /// the approval it settles (by opportunity id; none for a trade resumed
  /// after a restart).
  report_effect on_trade_report(const trade_report& r, time_point now,
                                int64_t wall_ns);

  /// Frees the slots of approvals older than the limits'
  /// trade_slot_timeout_s with no report; returns their opportunity ids
  /// (the caller raises an alert for each).
  std::vector<std::string> expire_slots(time_point now);

  /// Replaces one venue's balances (all entries share one venue).
  void on_balances(const std::vector<balance>& xs);

  /// Replaces the limits (config reload); usage, PnL, reservations,
  /// breaker state and halt stay. The breaker's thresholds are fixed at
  /// construction.
  void set_limits(const config::risk_settings& limits) {
    params_.limits = limits;
  }
  const config::risk_settings& limits() const { return params_.limits; }

  void halt(std::string reason);
  void resume();
  bool halted() const { return halted_; }

  risk_status status(time_point now, int64_t wall_ns);

  /// Historical VaR of one trade's PnL at `confidence` (e.g. 0.95): the
  /// loss not exceeded in that share of the recorded trades, >= 0; nullopt
  /// while fewer than var_min_samples trades were recorded.
  std::optional<decimal> historical_var(const std::string& quote,
                                        double confidence) const;

  /// Today's drop from today's peak PnL in `quote` (>= 0).
  decimal drawdown(const std::string& quote) const;
  decimal daily_pnl(const std::string& quote) const;
  /// The quote currencies that have PnL today or trade history.
  std::vector<std::string> quotes() const;
  int64_t open_trades() const { return static_cast<int64_t>(slots_.size()); }
  const circuit_breaker& breaker() const { return breaker_; }

private:
  decision deny(deny_reason r, std::string detail);
  std::optional<decision> gate(const arbitrage_opportunity& opp,
                               time_point now);
  void roll_day(int64_t wall_ns);
  void prune_orders(time_point now);
  decimal fee_of(exchange venue) const;
  const balance* find_balance(exchange venue, const std::string& cur) const;
  decimal reserved(exchange venue, const std::string& cur) const;
  /// What the venues hold in `quote`, with the last traded base asset
  /// valued at its last price in it.
  decimal capital(const std::string& quote) const;
  /// A per-currency limit; 0 (none) when absent.
  static decimal limit_in(const std::map<std::string, decimal>& m,
                          const std::string& currency);

  risk_params params_;
  circuit_breaker breaker_;
  bool halted_ = false;
  std::string halt_reason_;
  int64_t day_ = INT64_MIN;
  std::map<std::string, decimal> daily_pnl_; ///< by quote currency
  std::map<std::string, decimal> peak_pnl_;  ///< today's peak, by quote
  std::map<std::string, time_point> slots_; ///< approvals by opportunity id
  int64_t approvals_ = 0;
  std::deque<time_point> orders_;
  std::map<std::string, int64_t> denials_;
  std::map<exchange, std::map<std::string, balance>> balances_;
  std::map<std::pair<exchange, std::string>, decimal> reserved_;
  std::map<std::string, std::deque<decimal>> pnl_history_; ///< by quote
  /// The latest buy price of each (base, quote) checked, to value it.
  std::map<std::pair<std::string, std::string>, decimal> last_price_;
};

} // namespace karb::risk
