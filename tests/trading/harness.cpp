#include "tests/trading/harness.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

namespace karb::test {

namespace fs = std::filesystem;
using json = nlohmann::json;
using std::chrono::steady_clock;

bool wait_until(const std::function<bool()>& done, milliseconds limit,
                milliseconds step) {
  auto deadline = steady_clock::now() + limit;
  for (;;) {
    if (done())
      return true;
    if (steady_clock::now() >= deadline)
      return false;
    std::this_thread::sleep_for(step); // poll interval, not synchronisation
  }
}

namespace {

std::string get_or(const std::map<std::string, std::string>& m,
                   const std::string& key, const std::string& fallback) {
  auto i = m.find(key);
  return i == m.end() ? fallback : i->second;
}

// Writes `keys` in order, each overridable through `over`.
void section(std::ostringstream& y, const char* name,
             const std::vector<std::pair<std::string, std::string>>& keys,
             const std::map<std::string, std::string>& over) {
  y << name << ":\n";
  std::set<std::string> written;
  for (auto& [k, v] : keys) {
    y << "  " << k << ": " << get_or(over, k, v) << "\n";
    written.insert(k);
  }
  for (auto& [k, v] : over) // keys the defaults above do not name
    if (!written.count(k))
      y << "  " << k << ": " << v << "\n";
}

void venue(std::ostringstream& y, const std::string& name, int port,
           std::string private_path, const std::string& env,
           const node_config& c) {
  auto base = "127.0.0.1:" + std::to_string(port);
  y << "  " << name << ":\n"
    << "    rest_url: \"http://" << base << "\"\n"
    << "    ws_url: \"ws://" << base << "/websocket/v1\"\n"
    << "    private_ws_url: \""
    << (c.no_private_stream.count(name) ? "" : "ws://" + base + private_path)
    << "\"\n"
    << "    ca_file: \"\"\n"
    << "    access_key_env: KARB_" << env << "_ACCESS_KEY\n"
    << "    secret_key_env: KARB_" << env << "_SECRET_KEY\n"
    << "    fees: {maker: 0.0005, taker: 0.0005}\n"
    << "    heartbeat_s: 60\n"
    << "    request_timeout_ms: 5000\n"
    << "    rate_limit_per_s: " << (name == "upbit" ? 8 : 20) << "\n";
}

} // namespace

std::string node_yaml(const node_config& c) {
  std::ostringstream y;
  y << "node:\n"
    << "  name: karb-e2e\n"
    << "  store: " << (c.dir / "karb.db").string() << "\n"
    << "  store_sync: normal\n"
    << "  audit_file: " << (c.dir / "audit.jsonl").string() << "\n"
    << "  status_interval_s: 10\n"
    << "  log: {level: info, file: " << (c.dir / "karb.log").string()
    << ", max_size_mb: 50, max_files: 2}\n"
    << "  inspect: {bind: 127.0.0.1, port: 0, control: true}\n"
    << "  api: {bind: 127.0.0.1, port: 0, grpc_port: 0}\n"
    << "supervision:\n"
    << "  restart_base_ms: 500\n  restart_cap_ms: 30000\n"
    << "  restart_jitter: 0.2\n  breaker_failures: 5\n"
    << "  breaker_cool_down_s: 300\n  stable_after_s: 30\n"
    << "  shutdown_timeout_s: 10\n"
    << "venues:\n";
  venue(y, "upbit", c.upbit_port, "/websocket/v1/private", "UPBIT", c);
  venue(y, "bithumb", c.bithumb_port, "/websocket/v2/private", "BITHUMB", c);
  y << "strategies:\n"
    << "  - {id: btc-spread, type: spread_arbitrage, venues: [upbit, bithumb],"
    << " symbols: [BTC], min_profit_rate: "
    << get_or(c.strategy, "min_profit_rate", "0.002")
    << ", max_size: " << get_or(c.strategy, "max_size", "0.01") << "}\n";
  section(y, "risk",
          {{"min_profit_rate", "0.002"},
           {"max_position", "{BTC: 0.1}"},
           {"max_notional", "{KRW: 5000000}"},
           {"daily_loss_limit", "{KRW: 1000000}"},
           {"min_balance", "{BTC: 0.05, KRW: 1000000}"},
           {"max_concurrent_trades", "1"},
           {"max_orders_per_minute", "60"},
           {"failures_to_pause", "5"},
           {"failure_pause_s", "300"},
           {"max_drawdown", "0.1"},
           {"leverage_limit", "1"}},
          c.risk);
  section(y, "execution",
          {{"order_timeout_ms", "3000"},
           {"reprice_band", "0.002"},
           {"naked_notional_cap", "{KRW: 10000000}"},
           {"naked_time_cap_s", "30"}},
          c.execution);
  section(y, "alerts",
          {{"webhook_url", "\"\""},
           {"renotify_s", "600"},
           {"venue_disconnected_s", "60"},
           {"consecutive_order_failures", "3"},
           {"min_balance", "{KRW: 1000000, BTC: 0.05}"},
           {"risk_halt", "true"},
           {"trade_exposed", "true"}},
          c.alerts);
  return y.str();
}

// -- logs and simulator ------------------------------------------------------

std::vector<json> log_lines(const fs::path& log) {
  std::vector<json> out;
  std::ifstream in{log};
  std::string line;
  while (std::getline(in, line)) {
    auto j = json::parse(line, nullptr, false);
    if (!j.is_discarded() && j.is_object())
      out.push_back(std::move(j));
  }
  return out;
}

std::vector<json> events_named(const fs::path& log, const std::string& name) {
  std::vector<json> out;
  for (auto& j : log_lines(log))
    if (j.value("event", "") == name)
      out.push_back(j);
  return out;
}

json sim_state(int admin_port) {
  auto r = http_call(admin_port, "GET", "/state");
  if (r.status != 200)
    return json::object();
  auto j = json::parse(r.body, nullptr, false);
  return j.is_discarded() ? json::object() : j;
}

json shift_bithumb(int bp) {
  return {{"venue", "bithumb"}, {"fault", "shift_mid"}, {"bp", bp}};
}

const store_order* first_on(const std::vector<store_order>& orders,
                            const std::string& venue) {
  for (auto& o : orders)
    if (o.venue == venue)
      return &o;
  return nullptr;
}

bool has_fill(const store_order& o) {
  return !o.filled.empty() && dec(o.filled).is_positive();
}

bool sim_fault(int admin_port, const json& body) {
  return http_call(admin_port, "POST", "/fault", body.dump()).status == 200;
}

decimal sim_total(const json& state, const std::string& venue,
                  const std::string& currency) {
  auto account = venue == "upbit" ? "karb-dev-upbit-access"
                                  : "karb-dev-bithumb-access";
  auto ptr = json::json_pointer{"/venues/" + venue + "/accounts/" + account
                                + "/" + currency};
  if (!state.contains(ptr))
    return {};
  auto& c = state[ptr];
  auto b = decimal::parse(c.value("balance", "0")).value_or(decimal{});
  auto l = decimal::parse(c.value("locked", "0")).value_or(decimal{});
  return b + l;
}

std::vector<json> sim_orders(const json& state) {
  std::vector<json> out;
  if (!state.contains("venues"))
    return out;
  for (auto& [name, v] : state["venues"].items())
    for (auto o : v.value("orders", json::array())) {
      o["venue"] = name;
      out.push_back(std::move(o));
    }
  return out;
}

bool is_final_trade_state(const std::string& s) {
  return s == "done" || s == "flat" || s == "failed";
}

bool is_terminal_order_status(const std::string& s) {
  return s == "filled" || s == "cancelled" || s == "rejected"
         || s == "failed";
}

// -- trading_env -----------------------------------------------------------

trading_env::trading_env(const std::string& name,
                         std::vector<std::string> extra_sim_args) {
  dir_ = fs::temp_directory_path()
         / ("karb-e2e-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  std::vector<std::string> args{"--venues",     "upbit,bithumb",
                                "--port-base",  "0",
                                "--admin-port", "0",
                                "--seed",       "7",
                                "--request-log",
                                (dir_ / "requests.jsonl").string()};
  args.insert(args.end(), extra_sim_args.begin(), extra_sim_args.end());
  sim_ = std::make_unique<sim_process>(args);
  if (!sim_->ok())
    return;
  cfg.upbit_port = sim_->port("upbit");
  cfg.bithumb_port = sim_->port("bithumb");
  cfg.dir = dir_;
  start_state = sim_state(admin());
}

trading_env::~trading_env() {
  node_.reset();
  sim_.reset();
  // Keep the evidence when KARB_E2E_KEEP is set.
  if (!std::getenv("KARB_E2E_KEEP"))
    fs::remove_all(dir_);
}

void trading_env::start_node() {
  node_.reset();
  log_mark_ = log_lines(log()).size();
  auto path = dir_ / "karb.yaml";
  std::ofstream{path} << node_yaml(cfg);
  node_ = std::make_unique<node_process>(path, dir_ / "node.out");
}

int trading_env::stop_node() { return node_ ? node_->stop() : -1; }

void trading_env::kill_node() {
  if (node_)
    node_->kill9();
}

bool trading_env::wait_final_trades(size_t n, milliseconds limit) {
  return wait_until(
    [&] {
      size_t final = 0;
      for (auto& t : store_trades(db()))
        final += is_final_trade_state(t.state) ? 1 : 0;
      return final >= n;
    },
    limit, milliseconds{200});
}

std::set<std::string> trading_env::venues_since_start(
  const std::string& event, const std::string& key,
  const std::string& value) {
  std::set<std::string> out;
  auto lines = log_lines(log());
  for (size_t i = log_mark_; i < lines.size(); ++i) {
    const auto& f = lines[i].value("fields", json::object());
    if (lines[i].value("event", "") == event
        && (key.empty() || f.value(key, json{}) == value))
      out.insert(f.value("venue", ""));
  }
  return out;
}

bool trading_env::wait_books(milliseconds limit) {
  return wait_until(
    [&] { return venues_since_start("book_healthy").size() >= 2; }, limit);
}

bool trading_env::wait_private_streams(milliseconds limit) {
  auto want = size_t{2} - cfg.no_private_stream.size();
  return wait_until(
    [&] {
      return venues_since_start("exchange_connected", "stream", "private")
               .size()
             >= want;
    },
    limit);
}

bool trading_env::wait_quiet(milliseconds limit) {
  int calm = 0;
  return wait_until(
    [&] {
      // Upbit and Bithumb: both reconciled by the node running now.
      bool quiet = !node_
                   || venues_since_start("reconcile_run", "why", "start")
                          .size()
                        >= 2;
      for (auto& t : store_trades(db()))
        quiet = quiet && is_final_trade_state(t.state);
      for (auto& o : store_orders(db()))
        quiet = quiet && is_terminal_order_status(o.status);
      for (auto& o : sim_orders(sim_state(admin())))
        quiet = quiet && o.value("state", "") != "wait";
      calm = quiet ? calm + 1 : 0;
      return calm >= 2;
    },
    limit, milliseconds{300});
}

int trading_env::inspect_port() {
  for (auto& j : events_named(log(), "inspector_published"))
    return j["fields"].value("port", 0);
  return 0;
}

std::string trading_env::dump() {
  std::ostringstream s;
  for (auto& t : store_trades(db()))
    s << "trade " << t.trade_id << " " << t.state << " " << t.outcome
      << " pnl " << t.pnl_krw.to_string() << "\n";
  for (auto& o : store_orders(db()))
    s << "order " << o.client_order_id << " " << o.venue << " " << o.role
      << " " << o.side << " " << o.status << " filled " << o.filled << "\n";
  for (auto& o : sim_orders(sim_state(admin())))
    s << "sim " << o["venue"].get<std::string>() << " "
      << o.value("identifier", "") << " " << o.value("side", "") << " "
      << o.value("state", "") << " exec " << o.value("executed_volume", "")
      << "\n";
  return s.str();
}

} // namespace karb::test
