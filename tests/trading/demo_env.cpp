#include "tests/trading/demo_env.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include <gtest/gtest.h>

#include "tests/trading/fault_schedule.hpp"
#include "tests/trading/invariant.hpp"

namespace karb::test {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

/// Replaces every `from`; how many there were.
size_t replace_all(std::string& text, const std::string& from,
                   const std::string& to) {
  size_t n = 0;
  for (auto pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size()), ++n)
    text.replace(pos, from.size(), to);
  return n;
}

decimal num(const json& j, const char* key) {
  return decimal::parse(j.value(key, "0")).value_or(decimal{});
}

bool korean(const std::string& sim_venue) {
  return sim_venue == "upbit" || sim_venue == "bithumb";
}

/// An order's client id, whichever venue's field names it.
std::string client_id(const json& o) {
  for (auto* k : {"identifier", "client_order_id", "newClientOrderId",
                  "clientOrderId", "clOrdId", "orderLinkId"})
    if (o.contains(k) && o[k].is_string() && !o[k].get<std::string>().empty())
      return o[k].get<std::string>();
  return {};
}

/// A request that placed an order: its path, and an id the engine gave.
bool placed_order(const json& line) {
  static const std::set<std::string> paths{
    "/v1/orders", "/v2/orders", "/api/v3/order", "/fapi/v1/order",
    "/api/v5/trade/order", "/v5/order/create"};
  if (line.value("method", "") != "POST"
      || !paths.count(line.value("path", "")))
    return false;
  auto& o = line["order"];
  return o.is_object()
         && (o.contains("uuid") || o.contains("orderId")
             || o.contains("ordId"));
}

} // namespace

std::string demo_yaml(const sim_process& sim, const fs::path& dir,
                      const std::vector<yaml_edit>& edits) {
  std::ifstream in{std::string{KARB_SOURCE_DIR} + "/config/demo.yaml"};
  std::stringstream text;
  text << in.rdbuf();
  auto s = text.str();
  for (size_t i = 0; i < demo_sim_venues.size(); ++i)
    replace_all(s, "127.0.0.1:" + std::to_string(18100 + i),
                "127.0.0.1:" + std::to_string(sim.port(demo_sim_venues[i])));
  replace_all(s, "var/", dir.string() + "/");
  replace_all(s, "port: 4242", "port: 0");
  replace_all(s, "port: 9464", "port: 0");
  replace_all(s, "grpc_port: 9465", "grpc_port: 0");
  // The derivatives strategies are the subject of their own tests.
  replace_all(s, "enabled: true", "enabled: false");
  for (auto& [from, to] : edits)
    if (replace_all(s, from, to) == 0)
      throw std::runtime_error("demo.yaml has no \"" + from + "\"");
  return s;
}

decimal usdt_venue_held(const json& state, const std::string& venue,
                        const std::string& ccy) {
  const auto& v = state["venues"][venue]["accounts"];
  if (venue == "okx") {
    for (auto& d : v["karb-dev-okx-access"]["balance"]["details"])
      if (d.value("ccy", "") == ccy)
        return num(d, "cashBal");
    return {};
  }
  const auto& b = venue == "bybit"
                    ? v["karb-dev-bybit-access"]["spot"][ccy]
                    : v["karb-dev-binance-spot-access"]["balances"][ccy];
  return b.is_object() ? num(b, "free") + num(b, "locked") : decimal{};
}

namespace {

/// Calls `f(labels, value)` for every sample of `name`; labels is the text
/// between the braces ("" without).
template <class F>
void for_samples(const std::string& text, const std::string& name, F f) {
  std::istringstream in{text};
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name, 0) != 0 || line.size() == name.size())
      continue;
    auto next = line[name.size()];
    if (next != '{' && next != ' ')
      continue; // another metric whose name starts alike
    std::string labels;
    if (next == '{')
      labels = line.substr(name.size() + 1,
                           line.find('}') - name.size() - 1);
    auto space = line.rfind(' ');
    f(labels, std::strtod(line.c_str() + space + 1, nullptr));
  }
}

} // namespace

double metric_sum(const std::string& text, const std::string& name) {
  double sum = 0;
  for_samples(text, name, [&](const std::string&, double v) { sum += v; });
  return sum;
}

std::map<std::string, double> metric_by(const std::string& text,
                                        const std::string& name,
                                        const std::string& label) {
  std::map<std::string, double> out;
  auto key = label + "=\"";
  for_samples(text, name, [&](const std::string& labels, double v) {
    auto at = labels.find(key);
    while (at != std::string::npos && at > 0 && labels[at - 1] != ',')
      at = labels.find(key, at + 1); // "xvenue=" is not "venue="
    if (at == std::string::npos)
      return;
    auto b = at + key.size();
    out[labels.substr(b, labels.find('"', b) - b)] += v;
  });
  return out;
}

// -- demo_env ----------------------------------------------------------------

