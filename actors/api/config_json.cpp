#include "actors/api/config_json.hpp"

#include "actors/inspector/render.hpp"

namespace karb::api {

namespace {

using nlohmann::json;

json decimals(const std::map<std::string, decimal>& xs) {
  json out = json::object();
  for (const auto& [k, v] : xs)
    out[k] = v.to_string();
  return out;
}

json node_json(const config::node_settings& n) {
  const auto& i = n.inspect;
  return {{"name", n.name},
          {"store", n.store},
          {"store_sync", n.store_sync},
          {"store_keep_hours", n.store_keep_hours},
          {"audit_file", n.audit_file},
          {"audit_rotation",
           {{"max_size_mb", n.audit_rotation.max_size_mb},
            {"max_files", n.audit_rotation.max_files}}},
          {"scheduler", n.scheduler},
          {"scheduler_threads", n.scheduler_threads},
          {"hot_loop", n.hot_loop},
          {"secrets_file", n.secrets_file},
          {"status_interval_s", n.status_interval_s},
          {"funding_payments_s", n.funding_payments_s},
          {"log",
           {{"level", n.log.level},
            {"file", n.log.file},
            {"max_size_mb", n.log.max_size_mb},
            {"max_files", n.log.max_files}}},
          {"inspect",
           {{"bind", i.bind},
            {"port", i.port},
            {"control", i.control},
            {"certificate", i.certificate},
            {"key", i.key},
            {"ca_file", i.ca_file}}},
          {"api",
           {{"bind", n.api.bind},
            {"port", n.api.port},
            {"grpc_port", n.api.grpc_port},
            {"token_env", n.api.token_env},
            {"token", n.api.token.empty() ? "" : masked},
            {"certificate", n.api.certificate},
            {"key", n.api.key},
            {"snapshot_ms", n.api.snapshot_ms}}}};
}

json supervision_json(const config::supervision_settings& s) {
  return {{"restart_base_ms", s.restart_base_ms},
          {"restart_cap_ms", s.restart_cap_ms},
          {"restart_jitter", s.restart_jitter},
          {"breaker_failures", s.breaker_failures},
          {"breaker_cool_down_s", s.breaker_cool_down_s},
          {"stable_after_s", s.stable_after_s},
          {"shutdown_timeout_s", s.shutdown_timeout_s}};
}

json venue_json(const config::venue_settings& v) {
  return {{"name", v.name},
          {"venue", to_string(v.venue)},
          {"enabled", v.enabled},
          {"rest_url", v.rest_url},
          {"ws_url", v.ws_url},
          {"private_ws_url", v.private_ws_url},
          {"mark_ws_url", v.mark_ws_url},
          {"ca_file", v.ca_file},
          {"access_key_env", v.access_key_env},
          {"secret_key_env", v.secret_key_env},
          {"passphrase_env", v.passphrase_env},
          {"fees",
           {{"maker", v.fees.maker.to_string()},
            {"taker", v.fees.taker.to_string()}}},
          {"heartbeat_s", v.heartbeat_s},
          {"request_timeout_ms", v.request_timeout_ms},
          {"rate_limit_per_s", v.rate_limit_per_s},
          {"ban_default_s", v.ban_default_s},
          {"rate_limited_pause_ms", v.rate_limited_pause_ms},
          {"rate_limited_slow_s", v.rate_limited_slow_s},
          {"leverage", v.leverage},
          {"margin_mode", v.margin_mode},
          {"access_key", masked},
          {"secret_key", masked},
          {"passphrase", masked}};
}

json strategy_json(const config::strategy_settings& s) {
  return {{"id", s.id},
          {"type", s.type},
          {"enabled", s.enabled},
          {"venues", s.venues},
          {"symbols", s.symbols},
          {"quote", s.quote},
          {"min_profit_rate", s.min_profit_rate.to_string()},
          {"max_size", s.max_size.to_string()},
          {"entry_threshold", s.entry_threshold.to_string()},
          {"exit_threshold", s.exit_threshold.to_string()},
          {"min_annual_edge", s.min_annual_edge.to_string()},
          {"funding_horizon_periods", s.funding_horizon_periods},
          {"take_profit", s.take_profit.to_string()},
          {"stop_loss", s.stop_loss.to_string()},
          {"max_holding_s", s.max_holding_s},
          {"max_open", s.max_open}};
}

json execution_json(const config::execution_settings& x) {
  return {{"order_timeout_ms", x.order_timeout_ms},
          {"place_queue_deadline_ms", x.place_queue_deadline_ms},
          {"reprice_band", x.reprice_band.to_string()},
          {"naked_notional_cap", decimals(x.naked_notional_cap)},
          {"naked_time_cap_s", x.naked_time_cap_s},
          {"lookup_window_ms", x.lookup_window_ms},
          {"reconcile_interval_s", x.reconcile_interval_s},
          {"cancel_on_shutdown", x.cancel_on_shutdown}};
}

json alerts_json(const config::alert_settings& x) {
  return {{"webhook_url", x.webhook_url.empty() ? "" : masked},
          {"renotify_s", x.renotify_s},
          {"venue_disconnected_s", x.venue_disconnected_s},
          {"consecutive_order_failures", x.consecutive_order_failures},
          {"min_balance", decimals(x.min_balance)},
          {"risk_halt", x.risk_halt},
          {"trade_exposed", x.trade_exposed}};
}

} // namespace

json config_json(const config::settings& cfg) {
  json venues = json::array();
  for (const auto& v : cfg.venues)
    venues.push_back(venue_json(v));
  json strategies = json::array();
  for (const auto& s : cfg.strategies)
    strategies.push_back(strategy_json(s));
  return {{"source_file", cfg.source_file},
          {"node", node_json(cfg.node)},
          {"supervision", supervision_json(cfg.supervision)},
          {"venues", venues},
          {"strategies", strategies},
          {"risk", inspector::to_json(cfg.risk)},
          {"execution", execution_json(cfg.execution)},
          {"alerts", alerts_json(cfg.alerts)}};
}

} // namespace karb::api
