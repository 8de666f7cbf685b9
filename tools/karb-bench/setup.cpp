#include "tools/karb-bench/setup.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

namespace karb::bench {

namespace {

/// A positive amount with 8 decimals at most, as YAML/JSON text.
std::string amount(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.8f", x);
  std::string s = buf;
  while (!s.empty() && s.back() == '0')
    s.pop_back();
  if (!s.empty() && s.back() == '.')
    s.pop_back();
  return s;
}

/// `krw` worth of an asset at `mid`, rounded down to 4 significant digits.
double size_for(double krw, double mid) {
  double raw = krw / mid;
  double scale = std::pow(10.0, 3 - std::floor(std::log10(raw)));
  return std::floor(raw * scale) / scale;
}

void venue(std::ostringstream& y, const std::string& name, int port,
           const std::string& private_path, const std::string& env) {
  auto base = "127.0.0.1:" + std::to_string(port);
  y << "  " << name << ":\n"
    << "    rest_url: \"http://" << base << "\"\n"
    << "    ws_url: \"ws://" << base << "/websocket/v1\"\n"
    << "    private_ws_url: \"ws://" << base << private_path << "\"\n"
    << "    ca_file: \"\"\n"
    << "    access_key_env: KARB_" << env << "_ACCESS_KEY\n"
    << "    secret_key_env: KARB_" << env << "_SECRET_KEY\n"
    << "    fees: {maker: 0.0005, taker: 0.0005}\n"
    << "    heartbeat_s: 60\n"
    << "    request_timeout_ms: 5000\n"
    << "    rate_limit_per_s: 10000\n";
}

} // namespace

std::string node_yaml(const node_files& f) {
  std::ostringstream y;
  y << "node:\n"
    << "  name: karb-bench\n"
    << "  store: " << (f.dir / "karb.db").string() << "\n"
    << "  store_sync: normal\n"
    << "  scheduler: " << f.scheduler << "\n"
    << "  scheduler_threads: " << f.threads << "\n"
    << "  hot_loop: " << (f.hot_loop ? "true" : "false") << "\n"
    << "  status_interval_s: 10\n"
    << "  log: {level: info, file: " << (f.dir / "karb.log").string()
    << ", max_size_mb: 50, max_files: 2}\n"
    << "  inspect: {bind: 127.0.0.1, port: 0, control: false}\n"
    << "  api: {bind: 127.0.0.1, port: 0, grpc_port: 0}\n"
    << "supervision:\n"
    << "  restart_base_ms: 500\n  restart_cap_ms: 30000\n"
    << "  restart_jitter: 0.2\n  breaker_failures: 5\n"
    << "  breaker_cool_down_s: 300\n  stable_after_s: 30\n"
    << "  shutdown_timeout_s: 10\n"
    << "venues:\n";
  venue(y, "upbit", f.upbit_port, "/websocket/v1/private", "UPBIT");
  venue(y, "bithumb", f.bithumb_port, "/websocket/v2/private", "BITHUMB");
  y << "strategies:\n";
  for (auto& m : f.markets)
    y << "  - {id: " << m.base << "-spread, type: spread_arbitrage, venues: "
      << "[upbit, bithumb], symbols: [" << m.base
      << "], min_profit_rate: 0.001, max_size: "
      << amount(size_for(f.order_krw, m.mid)) << "}\n";
  y << "risk:\n"
    << "  min_profit_rate: 0.001\n"
    << "  max_position: {";
  for (size_t i = 0; i < f.markets.size(); ++i)
    y << (i ? ", " : "") << f.markets[i].base << ": 1000000000";
  y << "}\n"
    << "  max_notional: {KRW: 50000000000}\n"
    << "  daily_loss_limit: {KRW: 50000000000}\n"
    << "  min_balance: {}\n"
    << "  max_concurrent_trades: 100\n"
    << "  max_orders_per_minute: 10000\n"
    << "  failures_to_pause: 100\n"
    << "  failure_pause_s: 1\n"
    << "  max_drawdown: 0.9\n"
    << "  leverage_limit: 1\n"
    << "execution:\n"
    << "  order_timeout_ms: 3000\n"
    << "  reprice_band: 0.002\n"
    << "  naked_notional_cap: {KRW: 10000000000}\n"
    << "  naked_time_cap_s: 30\n"
    << "alerts:\n  webhook_url: \"\"\n  renotify_s: 600\n"
    << "  venue_disconnected_s: 60\n  consecutive_order_failures: 100\n"
    << "  min_balance: {KRW: 0}\n"
    << "  risk_halt: true\n  trade_exposed: true\n";
  return y.str();
}

std::string sim_accounts(const std::vector<market>& markets, double asset_krw,
                         double krw) {
  nlohmann::json balances = {{"KRW", amount(krw)}};
  for (auto& m : markets)
    balances[m.base] = amount(size_for(asset_krw, m.mid));
  auto entry = [&](const char* access, const char* secret) {
    return nlohmann::json::array(
      {{{"access_key", access}, {"secret_key", secret},
        {"balances", balances}}});
  };
  return nlohmann::json{
    {"upbit", entry("karb-dev-upbit-access",
                    "karb-dev-upbit-secret-0123456789")},
    {"bithumb", entry("karb-dev-bithumb-access",
                      "karb-dev-bithumb-secret-0123456789")}}
    .dump(2);
}

std::map<std::string, std::string> node_env() {
  // The simulator's paper keys (tools/karb-sim/accounts.dev.json).
  return {{"KARB_UPBIT_ACCESS_KEY", "karb-dev-upbit-access"},
          {"KARB_UPBIT_SECRET_KEY", "karb-dev-upbit-secret-0123456789"},
          {"KARB_BITHUMB_ACCESS_KEY", "karb-dev-bithumb-access"},
          {"KARB_BITHUMB_SECRET_KEY", "karb-dev-bithumb-secret-0123456789"}};
}

} // namespace karb::bench