demo_env::demo_env(const std::string& name, int seed) {
  dir_ = fs::temp_directory_path()
         / ("karb-e2e-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  std::string venues;
  for (auto& v : demo_sim_venues)
    venues += (venues.empty() ? "" : ",") + v;
  sim_ = std::make_unique<sim_process>(std::vector<std::string>{
    "--venues", venues, "--port-base", "0", "--admin-port", "0", "--seed",
    std::to_string(seed), "--request-log", requests().string()});
  if (ok())
    start_state = sim_state(admin());
}

demo_env::~demo_env() {
  node_.reset();
  sim_.reset();
  if (!::testing::Test::HasFailure() && !std::getenv("KARB_E2E_KEEP"))
    fs::remove_all(dir_);
}

void demo_env::start_node(const std::vector<yaml_edit>& edits) {
  std::ofstream{dir_ / "karb.yaml"} << demo_yaml(*sim_, dir_, edits);
  api_port_ = 0;
  node_ = std::make_unique<node_process>(dir_ / "karb.yaml",
                                         dir_ / "node.out");
}

int demo_env::stop_node() { return node_ ? node_->stop() : -1; }

int demo_env::api_port() {
  if (api_port_ == 0)
    for (auto& j : events_named(log(), "api_serving"))
      api_port_ = j["fields"].value("port", 0);
  return api_port_;
}

std::string demo_env::metrics_text() {
  auto port = api_port();
  if (port == 0)
    return {};
  auto r = http_call(port, "GET", "/metrics");
  return r.status == 200 ? r.body : std::string{};
}

std::optional<double> demo_env::metric(const std::string& name) {
  auto text = metrics_text();
  if (text.empty())
    return std::nullopt;
  return metric_sum(text, name);
}

size_t demo_env::sim_live_orders() {
  size_t n = 0;
  for (auto& o : sim_orders(sim_state(admin())))
    n += !korean(o.value("venue", "")) || o.value("state", "") == "wait";
  return n;
}

bool demo_env::wait_quiet(milliseconds limit) {
  int calm = 0;
  return wait_until(
    [&] {
      bool quiet = true;
      for (auto& t : store_trades(db()))
        quiet = quiet && is_final_trade_state(t.state);
      for (auto& o : store_orders(db()))
        quiet = quiet && is_terminal_order_status(o.status);
      quiet = quiet && sim_live_orders() == 0;
      calm = quiet ? calm + 1 : 0;
      return calm >= 2;
    },
    limit, milliseconds{500});
}

// -- the invariant -------------------------------------------------------------

std::string demo_invariant::text() const {
  std::ostringstream s;
  s << "venue orders " << venue_orders << ", placed " << placed
    << ", ghosts " << ghosts << ", duplicates " << duplicates
    << ", net BTC KRW venues " << krw_net_btc.to_string() << ", USDT venues "
    << usdt_net_btc.to_string();
  for (auto& p : problems)
    s << "\n  " << p;
  return s.str();
}

demo_invariant check_demo_invariant(demo_env& env) {
  const std::string prefix = "karb-";
  demo_invariant r;
  auto state = sim_state(env.admin());
  std::map<std::string, store_order> stored;
  for (auto& o : store_orders(env.db()))
    stored[o.client_order_id] = o;
  for (auto& o : sim_orders(state)) {
    auto id = client_id(o);
    if (id.rfind(prefix, 0) != 0)
      continue;
    ++r.venue_orders;
    auto s = stored.find(id);
    if (s == stored.end()) {
      ++r.ghosts;
      r.problems.push_back("not in the store: " + id + " " + o.dump());
      continue;
    }
    if (!korean(o.value("venue", ""))) { // listed: open at the venue
      if (is_terminal_order_status(s->second.status)) {
        ++r.ghosts;
        r.problems.push_back("open at " + o.value("venue", "") + ", "
                             + s->second.status + " in the store: " + id);
      }
      continue;
    }
    if (auto problem = order_mismatch(o, s->second); !problem.empty()) {
      ++r.ghosts;
      r.problems.push_back(std::move(problem));
    }
  }
  std::map<std::string, int> placements;
  std::ifstream in{env.requests()};
  std::string line;
  while (std::getline(in, line)) {
    auto j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !placed_order(j))
      continue;
    auto id = client_id(j["order"]);
    if (id.rfind(prefix, 0) == 0)
      ++placements[id];
  }
  for (auto& [id, n] : placements) {
    ++r.placed;
    if (n > 1) {
      ++r.duplicates;
      r.problems.push_back("placed " + std::to_string(n) + " times: " + id);
    }
  }
  for (std::string v : {"upbit", "bithumb"})
    r.krw_net_btc += sim_total(state, v, "BTC")
                     - sim_total(env.start_state, v, "BTC");
  for (auto& f : store_fills(env.db()))
    if (!korean(f.exchange))
      r.usdt_net_btc = f.side == "buy" ? r.usdt_net_btc + f.volume
                                       : r.usdt_net_btc - f.volume;
  return r;
}

} // namespace karb::test
