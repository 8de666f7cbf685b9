#pragma once

// The pre-trade risk manager (seed 000 §3.7.2, §4.2; seed 002 §3.6). Pure:
// every call takes the steady time (breaker, order rate, validity) and the
// wall time (the trading day) as arguments.
//
// check() of an entry runs, in order: halt, failure pause, shape, daily
// loss, drawdown, validity, min profit rate (the spread arbitrage only: a
// hedge is judged by its strategy's entry threshold), concurrent trades,
// order rate; then sizes the trade: the opportunity's size, capped by the
// asset's maximum position (base units) and the quote's maximum notional
// per trade; then, for its perpetual legs, by the portfolio limits
// (portfolio_limits.hpp: correlation, open position, open notional,
// leverage, VaR); then by the funds each leg draws on its venue above the
// minimum balances to keep, less what earlier approvals reserved:
// - a spot sell draws the base asset;
// - a spot buy draws the quote: price x (1 + taker fee) per base unit;
// - a perpetual leg, either side, draws margin in the quote on its venue,
//   never the base: price x (1 / leverage + taker fee) per base unit,
//   leverage the venue's configured one (risk_params::leverage, 1 when
//   unknown), from the `free` quote balance that venue reports.
// A limit that leaves less than the venues' minimum order value denies
// with its reason; otherwise it reduces the size. Balances use `free`
// (funds in open orders are already out of it). A venue's new balance
// snapshot replaces its reservations.
//
// Exits: an opportunity whose type is not cross_exchange and whose legs
// all have signal_type "exit" (or "close") closes a hedge. It reduces
// risk, so it passes the halt, the failure pause, the daily loss and
// drawdown limits, the profit threshold, concurrency and order rate and
// every position, notional, leverage, VaR and correlation limit, and
// reserves nothing. It is only checked for shape and validity and sized
// down to the open position each of its perpetual legs reduces (the book's
// position on that venue and market on the other side); with none open it
// is denied (no_open_position). It still takes a trade slot, which its
// report frees.
//
// trade_report outcomes (execution sends one per approved attempt; each
// frees one concurrent-trade slot): "completed" is a success for the
// failure breaker, "unwound" / "failed" / "exposed" (and anything unknown)
// are failures, "cancelled" (approved but never started) is neither.
//
// Limits are per currency (config risk_settings): an asset's maximum
// position and minimum balance, a quote's maximum notional, minimum
// balance and daily loss limit. PnL, its daily peak, drawdown, capital,
// equity and VaR are kept per quote currency (KRW and USDT never mix); a
// trade's report names its quote, a funding payment its currency (booked
// into today's PnL like a trade's; the funding service sends each once).
//
// Equity (per quote) = capital (what the venues trading the quote hold
// in it, each account once, other assets at their last price in it, marks
// included; capital.hpp) + the open positions' unrealised PnL. Its peak is kept since start (a resume
// starts over from the equity then); when equity falls more than
// max_drawdown below it, risk halts with reason "max_drawdown: ...".
// Equity is watched when balances, a trade report, a funding payment or a
// position book arrive, never on a check. Each position book also feeds
// the liquidation guard (liquidation_guard.hpp), whose close requests the
// caller sends to execution.

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "actors/risk/capital.hpp"
#include "actors/risk/liquidation_guard.hpp"
#include "actors/risk/portfolio_limits.hpp"
#include "actors/risk/reasons.hpp"
#include "config/settings.hpp"
#include "exchanges/common/circuit_breaker.hpp"
#include "messages/arbitrage.hpp"
#include "messages/derivatives.hpp"
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
  /// Perpetual venues' leverage (config venues[].leverage); missing: 1.
  std::map<exchange, decimal> leverage;
  /// Price samples kept (one per position book: 720 x 5 s = 1 hour) and
  /// the returns needed before volatility and correlation are known.
  size_t returns_window = 720;
  size_t min_returns = 30;
  /// The horizon of the parametric VaR (volatility scaled to it).
  std::chrono::seconds var_horizon{86'400};
};

