#include "tests/trading/derivatives_env.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace karb::test {

namespace {

decimal num(const nlohmann::json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string())
    return {};
  return decimal::parse(j[key].get<std::string>()).value_or(decimal{});
}

void venue(std::ostringstream& y, const char* name, int port,
           const char* ws_path, const char* private_path, const char* env,
           const char* taker, bool perp) {
  y << "  " << name << ":\n"
    << "    rest_url: \"http://127.0.0.1:" << port << "\"\n"
    << "    ws_url: \"ws://127.0.0.1:" << port << ws_path << "\"\n"
    << "    private_ws_url: \"ws://127.0.0.1:" << port << private_path
    << "\"\n"
    << "    access_key_env: KARB_" << env << "_ACCESS_KEY\n"
    << "    secret_key_env: KARB_" << env << "_SECRET_KEY\n";
  if (std::string{env} == "OKX")
    y << "    passphrase_env: KARB_OKX_PASSPHRASE\n";
  y << "    fees: {maker: 0.0002, taker: " << taker << "}\n"
    << "    request_timeout_ms: 5000\n";
  if (perp)
    y << "    leverage: 5\n";
  // Binance USD-M is isolated: each position its own margin, so its
  // liquidation price is near (about 19 % from the entry at leverage 5).
  if (std::string{name} == "binance_usdm")
    y << "    mark_ws_url: \"ws://127.0.0.1:" << port << "/market/ws\"\n"
      << "    margin_mode: isolated\n";
}

/// The risk lines with `overrides` replacing the defaults of their keys.
std::vector<std::string> risk_lines(const std::vector<std::string>& overrides) {
  std::vector<std::string> out{"min_profit_rate: 0.001",
                               "max_position: {BTC: 0.1}",
                               "max_notional: {USDT: 20000}",
                               "daily_loss_limit: {USDT: 1000}",
                               "min_balance: {BTC: 0, USDT: 100}",
                               "max_concurrent_trades: 2"};
  for (const auto& o : overrides) {
    auto key = o.substr(0, o.find(':'));
    std::erase_if(out, [&](const std::string& d) {
      return d.substr(0, d.find(':')) == key;
    });
    out.push_back(o);
  }
  return out;
}

} // namespace

