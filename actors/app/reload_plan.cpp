#include "actors/app/reload_plan.hpp"

#include <map>
#include <set>
#include <sstream>

namespace karb::app {

namespace {

using config::settings;

std::string text(const decimal& x) { return x.to_string(); }
std::string text(int64_t x) { return std::to_string(x); }
std::string text(double x) {
  std::ostringstream os;
  os << x;
  return os.str();
}

/// Collects the keys that differ between two settings trees.
class differ {
public:
  explicit differ(std::vector<std::string>& out) : out_(out) {
    // nop
  }
  template <class T>
  void operator()(const std::string& key, const T& a, const T& b) {
    if (!(a == b))
      out_.push_back(key);
  }

private:
  std::vector<std::string>& out_;
};

void diff_node(differ& d, const config::node_settings& a,
               const config::node_settings& b) {
  d("node.name", a.name, b.name);
  d("node.store", a.store, b.store);
  d("node.store_sync", a.store_sync, b.store_sync);
  d("node.store_keep_hours", a.store_keep_hours, b.store_keep_hours);
  d("node.audit_file", a.audit_file, b.audit_file);
  d("node.audit_rotation.max_size_mb", a.audit_rotation.max_size_mb,
    b.audit_rotation.max_size_mb);
  d("node.audit_rotation.max_files", a.audit_rotation.max_files,
    b.audit_rotation.max_files);
  d("node.scheduler", a.scheduler, b.scheduler);
  d("node.scheduler_threads", a.scheduler_threads, b.scheduler_threads);
  d("node.secrets_file", a.secrets_file, b.secrets_file);
  d("node.status_interval_s", a.status_interval_s, b.status_interval_s);
  d("node.log.level", a.log.level, b.log.level);
  d("node.log.file", a.log.file, b.log.file);
  d("node.log.max_size_mb", a.log.max_size_mb, b.log.max_size_mb);
  d("node.log.max_files", a.log.max_files, b.log.max_files);
  d("node.inspect.bind", a.inspect.bind, b.inspect.bind);
  d("node.inspect.port", a.inspect.port, b.inspect.port);
  d("node.inspect.control", a.inspect.control, b.inspect.control);
  d("node.inspect.certificate", a.inspect.certificate, b.inspect.certificate);
  d("node.inspect.key", a.inspect.key, b.inspect.key);
  d("node.inspect.ca_file", a.inspect.ca_file, b.inspect.ca_file);
  d("node.api.bind", a.api.bind, b.api.bind);
  d("node.api.port", a.api.port, b.api.port);
  d("node.api.grpc_port", a.api.grpc_port, b.api.grpc_port);
  d("node.api.token_env", a.api.token_env, b.api.token_env);
  d("node.api.certificate", a.api.certificate, b.api.certificate);
  d("node.api.key", a.api.key, b.api.key);
  d("node.api.snapshot_ms", a.api.snapshot_ms, b.api.snapshot_ms);
}

void diff_supervision(differ& d, const config::supervision_settings& a,
                      const config::supervision_settings& b) {
  const std::string p = "supervision.";
  d(p + "restart_base_ms", a.restart_base_ms, b.restart_base_ms);
  d(p + "restart_cap_ms", a.restart_cap_ms, b.restart_cap_ms);
  d(p + "restart_jitter", a.restart_jitter, b.restart_jitter);
  d(p + "breaker_failures", a.breaker_failures, b.breaker_failures);
  d(p + "breaker_cool_down_s", a.breaker_cool_down_s, b.breaker_cool_down_s);
  d(p + "stable_after_s", a.stable_after_s, b.stable_after_s);
  d(p + "shutdown_timeout_s", a.shutdown_timeout_s, b.shutdown_timeout_s);
}

void diff_venue(differ& d, const config::venue_settings& a,
                const config::venue_settings& b) {
  const std::string p = "venues." + a.name + ".";
  d(p + "exchange", a.venue, b.venue);
  d(p + "enabled", a.enabled, b.enabled);
  d(p + "rest_url", a.rest_url, b.rest_url);
  d(p + "ws_url", a.ws_url, b.ws_url);
  d(p + "private_ws_url", a.private_ws_url, b.private_ws_url);
  d(p + "ca_file", a.ca_file, b.ca_file);
  d(p + "access_key_env", a.access_key_env, b.access_key_env);
  d(p + "secret_key_env", a.secret_key_env, b.secret_key_env);
  d(p + "fees.maker", a.fees.maker, b.fees.maker);
  d(p + "fees.taker", a.fees.taker, b.fees.taker);
  d(p + "heartbeat_s", a.heartbeat_s, b.heartbeat_s);
  d(p + "request_timeout_ms", a.request_timeout_ms, b.request_timeout_ms);
  d(p + "rate_limit_per_s", a.rate_limit_per_s, b.rate_limit_per_s);
  d(p + "ban_default_s", a.ban_default_s, b.ban_default_s);
  d(p + "rate_limited_pause_ms", a.rate_limited_pause_ms,
    b.rate_limited_pause_ms);
  d(p + "rate_limited_slow_s", a.rate_limited_slow_s, b.rate_limited_slow_s);
  // The resolved credentials: named, never shown.
  d(p + "access_key", a.access_key, b.access_key);
  d(p + "secret_key", a.secret_key, b.secret_key);
}

void diff_venues(differ& d, const settings& a, const settings& b,
                 std::vector<std::string>& out) {
  for (auto& v : a.venues) {
    auto* w = b.find_venue(v.name);
    if (!w)
      out.push_back("venues." + v.name + " (removed)");
    else
      diff_venue(d, v, *w);
  }
  for (auto& w : b.venues)
    if (!a.find_venue(w.name))
      out.push_back("venues." + w.name + " (added)");
}

void diff_execution(differ& d, const config::execution_settings& a,
                    const config::execution_settings& b) {
  const std::string p = "execution.";
  d(p + "order_timeout_ms", a.order_timeout_ms, b.order_timeout_ms);
  d(p + "place_queue_deadline_ms", a.place_queue_deadline_ms,
    b.place_queue_deadline_ms);
  d(p + "reprice_band", a.reprice_band, b.reprice_band);
  d(p + "naked_notional_cap", a.naked_notional_cap, b.naked_notional_cap);
  d(p + "naked_time_cap_s", a.naked_time_cap_s, b.naked_time_cap_s);
  d(p + "lookup_window_ms", a.lookup_window_ms, b.lookup_window_ms);
  d(p + "reconcile_interval_s", a.reconcile_interval_s,
    b.reconcile_interval_s);
  d(p + "cancel_on_shutdown", a.cancel_on_shutdown, b.cancel_on_shutdown);
}

void diff_alerts(differ& d, const config::alert_settings& a,
                 const config::alert_settings& b) {
  const std::string p = "alerts.";
  d(p + "webhook_url", a.webhook_url, b.webhook_url);
  d(p + "renotify_s", a.renotify_s, b.renotify_s);
  d(p + "venue_disconnected_s", a.venue_disconnected_s,
    b.venue_disconnected_s);
  d(p + "consecutive_order_failures", a.consecutive_order_failures,
    b.consecutive_order_failures);
  d(p + "min_balance", a.min_balance, b.min_balance);
  d(p + "risk_halt", a.risk_halt, b.risk_halt);
  d(p + "trade_exposed", a.trade_exposed, b.trade_exposed);
}

template <class T>
void limit(std::vector<limit_change>& out, const std::string& key,
           const T& a, const T& b) {
  if (!(a == b))
    out.push_back({"risk." + key, text(a), text(b)});
}

/// One change per currency of a per-currency limit ("" where absent).
void limit(std::vector<limit_change>& out, const std::string& key,
           const std::map<std::string, decimal>& a,
           const std::map<std::string, decimal>& b) {
  std::set<std::string> currencies;
  for (auto* m : {&a, &b})
    for (auto& [cur, v] : *m)
      currencies.insert(cur);
  for (auto& cur : currencies) {
    auto i = a.find(cur);
    auto j = b.find(cur);
    auto old = i == a.end() ? std::string{} : text(i->second);
    auto now = j == b.end() ? std::string{} : text(j->second);
    if (old != now)
      out.push_back({"risk." + key + "." + cur, old, now});
  }
}

std::vector<limit_change> diff_risk(const config::risk_settings& a,
                                    const config::risk_settings& b) {
  std::vector<limit_change> out;
  limit(out, "min_profit_rate", a.min_profit_rate, b.min_profit_rate);
  limit(out, "max_position", a.max_position, b.max_position);
  limit(out, "max_notional", a.max_notional, b.max_notional);
  limit(out, "daily_loss_limit", a.daily_loss_limit, b.daily_loss_limit);
  limit(out, "min_balance", a.min_balance, b.min_balance);
  limit(out, "max_concurrent_trades", a.max_concurrent_trades,
        b.max_concurrent_trades);
  limit(out, "max_orders_per_minute", a.max_orders_per_minute,
        b.max_orders_per_minute);
  limit(out, "max_drawdown", a.max_drawdown, b.max_drawdown);
  limit(out, "leverage_limit", a.leverage_limit, b.leverage_limit);
  limit(out, "trade_slot_timeout_s", a.trade_slot_timeout_s,
        b.trade_slot_timeout_s);
  limit(out, "var_limit", a.var_limit, b.var_limit);
  limit(out, "correlation_limit", a.correlation_limit, b.correlation_limit);
  limit(out, "stop_loss_threshold", a.stop_loss_threshold,
        b.stop_loss_threshold);
  limit(out, "take_profit_threshold", a.take_profit_threshold,
        b.take_profit_threshold);
  limit(out, "max_open_position", a.max_open_position, b.max_open_position);
  limit(out, "max_open_notional", a.max_open_notional, b.max_open_notional);
  const auto& ga = a.liquidation_guard;
  const auto& gb = b.liquidation_guard;
  limit(out, "liquidation_guard.distance", ga.distance, gb.distance);
  limit(out, "liquidation_guard.reduce_fraction", ga.reduce_fraction,
        gb.reduce_fraction);
  limit(out, "liquidation_guard.cooldown_s", ga.cooldown_s, gb.cooldown_s);
  return out;
}

const config::strategy_settings* find_enabled(const settings& s,
                                              const std::string& id) {
  for (auto& st : s.strategies)
    if (st.id == id && st.enabled)
      return &st;
  return nullptr;
}

bool same_params(const config::strategy_settings& a,
                 const config::strategy_settings& b) {
  return a.type == b.type && a.venues == b.venues && a.symbols == b.symbols
         && a.min_profit_rate == b.min_profit_rate && a.max_size == b.max_size;
}

std::string list(const std::vector<std::string>& xs) {
  std::string out = "[";
  for (size_t i = 0; i < xs.size(); ++i)
    out += (i ? ", " : "") + xs[i];
  return out + "]";
}

} // namespace

reload_plan plan_reload(const settings& old, const settings& next) {
  reload_plan p;
  differ d{p.restart_needed};
  diff_node(d, old.node, next.node);
  diff_supervision(d, old.supervision, next.supervision);
  diff_venues(d, old, next, p.restart_needed);
  diff_execution(d, old.execution, next.execution);
  diff_alerts(d, old.alerts, next.alerts);
  // The risk actor's failure breaker is built with these.
  d("risk.failures_to_pause", old.risk.failures_to_pause,
    next.risk.failures_to_pause);
  d("risk.failure_pause_s", old.risk.failure_pause_s,
    next.risk.failure_pause_s);
  for (auto& st : old.strategies) {
    if (!st.enabled)
      continue;
    auto* now = find_enabled(next, st.id);
    if (!now)
      p.removed.push_back(st.id);
    else if (!same_params(st, *now))
      p.changed.push_back(st.id);
  }
  for (auto& st : next.strategies)
    if (st.enabled && !find_enabled(old, st.id))
      p.added.push_back(st.id);
  p.risk = diff_risk(old.risk, next.risk);
  return p;
}

std::string refusal(const std::string& reason) {
  return "refused: " + reason;
}

std::string summary(const reload_plan& p) {
  if (p.refused()) {
    std::string keys;
    for (size_t i = 0; i < p.restart_needed.size(); ++i)
      keys += (i ? ", " : "") + p.restart_needed[i];
    return refusal("needs a restart to change " + keys
                   + "; the running configuration stays");
  }
  return "reloaded: +strategies " + list(p.added) + ", -strategies "
         + list(p.removed) + ", ~strategies " + list(p.changed)
         + ", risk changes " + std::to_string(p.risk.size());
}

std::vector<std::string> instance_ids(const config::strategy_settings& s) {
  std::vector<std::string> out;
  if (!s.enabled)
    return out;
  for (auto& base : s.symbols)
    out.push_back(s.id + ":" + base);
  return out;
}

} // namespace karb::app
