#pragma once

// Pre-trade risk decisions and what execution reports back to risk and the
// portfolio.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/decimal.hpp"
#include "messages/enums.hpp"
#include "messages/market_data.hpp"

namespace karb {

/// The risk actor's answer to one opportunity.
struct risk_verdict {
  bool approved = false;
  decimal size;               ///< base units approved (<= the opportunity's)
  std::string reason;         ///< denial code, e.g. "max_position_btc", "halted"
  std::string detail;         ///< human-readable numbers behind the reason
  int64_t ts_checked_ns = 0;  ///< steady clock: when risk decided
};

/// What became of an attempt a strategy handed to risk: denied by risk,
/// refused by execution, or started as trade `trade_id`.
struct attempt_outcome {
  std::string opportunity_id;
  bool started = false;
  std::string stage;     ///< who answered: "risk" or "execution"
  std::string trade_id;  ///< when started
  decimal size;          ///< base units approved (when started)
  std::string reason;    ///< when not started
};

/// How one arbitrage attempt ended.
struct trade_report {
  std::string trade_id{};
  std::string strategy_id{};
  std::string symbol{};         ///< base asset, e.g. "BTC"
  std::string outcome{};        ///< "completed", "unwound", "failed", "exposed"
  decimal pnl_krw{};            ///< realised, after fees
  decimal fees_krw{};
  int64_t ts_ns = 0;
  std::string opportunity_id{}; ///< whose risk approval (slot) it settles
  std::string quote{};          ///< the currency of pnl_krw and fees_krw
  decimal bought{};             ///< base units bought over every order
  decimal sold{};               ///< base units sold over every order
  decimal buy_notional{};       ///< quote paid for them (before fees)
  decimal sell_notional{};      ///< quote received for them (before fees)
};

/// One quote currency's risk usage (the risk report).
struct quote_risk {
  std::string quote;
  decimal daily_pnl;          ///< today's realised PnL and funding
  decimal peak_pnl;           ///< today's peak of it
  decimal drawdown;           ///< today's drop from that peak
  decimal equity;             ///< capital + unrealised PnL
  decimal peak_equity;        ///< since start (or the last resume)
  double equity_drawdown = 0; ///< (peak - equity) / peak
  bool has_var_historical = false; ///< enough trades recorded
  decimal var_historical;     ///< 95 %, one trade's PnL
  decimal var_parametric;     ///< 95 %, open perpetual positions
  decimal open_notional;      ///< open perpetual positions at mark
  decimal unrealized_pnl;
  double leverage = 0;        ///< open_notional / equity
};

/// How near one perpetual position is to its liquidation price.
struct liquidation_distance {
  instrument symbol;
  side position_side = side::buy; ///< buy: long
  decimal amount;
  decimal mark_price;
  decimal liquidation_price;
  double distance = 0;        ///< |mark - liquidation| / mark
};

struct risk_status {
  bool halted = false;
  std::string halt_reason;
  bool paused = false;        ///< the failure breaker is open
  int64_t pause_remaining_ms = 0;
  std::map<std::string, decimal> daily_pnl; ///< today's, by quote currency
  int64_t open_trades = 0;
  int64_t orders_last_minute = 0;
  int64_t consecutive_failures = 0;
  int64_t approvals = 0;
  std::map<std::string, int64_t> denials; ///< by reason
  std::vector<quote_risk> quotes;             ///< usage per quote currency
  /// Open positions with a liquidation price, nearest first.
  std::vector<liquidation_distance> liquidation;
  int64_t guard_closes = 0; ///< close requests the guard made
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, risk_verdict& x) {
  return f(caf::meta::type_name("karb.risk_verdict"), x.approved, x.size,
           x.reason, x.detail, x.ts_checked_ns);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, attempt_outcome& x) {
  return f(caf::meta::type_name("karb.attempt_outcome"), x.opportunity_id,
           x.started, x.stage, x.trade_id, x.size, x.reason);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, trade_report& x) {
  return f(caf::meta::type_name("karb.trade_report"), x.trade_id,
           x.strategy_id, x.symbol, x.outcome, x.pnl_krw, x.fees_krw, x.ts_ns,
           x.opportunity_id, x.quote, x.bought, x.sold, x.buy_notional,
           x.sell_notional);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, quote_risk& x) {
  return f(caf::meta::type_name("karb.quote_risk"), x.quote, x.daily_pnl,
           x.peak_pnl, x.drawdown, x.equity, x.peak_equity,
           x.equity_drawdown, x.has_var_historical, x.var_historical,
           x.var_parametric, x.open_notional, x.unrealized_pnl, x.leverage);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f,
                                        liquidation_distance& x) {
  return f(caf::meta::type_name("karb.liquidation_distance"), x.symbol,
           x.position_side, x.amount, x.mark_price, x.liquidation_price,
           x.distance);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, risk_status& x) {
  return f(caf::meta::type_name("karb.risk_status"), x.halted, x.halt_reason,
           x.paused, x.pause_remaining_ms, x.daily_pnl, x.open_trades,
           x.orders_last_minute, x.consecutive_failures, x.approvals,
           x.denials, x.quotes, x.liquidation, x.guard_closes);
}

} // namespace karb