derivatives_env::derivatives_env(const std::string& name) {
  dir_ = std::filesystem::temp_directory_path()
         / ("karb-e2e-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir_);
  std::filesystem::create_directories(dir_);
  sim_ = std::make_unique<sim_process>(std::vector<std::string>{
    "--venues", "okx,bybit,binance_spot,binance_usdm", "--port-base", "0",
    "--admin-port", "0",
    "--seed", "7"});
  for (auto [k, v] : std::initializer_list<std::pair<const char*, const char*>>{
         {"KARB_OKX_ACCESS_KEY", "karb-dev-okx-access"},
         {"KARB_OKX_SECRET_KEY", "karb-dev-okx-secret-0123456789"},
         {"KARB_OKX_PASSPHRASE", "karb-dev-okx-passphrase"},
         {"KARB_BYBIT_ACCESS_KEY", "karb-dev-bybit-access"},
         {"KARB_BYBIT_SECRET_KEY", "karb-dev-bybit-secret-0123456789"},
         {"KARB_BINANCE_SPOT_ACCESS_KEY", "karb-dev-binance-spot-access"},
         {"KARB_BINANCE_SPOT_SECRET_KEY",
          "karb-dev-binance-spot-secret-0123456789"},
         {"KARB_BINANCE_USDM_ACCESS_KEY", "karb-dev-binance-usdm-access"},
         {"KARB_BINANCE_USDM_SECRET_KEY",
          "karb-dev-binance-usdm-secret-0123456789"}})
    setenv(k, v, 1);
}

derivatives_env::~derivatives_env() {
  node_.reset();
  sim_.reset();
  if (!::testing::Test::HasFailure() && !std::getenv("KARB_E2E_KEEP"))
    std::filesystem::remove_all(dir_);
}

void derivatives_env::start_node(const std::vector<std::string>& strategies,
                                 const std::vector<std::string>& risk) {
  auto okx = sim_->port("okx");
  auto bybit = sim_->port("bybit");
  std::ostringstream y;
  y << "node:\n"
    << "  name: karb-e2e\n"
    << "  store: " << (dir_ / "karb.db").string() << "\n"
    << "  store_sync: normal\n"
    << "  audit_file: " << (dir_ / "audit.jsonl").string() << "\n"
    << "  status_interval_s: 10\n"
    << "  funding_payments_s: 1\n"
    << "  log: {level: info, file: " << (dir_ / "karb.log").string()
    << "}\n"
    << "  inspect: {bind: 127.0.0.1, port: 0, control: true}\n"
    << "  api: {bind: 127.0.0.1, port: 0, grpc_port: 0}\n"
    << "venues:\n";
  venue(y, "okx_spot", okx, "/ws/v5/public", "/ws/v5/private", "OKX", "0.001",
        false);
  venue(y, "okx_swap", okx, "/ws/v5/public", "/ws/v5/private", "OKX",
        "0.0005", true);
  venue(y, "bybit_spot", bybit, "/v5/public/spot", "/v5/private", "BYBIT",
        "0.001", false);
  venue(y, "bybit_linear", bybit, "/v5/public/linear", "/v5/private",
        "BYBIT", "0.00055", true);
  venue(y, "binance_spot", sim_->port("binance_spot"), "/ws", "/ws-api/v3",
        "BINANCE_SPOT", "0.001", false);
  venue(y, "binance_usdm", sim_->port("binance_usdm"), "/public/ws",
        "/private/ws", "BINANCE_USDM", "0.0005", true);
  y << "strategies:\n";
  for (const auto& s : strategies)
    y << "  - " << s << "\n";
  y << "risk:\n";
  for (const auto& r : risk_lines(risk))
    y << "  " << r << "\n";
  y << "execution:\n"
    << "  order_timeout_ms: 3000\n"
    << "  naked_notional_cap: {USDT: 20000}\n"
    << "  naked_time_cap_s: 30\n"
    << "  reconcile_interval_s: 0\n";
  auto path = dir_ / "karb.yaml";
  std::ofstream{path} << y.str();
  node_ = std::make_unique<node_process>(path, dir_ / "node.out");
}

decimal derivatives_env::position(const std::string& sim_venue,
                                  const std::string& symbol) {
  auto s = sim_state(admin());
  auto& v = s["venues"][sim_venue]["accounts"];
  if (sim_venue == "okx") {
    for (auto& p : v["karb-dev-okx-access"]["positions"])
      if (p.value("instId", "") == symbol)
        return num(p, "pos");
    return {};
  }
  if (sim_venue == "binance_usdm") {
    for (auto& [key, account] : v.items())
      for (auto& p : account["positions"])
        if (p.value("symbol", "") == symbol)
          return num(p, "positionAmt");
    return {};
  }
  auto& p = v["karb-dev-bybit-access"]["positions"][symbol];
  auto size = num(p, "size");
  return p.value("side", "") == "Sell" ? -size : size;
}

decimal derivatives_env::held(const std::string& sim_venue,
                              const std::string& ccy) {
  auto s = sim_state(admin());
  auto& v = s["venues"][sim_venue]["accounts"];
  if (sim_venue == "okx") {
    for (auto& d : v["karb-dev-okx-access"]["balance"]["details"])
      if (d.value("ccy", "") == ccy)
        return num(d, "cashBal");
    return {};
  }
  for (auto& c : v["karb-dev-bybit-access"]["unified"]["coin"])
    if (c.value("coin", "") == ccy)
      return num(c, "walletBalance");
  return {};
}

size_t derivatives_env::live_orders() {
  size_t n = 0;
  for (auto& o : sim_orders(sim_state(admin()))) {
    auto st = o.value("state", o.value("orderStatus", ""));
    if (st == "live" || st == "partially_filled" || st == "New"
        || st == "PartiallyFilled")
      ++n;
  }
  return n;
}

int derivatives_env::inspect_port() {
  for (auto& j : events_named(log(), "inspector_published"))
    return j["fields"].value("port", 0);
  return 0;
}

cli_result derivatives_env::inspect(const std::string& args) {
  std::string cmd = KARB_BIN_DIR "/karb-inspect --port "
                    + std::to_string(inspect_port()) + " " + args + " 2>&1";
  cli_result r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p)
    return r;
  std::array<char, 4096> buf{};
  while (auto n = fread(buf.data(), 1, buf.size(), p))
    r.out.append(buf.data(), n);
  int status = pclose(p);
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

} // namespace karb::test
