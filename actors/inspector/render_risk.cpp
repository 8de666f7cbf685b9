#include "actors/inspector/render.hpp"

namespace karb::inspector {

namespace {

using nlohmann::json;

/// {"BTC": "0.1", ...}
json per_currency(const std::map<std::string, decimal>& m) {
  json out = json::object();
  for (auto& [cur, v] : m)
    out[cur] = v.to_string();
  return out;
}

json to_json(const quote_risk& x) {
  return {{"quote", x.quote},
          {"daily_pnl", x.daily_pnl.to_string()},
          {"peak_pnl", x.peak_pnl.to_string()},
          {"drawdown", x.drawdown.to_string()},
          {"equity", x.equity.to_string()},
          {"peak_equity", x.peak_equity.to_string()},
          {"equity_drawdown", x.equity_drawdown},
          {"var_historical",
           x.has_var_historical ? json(x.var_historical.to_string())
                                : json(nullptr)},
          {"var_parametric", x.var_parametric.to_string()},
          {"open_notional", x.open_notional.to_string()},
          {"unrealized_pnl", x.unrealized_pnl.to_string()},
          {"leverage", x.leverage}};
}

json to_json(const liquidation_distance& x) {
  return {{"book", book_name(x.symbol)},
          {"side", x.position_side == side::buy ? "long" : "short"},
          {"amount", x.amount.to_string()},
          {"mark_price", x.mark_price.to_string()},
          {"liquidation_price", x.liquidation_price.to_string()},
          {"distance", x.distance}};
}

} // namespace

json to_json(const risk_status& x) {
  json denials = json::object();
  for (auto& [reason, n] : x.denials)
    denials[reason] = n;
  json usage = json::array();
  for (auto& q : x.quotes)
    usage.push_back(to_json(q));
  json liquidation = json::array();
  for (auto& d : x.liquidation)
    liquidation.push_back(to_json(d));
  return {{"halted", x.halted},
          {"halt_reason", x.halt_reason},
          {"paused", x.paused},
          {"pause_remaining_ms", x.pause_remaining_ms},
          {"daily_pnl", per_currency(x.daily_pnl)},
          {"open_trades", x.open_trades},
          {"orders_last_minute", x.orders_last_minute},
          {"consecutive_failures", x.consecutive_failures},
          {"approvals", x.approvals},
          {"denials", denials},
          {"usage", usage},
          {"liquidation", liquidation},
          {"guard_closes", x.guard_closes}};
}

json to_json(const config::risk_settings& x) {
  const auto& g = x.liquidation_guard;
  return {{"min_profit_rate", x.min_profit_rate.to_string()},
          {"max_position", per_currency(x.max_position)},
          {"max_notional", per_currency(x.max_notional)},
          {"daily_loss_limit", per_currency(x.daily_loss_limit)},
          {"min_balance", per_currency(x.min_balance)},
          {"max_concurrent_trades", x.max_concurrent_trades},
          {"max_orders_per_minute", x.max_orders_per_minute},
          {"failures_to_pause", x.failures_to_pause},
          {"failure_pause_s", x.failure_pause_s},
          {"max_drawdown", x.max_drawdown},
          {"leverage_limit", x.leverage_limit},
          {"var_limit", per_currency(x.var_limit)},
          {"correlation_limit", x.correlation_limit},
          {"stop_loss_threshold", x.stop_loss_threshold},
          {"take_profit_threshold", x.take_profit_threshold},
          {"max_open_position", per_currency(x.max_open_position)},
          {"max_open_notional", per_currency(x.max_open_notional)},
          {"liquidation_guard",
           {{"distance", g.distance},
            {"reduce_fraction", g.reduce_fraction},
            {"cooldown_s", g.cooldown_s}}}};
}

json to_json(const flatten_report& x) {
  return {{"reason", x.reason},
          {"orders_cancelled", x.orders_cancelled},
          {"positions_closed", x.positions_closed},
          {"remaining", x.remaining},
          {"elapsed_ms", x.elapsed_ms}};
}

} // namespace karb::inspector
