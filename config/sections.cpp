#include "config/sections.hpp"

#include <set>

#include "exchanges/registry.hpp"

namespace karb::config {

namespace {

const std::set<std::string> log_levels{"trace", "debug", "info", "warn",
                                       "error", "critical", "off"};

void read_endpoint(yaml_reader& r, const YAML::Node& n, const std::string& p,
                   std::string& bind, int64_t& port) {
  r.read(n, p, "bind", bind);
  r.read(n, p, "port", port);
  r.check_range(join(p, "port"), port, 0, 65535);
}

bool has_scheme(const std::string& url,
                std::initializer_list<std::string_view> schemes) {
  for (auto s : schemes)
    if (url.rfind(s, 0) == 0 && url.size() > s.size())
      return true;
  return false;
}

} // namespace

void read_node(yaml_reader& r, const YAML::Node& n, node_settings& out) {
  const std::string p = "node";
  if (!r.expect_map(n, p))
    return;
  r.check_keys(n, p, {"name", "store", "store_sync", "store_keep_hours",
                      "audit_file", "audit_rotation",
                      "scheduler", "scheduler_threads", "hot_loop",
                      "secrets_file",
                      "status_interval_s", "funding_payments_s", "log",
                      "inspect", "api", "metrics"});
  r.read(n, p, "name", out.name);
  r.read(n, p, "store", out.store);
  r.read(n, p, "store_sync", out.store_sync);
  if (out.store_sync != "full" && out.store_sync != "normal")
    r.fail(join(p, "store_sync"), "expected full or normal, got '"
                                    + out.store_sync + "'");
  r.read(n, p, "store_keep_hours", out.store_keep_hours);
  if (out.store_keep_hours < 48 || out.store_keep_hours > 876'000)
    r.fail(join(p, "store_keep_hours"),
           "out of range: " + std::to_string(out.store_keep_hours)
             + " not in [48, 876000] (karb report --date reads yesterday "
               "from the live store, in any time zone)");
  r.read(n, p, "scheduler", out.scheduler);
  if (out.scheduler != "sharing" && out.scheduler != "stealing")
    r.fail(join(p, "scheduler"), "expected sharing or stealing, got '"
                                   + out.scheduler + "'");
  r.read(n, p, "scheduler_threads", out.scheduler_threads);
  r.check_range(join(p, "scheduler_threads"), out.scheduler_threads, 1, 64);
  r.read(n, p, "hot_loop", out.hot_loop);
  r.read(n, p, "audit_file", out.audit_file);
  if (!out.audit_file.empty() && out.audit_file == out.store)
    r.fail(join(p, "audit_file"), "must not be the store's file");
  if (auto a = n["audit_rotation"]; r.expect_map(a, join(p, "audit_rotation"))) {
    auto ap = join(p, "audit_rotation");
    r.check_keys(a, ap, {"max_size_mb", "max_files"});
    r.read(a, ap, "max_size_mb", out.audit_rotation.max_size_mb);
    r.read(a, ap, "max_files", out.audit_rotation.max_files);
    r.check_range(join(ap, "max_size_mb"), out.audit_rotation.max_size_mb, 1,
                  100'000);
    r.check_range(join(ap, "max_files"), out.audit_rotation.max_files, 1,
                  100'000);
  }
  r.read(n, p, "secrets_file", out.secrets_file);
  r.read(n, p, "status_interval_s", out.status_interval_s);
  r.check_range(join(p, "status_interval_s"), out.status_interval_s, 0, 3600);
  r.read(n, p, "funding_payments_s", out.funding_payments_s);
  r.check_range(join(p, "funding_payments_s"), out.funding_payments_s, 1,
                3600);
  if (out.name.empty())
    r.fail(join(p, "name"), "must not be empty");
  if (auto log = n["log"]; r.expect_map(log, join(p, "log"))) {
    auto lp = join(p, "log");
    r.check_keys(log, lp, {"level", "file", "max_size_mb", "max_files"});
    r.read(log, lp, "level", out.log.level);
    r.read(log, lp, "file", out.log.file);
    r.read(log, lp, "max_size_mb", out.log.max_size_mb);
    r.read(log, lp, "max_files", out.log.max_files);
    if (!log_levels.count(out.log.level))
      r.fail(join(lp, "level"), "unknown level '" + out.log.level
                                  + "' (trace, debug, info, warn, error, "
                                    "critical, off)");
    r.check_range(join(lp, "max_size_mb"), out.log.max_size_mb, 1, 10'000);
    r.check_range(join(lp, "max_files"), out.log.max_files, 1, 1000);
  }
  if (auto in = n["inspect"]; r.expect_map(in, join(p, "inspect"))) {
    auto ip = join(p, "inspect");
    r.check_keys(in, ip, {"bind", "port", "control", "certificate", "key",
                          "ca_file"});
    read_endpoint(r, in, ip, out.inspect.bind, out.inspect.port);
    r.read(in, ip, "control", out.inspect.control);
    r.read(in, ip, "certificate", out.inspect.certificate);
    r.read(in, ip, "key", out.inspect.key);
    r.read(in, ip, "ca_file", out.inspect.ca_file);
    if (!is_loopback(out.inspect.bind)
        && (out.inspect.certificate.empty() || out.inspect.key.empty()
            || out.inspect.ca_file.empty()))
      r.fail(join(ip, "bind"), "binding beyond loopback requires certificate, "
                               "key and ca_file (mutual TLS)");
  }
  if (n["metrics"].IsDefined())
    r.fail(join(p, "metrics"), "node.metrics was renamed node.api "
                               "(same bind and port; see config/*.yaml)");
  read_api(r, n["api"], join(p, "api"), out.api);
}

void read_api(yaml_reader& r, const YAML::Node& n, const std::string& p,
              api_settings& out) {
  if (!r.expect_map(n, p))
    return;
  r.check_keys(n, p, {"bind", "port", "grpc_port", "token_env",
                      "certificate", "key", "snapshot_ms"});
  read_endpoint(r, n, p, out.bind, out.port);
  r.read(n, p, "grpc_port", out.grpc_port);
  r.check_range(join(p, "grpc_port"), out.grpc_port, -1, 65535);
  r.read(n, p, "token_env", out.token_env);
  r.read(n, p, "certificate", out.certificate);
  r.read(n, p, "key", out.key);
  r.read(n, p, "snapshot_ms", out.snapshot_ms);
  r.check_range(join(p, "snapshot_ms"), out.snapshot_ms, 50, 60'000);
  if (out.grpc_port > 0 && out.grpc_port == out.port)
    r.fail(join(p, "grpc_port"), "the same port as node.api.port; give "
                                 "gRPC its own (or -1: off)");
  if (out.certificate.empty() != out.key.empty())
    r.fail(join(p, "certificate"), "certificate and key go together");
  if (!is_loopback(out.bind)
      && (out.certificate.empty() || out.key.empty()))
    r.fail(join(p, "bind"), "binding beyond loopback requires certificate "
                            "and key (TLS) and a token (token_env)");
}

void read_supervision(yaml_reader& r, const YAML::Node& n,
                      supervision_settings& out) {
  const std::string p = "supervision";
  if (!r.expect_map(n, p))
    return;
  r.check_keys(n, p, {"restart_base_ms", "restart_cap_ms", "restart_jitter",
                      "breaker_failures", "breaker_cool_down_s",
                      "stable_after_s", "shutdown_timeout_s"});
  r.read(n, p, "restart_base_ms", out.restart_base_ms);
  r.read(n, p, "restart_cap_ms", out.restart_cap_ms);
  r.read(n, p, "restart_jitter", out.restart_jitter);
  r.read(n, p, "breaker_failures", out.breaker_failures);
  r.read(n, p, "breaker_cool_down_s", out.breaker_cool_down_s);
  r.read(n, p, "stable_after_s", out.stable_after_s);
  r.read(n, p, "shutdown_timeout_s", out.shutdown_timeout_s);
  r.check_range(join(p, "restart_base_ms"), out.restart_base_ms, 1, 600'000);
  r.check_range(join(p, "restart_cap_ms"), out.restart_cap_ms,
                out.restart_base_ms, 3'600'000);
  r.check_range(join(p, "restart_jitter"), out.restart_jitter, 0.0, 1.0);
  r.check_range(join(p, "breaker_failures"), out.breaker_failures, 1, 100);
  r.check_range(join(p, "breaker_cool_down_s"), out.breaker_cool_down_s, 1,
                86'400);
  r.check_range(join(p, "shutdown_timeout_s"), out.shutdown_timeout_s, 1, 300);
}

/// The implemented venue names, comma-separated.
std::string venue_names() {
  std::string out;
  for (auto& e : venue::venue_entries())
    if (e.unavailable.empty())
      out += (out.empty() ? "" : ", ") + std::string{e.name};
  return out;
}

void read_venues(yaml_reader& r, const YAML::Node& n,
                 std::vector<venue_settings>& out) {
  const std::string p = "venues";
  if (!r.expect_map(n, p))
    return;
  for (auto kv : n) {
    venue_settings v;
    if (!r.key_text(kv.first, p, v.name))
      continue;
    auto vp = join(p, v.name);
    if (auto e = venue::find_venue(v.name); !e)
      r.fail(vp, "unknown venue (" + venue_names() + ")");
    else if (!e->unavailable.empty())
      r.fail(vp, std::string{e->unavailable});
    else
      v.venue = e->id;
    auto* entry = venue::find_venue(v.name);
    const YAML::Node& m = kv.second;
    if (!m.IsMap()) {
      r.fail(vp, "expected a map");
      continue;
    }
    r.check_keys(m, vp, {"enabled", "rest_url", "ws_url", "private_ws_url",
                         "mark_ws_url",
                         "ca_file", "access_key_env", "secret_key_env",
                         "passphrase_env", "fees", "heartbeat_s", "request_timeout_ms",
                         "rate_limit_per_s", "ban_default_s",
                         "rate_limited_pause_ms", "rate_limited_slow_s",
                         "leverage", "margin_mode"});
    r.read(m, vp, "enabled", v.enabled);
    r.read(m, vp, "rest_url", v.rest_url, true);
    r.read(m, vp, "ws_url", v.ws_url, true);
    r.read(m, vp, "private_ws_url", v.private_ws_url);
    r.read(m, vp, "mark_ws_url", v.mark_ws_url);
    r.read(m, vp, "ca_file", v.ca_file);
    r.read(m, vp, "access_key_env", v.access_key_env, true);
    r.read(m, vp, "secret_key_env", v.secret_key_env, true);
    r.read(m, vp, "passphrase_env", v.passphrase_env,
           entry && entry->passphrase);
    r.read(m, vp, "heartbeat_s", v.heartbeat_s);
    r.read(m, vp, "request_timeout_ms", v.request_timeout_ms);
    r.read(m, vp, "rate_limit_per_s", v.rate_limit_per_s);
    r.read(m, vp, "ban_default_s", v.ban_default_s);
    r.read(m, vp, "rate_limited_pause_ms", v.rate_limited_pause_ms);
    r.read(m, vp, "rate_limited_slow_s", v.rate_limited_slow_s);
    r.read(m, vp, "leverage", v.leverage);
    r.read(m, vp, "margin_mode", v.margin_mode);
    r.check_range(join(vp, "leverage"), v.leverage, 1, 125);
    if (v.margin_mode != "cross" && v.margin_mode != "isolated")
      r.fail(join(vp, "margin_mode"), "expected cross or isolated");
    else if (v.venue == exchange::okx_swap && v.margin_mode != "cross")
      r.fail(join(vp, "margin_mode"),
             "okx_swap orders are sent with tdMode cross: isolated margin is "
             "not supported yet");
    if (!v.rest_url.empty() && !has_scheme(v.rest_url, {"http://", "https://"}))
      r.fail(join(vp, "rest_url"), "expected an http:// or https:// URL");
    for (auto [key, url] : {std::pair{"ws_url", &v.ws_url},
                            std::pair{"private_ws_url", &v.private_ws_url},
                            std::pair{"mark_ws_url", &v.mark_ws_url}})
      if (!url->empty() && !has_scheme(*url, {"ws://", "wss://"}))
        r.fail(join(vp, key), "expected a ws:// or wss:// URL");
    if (auto f = m["fees"]; r.expect_map(f, join(vp, "fees"))) {
      auto fp = join(vp, "fees");
      r.check_keys(f, fp, {"maker", "taker"});
      r.read(f, fp, "maker", v.fees.maker);
      r.read(f, fp, "taker", v.fees.taker);
      r.check_range(join(fp, "maker"), v.fees.maker, dec("-0.01"), dec("0.01"));
      r.check_range(join(fp, "taker"), v.fees.taker, dec("0"), dec("0.01"));
    }
    r.check_range(join(vp, "heartbeat_s"), v.heartbeat_s, 1, 3600);
    r.check_range(join(vp, "request_timeout_ms"), v.request_timeout_ms, 10,
                  120'000);
    r.check_range(join(vp, "rate_limit_per_s"), v.rate_limit_per_s, 1, 10'000);
    r.check_range(join(vp, "ban_default_s"), v.ban_default_s, 1, 86'400);
    r.check_range(join(vp, "rate_limited_pause_ms"), v.rate_limited_pause_ms,
                  1, 600'000);
    r.check_range(join(vp, "rate_limited_slow_s"), v.rate_limited_slow_s, 0,
                  3600);
    out.push_back(std::move(v));
  }
}

bool is_derivatives_type(std::string_view type) {
  return type == "spot_perp_basis" || type == "perp_perp"
         || type == "funding_rate";
}

namespace {

/// A derivatives strategy trades one asset on exactly two venues: a spot
/// and a perpetual one (spot_perp_basis: in that order), or two perpetual
/// ones (perp_perp; funding_rate takes either).
void check_hedge_venues(yaml_reader& r, const std::string& sp,
                        const strategy_settings& s) {
  auto path = join(sp, "venues");
  if (s.venues.size() != 2) {
    r.fail(path, s.type + " needs exactly two venues");
    return;
  }
  bool perp[2] = {false, false};
  for (int i = 0; i < 2; ++i) {
    auto e = venue::find_venue(s.venues[i]);
    if (!e)
      return; // refused as unknown elsewhere
    perp[i] = e->contracts == contract_type::perpetual;
  }
  if (s.symbols.size() > 1)
    r.fail(join(sp, "symbols"), s.type + " trades one asset per instance");
  if (s.type == "spot_perp_basis" && !(!perp[0] && perp[1]))
    r.fail(path, "spot_perp_basis needs a spot venue, then a perpetual one");
  if (s.type == "perp_perp" && !(perp[0] && perp[1]))
    r.fail(path, "perp_perp needs two perpetual venues");
  if (s.type == "funding_rate" && !perp[1])
    r.fail(path, "funding_rate needs a spot venue then a perpetual one, or "
                 "two perpetual venues");
}

} // namespace

void read_strategies(yaml_reader& r, const YAML::Node& n,
                     std::vector<strategy_settings>& out) {
  const std::string p = "strategies";
  if (!n.IsDefined() || n.IsNull())
    return;
  if (!n.IsSequence()) {
    r.fail(p, "expected a list");
    return;
  }
  for (size_t i = 0; i < n.size(); ++i) {
    auto sp = p + "[" + std::to_string(i) + "]";
    strategy_settings s;
    if (!r.expect_map(n[i], sp)) {
      r.fail(sp, "expected a map");
      continue;
    }
    r.check_keys(n[i], sp, {"id", "type", "enabled", "venues", "symbols",
                            "quote", "min_profit_rate", "max_size",
                            "entry_threshold", "exit_threshold",
                            "min_annual_edge", "funding_horizon_periods",
                            "take_profit", "stop_loss", "max_holding_s",
                            "max_open"});
    r.read(n[i], sp, "id", s.id, true);
    r.read(n[i], sp, "type", s.type, true);
    r.read(n[i], sp, "enabled", s.enabled);
    r.read(n[i], sp, "venues", s.venues, true);
    r.read(n[i], sp, "symbols", s.symbols, true);
    r.read(n[i], sp, "quote", s.quote);
    r.read(n[i], sp, "min_profit_rate", s.min_profit_rate);
    r.read(n[i], sp, "max_size", s.max_size);
    r.read(n[i], sp, "entry_threshold", s.entry_threshold);
    r.read(n[i], sp, "exit_threshold", s.exit_threshold);
    r.read(n[i], sp, "min_annual_edge", s.min_annual_edge);
    r.read(n[i], sp, "funding_horizon_periods", s.funding_horizon_periods);
    r.read(n[i], sp, "take_profit", s.take_profit);
    r.read(n[i], sp, "stop_loss", s.stop_loss);
    r.read(n[i], sp, "max_holding_s", s.max_holding_s);
    r.read(n[i], sp, "max_open", s.max_open);
    if (!s.type.empty() && s.type != "spread_arbitrage"
        && !is_derivatives_type(s.type))
      r.fail(join(sp, "type"), "unknown strategy type '" + s.type
                                 + "' (available: spread_arbitrage, "
                                   "spot_perp_basis, perp_perp, funding_rate)");
    if (is_derivatives_type(s.type)) {
      check_hedge_venues(r, sp, s);
      if (!s.max_size.is_positive())
        r.fail(join(sp, "max_size"), s.type + " needs a hedge size in base "
                                              "units (max_size > 0)");
    }
    r.check_range(join(sp, "entry_threshold"), s.entry_threshold, dec("-1"),
                  dec("1"));
    r.check_range(join(sp, "exit_threshold"), s.exit_threshold, dec("-1"),
                  dec("1"));
    if (s.exit_threshold >= s.entry_threshold)
      r.fail(join(sp, "exit_threshold"), "must be below entry_threshold");
    r.check_range(join(sp, "min_annual_edge"), s.min_annual_edge, dec("0"),
                  dec("100"));
    r.check_range(join(sp, "funding_horizon_periods"),
                  s.funding_horizon_periods, 1, 1000);
    r.check_range(join(sp, "take_profit"), s.take_profit, dec("0"), dec("1"));
    r.check_range(join(sp, "stop_loss"), s.stop_loss, dec("0"), dec("1"));
    r.check_range(join(sp, "max_holding_s"), s.max_holding_s, 1,
                  365 * 86'400);
    r.check_range(join(sp, "max_open"), s.max_open, 1, 100);
    if (s.type == "spread_arbitrage" && s.venues.size() < 2)
      r.fail(join(sp, "venues"), "spread_arbitrage needs at least two venues");
    if (s.symbols.empty())
      r.fail(join(sp, "symbols"), "must name at least one symbol");
    r.check_range(join(sp, "min_profit_rate"), s.min_profit_rate, dec("0"),
                  dec("1"));
    r.check_range(join(sp, "max_size"), s.max_size, dec("0"),
                  dec("1000000"));
    out.push_back(std::move(s));
  }
}

namespace {

/// `section.key`: a map of currency -> amount in [low, 9e10]; replaces the
/// default map when present.
void read_per_currency(yaml_reader& r, const YAML::Node& n,
                       const std::string& section, const char* key,
                       std::map<std::string, decimal>& out, decimal low) {
  auto node = n[key];
  if (!node || !r.expect_map(node, join(section, key)))
    return;
  out.clear();
  for (auto kv : node) {
    std::string cur;
    if (!r.key_text(kv.first, join(section, key), cur))
      continue;
    decimal v;
    r.read(node, join(section, key), cur.c_str(), v);
    r.check_range(join(join(section, key), cur), v, low, dec("90000000000"));
    out[cur] = v;
  }
}

void read_liquidation_guard(yaml_reader& r, const YAML::Node& n,
                            const std::string& section,
                            liquidation_guard_settings& out) {
  auto node = n["liquidation_guard"];
  auto p = join(section, "liquidation_guard");
  if (!node || !r.expect_map(node, p))
    return;
  r.check_keys(node, p, {"distance", "reduce_fraction", "cooldown_s"});
  r.read(node, p, "distance", out.distance);
  r.read(node, p, "reduce_fraction", out.reduce_fraction);
  r.read(node, p, "cooldown_s", out.cooldown_s);
  // Half the way to liquidation is already far; 0 turns the guard off.
  r.check_range(join(p, "distance"), out.distance, 0.0, 0.5);
  if (!(out.reduce_fraction > 0.0 && out.reduce_fraction <= 1.0))
    r.fail(join(p, "reduce_fraction"),
           "expected a share of the position in (0, 1], got "
             + std::to_string(out.reduce_fraction));
  r.check_range(join(p, "cooldown_s"), out.cooldown_s, 1, 86'400);
}

} // namespace

void read_risk(yaml_reader& r, const YAML::Node& n, risk_settings& out) {
  const std::string p = "risk";
  if (!r.expect_map(n, p))
    return;
  // The limits of one asset or quote before they were per currency.
  for (auto [old, now] : {std::pair{"max_position_btc", "max_position: {BTC: ..}"},
                          std::pair{"max_position_krw", "max_notional: {KRW: ..}"},
                          std::pair{"daily_loss_limit_krw",
                                    "daily_loss_limit: {KRW: ..}"},
                          std::pair{"min_balance_btc", "min_balance: {BTC: ..}"},
                          std::pair{"min_balance_krw", "min_balance: {KRW: ..}"}})
    if (n[old])
      r.fail(join(p, old), std::string{"limits are per currency now: write "}
                             + now);
  r.check_keys(n, p, {"min_profit_rate", "max_position", "max_notional",
                      "daily_loss_limit", "min_balance",
                      "max_position_btc", "max_position_krw",
                      "daily_loss_limit_krw", "min_balance_btc",
                      "min_balance_krw", "max_concurrent_trades", "max_orders_per_minute",
                      "failures_to_pause", "failure_pause_s", "max_drawdown",
                      "leverage_limit", "trade_slot_timeout_s", "var_limit",
                      "correlation_limit", "stop_loss_threshold",
                      "take_profit_threshold", "max_open_position",
                      "max_open_notional", "liquidation_guard"});
  r.read(n, p, "min_profit_rate", out.min_profit_rate);
  auto positive = dec("0.00000001");
  read_per_currency(r, n, p, "max_position", out.max_position, positive);
  read_per_currency(r, n, p, "max_notional", out.max_notional, positive);
  read_per_currency(r, n, p, "daily_loss_limit", out.daily_loss_limit,
                    positive);
  read_per_currency(r, n, p, "min_balance", out.min_balance, dec("0"));
  r.read(n, p, "max_concurrent_trades", out.max_concurrent_trades);
  r.read(n, p, "max_orders_per_minute", out.max_orders_per_minute);
  r.read(n, p, "failures_to_pause", out.failures_to_pause);
  r.read(n, p, "failure_pause_s", out.failure_pause_s);
  r.read(n, p, "max_drawdown", out.max_drawdown);
  r.read(n, p, "leverage_limit", out.leverage_limit);
  r.read(n, p, "trade_slot_timeout_s", out.trade_slot_timeout_s);
  read_per_currency(r, n, p, "var_limit", out.var_limit, positive);
  read_per_currency(r, n, p, "max_open_position", out.max_open_position,
                    positive);
  read_per_currency(r, n, p, "max_open_notional", out.max_open_notional,
                    positive);
  r.read(n, p, "correlation_limit", out.correlation_limit);
  r.read(n, p, "stop_loss_threshold", out.stop_loss_threshold);
  r.read(n, p, "take_profit_threshold", out.take_profit_threshold);
  read_liquidation_guard(r, n, p, out.liquidation_guard);
  r.check_range(join(p, "correlation_limit"), out.correlation_limit, 0.0,
                1.0);
  r.check_range(join(p, "stop_loss_threshold"), out.stop_loss_threshold, 0.0,
                1.0);
  r.check_range(join(p, "take_profit_threshold"), out.take_profit_threshold,
                0.0, 1.0);
  r.check_range(join(p, "min_profit_rate"), out.min_profit_rate, dec("0"),
                dec("1"));
  r.check_range(join(p, "max_concurrent_trades"), out.max_concurrent_trades,
                1, 100);
  r.check_range(join(p, "max_orders_per_minute"), out.max_orders_per_minute,
                1, 10'000);
  r.check_range(join(p, "failures_to_pause"), out.failures_to_pause, 1, 100);
  r.check_range(join(p, "failure_pause_s"), out.failure_pause_s, 1, 86'400);
  r.check_range(join(p, "max_drawdown"), out.max_drawdown, 0.0, 1.0);
  r.check_range(join(p, "leverage_limit"), out.leverage_limit, 1.0, 125.0);
  r.check_range(join(p, "trade_slot_timeout_s"), out.trade_slot_timeout_s, 10,
                86'400);
}

void read_execution(yaml_reader& r, const YAML::Node& n,
                    execution_settings& out) {
  const std::string p = "execution";
  if (!r.expect_map(n, p))
    return;
  r.check_keys(n, p, {"order_timeout_ms", "place_queue_deadline_ms",
                      "reprice_band", "naked_notional_cap",
                      "naked_notional_cap_krw",
                      "naked_time_cap_s", "lookup_window_ms",
                      "reconcile_interval_s", "cancel_on_shutdown"});
  r.read(n, p, "order_timeout_ms", out.order_timeout_ms);
  r.read(n, p, "place_queue_deadline_ms", out.place_queue_deadline_ms);
  r.read(n, p, "reprice_band", out.reprice_band);
  if (n["naked_notional_cap_krw"])
    r.fail(join(p, "naked_notional_cap_krw"),
           "limits are per currency now: write naked_notional_cap: {KRW: ..}");
  read_per_currency(r, n, p, "naked_notional_cap", out.naked_notional_cap,
                    dec("0"));
  r.read(n, p, "naked_time_cap_s", out.naked_time_cap_s);
  r.read(n, p, "lookup_window_ms", out.lookup_window_ms);
  r.read(n, p, "reconcile_interval_s", out.reconcile_interval_s);
  r.read(n, p, "cancel_on_shutdown", out.cancel_on_shutdown);
  r.check_range(join(p, "lookup_window_ms"), out.lookup_window_ms, 0,
                600'000);
  r.check_range(join(p, "reconcile_interval_s"), out.reconcile_interval_s, 0,
                86'400);
  r.check_range(join(p, "order_timeout_ms"), out.order_timeout_ms, 100,
                120'000);
  // A place must never be written after its order actor stopped waiting.
  if (out.place_queue_deadline_ms < 1
      || out.place_queue_deadline_ms >= out.order_timeout_ms)
    r.fail(join(p, "place_queue_deadline_ms"),
           "must be at least 1 and less than execution.order_timeout_ms ("
             + std::to_string(out.order_timeout_ms)
             + "), got " + std::to_string(out.place_queue_deadline_ms));
  r.check_range(join(p, "reprice_band"), out.reprice_band, dec("0"),
                dec("0.1"));
  r.check_range(join(p, "naked_time_cap_s"), out.naked_time_cap_s, 1, 3600);
}

void read_alerts(yaml_reader& r, const YAML::Node& n, alert_settings& out) {
  const std::string p = "alerts";
  if (!r.expect_map(n, p))
    return;
  r.check_keys(n, p, {"webhook_url", "renotify_s", "venue_disconnected_s",
                      "consecutive_order_failures", "min_balance",
                      "risk_halt", "trade_exposed"});
  r.read(n, p, "webhook_url", out.webhook_url);
  r.read(n, p, "renotify_s", out.renotify_s);
  r.read(n, p, "venue_disconnected_s", out.venue_disconnected_s);
  r.read(n, p, "consecutive_order_failures", out.consecutive_order_failures);
  r.read(n, p, "risk_halt", out.risk_halt);
  r.read(n, p, "trade_exposed", out.trade_exposed);
  if (!out.webhook_url.empty()
      && !has_scheme(out.webhook_url, {"http://", "https://"}))
    r.fail(join(p, "webhook_url"), "expected an http:// or https:// URL");
  r.check_range(join(p, "renotify_s"), out.renotify_s, 1, 86'400);
  r.check_range(join(p, "venue_disconnected_s"), out.venue_disconnected_s, 0,
                86'400);
  r.check_range(join(p, "consecutive_order_failures"),
                out.consecutive_order_failures, 0, 1000);
  if (auto m = n["min_balance"]; r.expect_map(m, join(p, "min_balance")))
    for (auto kv : m) {
      std::string cur;
      if (!r.key_text(kv.first, join(p, "min_balance"), cur))
        continue;
      decimal v;
      r.read(m, join(p, "min_balance"), cur.c_str(), v);
      r.check_range(join(join(p, "min_balance"), cur), v, dec("0"),
                    dec("90000000000"));
      out.min_balance[cur] = v;
    }
}

void check_references(yaml_reader& r, settings& s) {
  std::set<std::string> ids;
  for (size_t i = 0; i < s.strategies.size(); ++i) {
    auto& st = s.strategies[i];
    if (st.quote.empty() && !st.venues.empty())
      if (auto e = venue::find_venue(st.venues.front()))
        st.quote = std::string{e->quote};
    auto sp = "strategies[" + std::to_string(i) + "]";
    if (!st.id.empty() && !ids.insert(st.id).second)
      r.fail(join(sp, "id"), "duplicate strategy id '" + st.id + "'");
    for (auto& v : st.venues)
      if (!s.find_venue(v))
        r.fail(join(sp, "venues"), "venue '" + v + "' is not configured "
                                   "under venues");
    for (auto& v : st.venues)
      if (auto e = venue::find_venue(v); e && s.find_venue(v) && !st.quote.empty()
          && !e->quote.empty() && e->quote != st.quote)
        r.fail(join(sp, "quote"), "venue '" + v + "' trades " + std::string{e->quote}
                                    + " markets, not " + st.quote);
    if (!st.enabled)
      continue;
    // Every asset and quote it trades has its risk limits.
    auto needs = [&](const char* key, const std::map<std::string, decimal>& m,
                     const std::string& cur) {
      if (!cur.empty() && !m.count(cur))
        r.fail(key, "no limit for " + cur + ", which strategy '" + st.id
                      + "' trades");
    };
    for (auto& base : st.symbols)
      needs("risk.max_position", s.risk.max_position, base);
    needs("risk.max_notional", s.risk.max_notional, st.quote);
    needs("risk.daily_loss_limit", s.risk.daily_loss_limit, st.quote);
    needs("execution.naked_notional_cap", s.execution.naked_notional_cap,
          st.quote);
  }
}

} // namespace karb::config