/// A check's outcome: the verdict to send and the reason when denied.
struct decision {
  risk_verdict verdict;
  std::optional<deny_reason> reason;
};

/// An exit (see above): not cross_exchange, every leg "exit" or "close".
bool is_exit(const arbitrage_opportunity& opp);

/// What a position book changed.
struct book_effect {
  std::vector<close_request> closes;  ///< the liquidation guard's
  std::optional<std::string> halted;  ///< the equity drawdown halted: why
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

  /// Learns the positions: prices for the returns, the liquidation guard
  /// and the equity watch.
  book_effect on_position_book(const position_book& book, time_point now);

  /// Books a funding payment into today's PnL of its currency; true when
  /// it crossed the daily loss limit.
  bool on_funding(const funding_payment& p, int64_t wall_ns);

  /// Compares every quote's equity with its peak; a breach halts, and
  /// the halt's reason is returned (nothing while already halted).
  std::optional<std::string> watch_equity();

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
  /// Capital + unrealised PnL in `quote`.
  decimal equity(const std::string& quote) const;
  /// The quote currencies that have PnL today, trade history, a daily
  /// loss limit or open positions.
  std::vector<std::string> quotes() const;
  /// One quote's usage, as the risk report shows it.
  quote_risk usage(const std::string& quote) const;
  const portfolio_limits& portfolio() const { return portfolio_; }
  int64_t open_trades() const { return static_cast<int64_t>(slots_.size()); }
  const circuit_breaker& breaker() const { return breaker_; }

private:
  /// What one leg draws on its venue (see above).
  struct leg_need {
    exchange venue = exchange::custom;
    std::string currency;
    decimal per_unit;      ///< currency per base unit (1: the base itself)
    decimal keep;          ///< the minimum balance of the currency
    deny_reason short_of;  ///< the denial when it lacks
  };

  decision deny(deny_reason r, std::string detail);
  std::optional<decision> gate(const arbitrage_opportunity& opp,
                               time_point now);
  std::optional<decision> malformed(const arbitrage_opportunity& opp);
  std::optional<decision> stale(const arbitrage_opportunity& opp,
                                time_point now);
  decision check_exit(const arbitrage_opportunity& opp, time_point now);
  /// Takes a slot and two orders of the rate for an approved trade.
  decision approve(const arbitrage_opportunity& opp, time_point now,
                   decimal size, std::string detail);
  leg_need need_of(const trading_signal& leg) const;
  /// The portfolio limits on `legs` for a trade in `quote`.
  std::vector<std::optional<limit_cut>>
  portfolio_cuts(const std::vector<perp_leg>& legs, const std::string& quote);
  void roll_day(int64_t wall_ns);
  /// Adds to today's PnL in `currency`; true when it crossed the daily
  /// loss limit.
  bool book_pnl(const std::string& currency, decimal amount);
  void prune_orders(time_point now);
  decimal fee_of(exchange venue) const;
  const balance* find_balance(exchange venue, const std::string& cur) const;
  decimal reserved(exchange venue, const std::string& cur) const;
  /// What the venues trading `quote` hold in it, each account once, the
  /// traded base assets valued at their last price in it (capital.hpp).
  decimal capital(const std::string& quote) const;
  /// Notes that `x`'s venue trades `x`'s quote.
  void trades_in(const instrument& x) {
    quote_venues_[x.quote].insert(x.venue);
  }
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
  /// The latest buy price of each (base, quote) checked, or its mark in
  /// the position book, to value it.
  price_map last_price_;
  /// The venues seen trading each quote (checked legs, open positions).
  std::map<std::string, std::set<exchange>> quote_venues_;
  portfolio_limits portfolio_;
  liquidation_guard guard_;
};

} // namespace karb::risk
