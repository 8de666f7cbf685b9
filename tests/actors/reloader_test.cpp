// The reloader against a real node supervisor and real strategy children
// (fake risk and store): strategies added, changed in place, removed; risk
// limits sent and audited; a broken file or a venue change refused whole.

#include "actors/app/reloader.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include "actors/node/node.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using strings = std::vector<std::string>;

namespace {

struct probe {
  std::vector<config::risk_settings> limits;
  std::vector<audit_row> audits;
};

risk_actor::behavior_type fake_risk(std::shared_ptr<probe> p) {
  return {
    [](const position_book&) {},
    [](const funding_payment&) {},
    [](atom::emergency, const std::string&) -> caf::result<flatten_report> {
      return caf::make_error(caf::sec::unexpected_message, "fake");
    },
    [](atom::check, const arbitrage_opportunity&) { return risk_verdict{}; },
    [](atom::check, const arbitrage_opportunity&, const execution_actor&,
       const attempt_listener_actor&) {},
    [](const trade_report&) {},
    [](const std::vector<balance>&) {},
    [](atom::halt, const std::string&) {},
    [](atom::resume) {},
    [](atom::status) { return risk_status{}; },
    [p](atom::put, const config::risk_settings& s) { p->limits.push_back(s); },
  };
}

store_actor::behavior_type fake_store(std::shared_ptr<probe> p) {
  return {
    [](const event&) {},
    [](atom::intent, const order_record&) { return atom::ok_v; },
    [](const order_record&) {},
    [](const fill&) {},
    [](const trade_record&) {},
    [](const std::vector<balance>&) {},
    [p](const audit_row& r) { p->audits.push_back(r); },
    [](atom::load) { return recovery_set{}; },
    [](atom::load, const std::string&) { return recovery_set{}; },
    [](atom::get, const std::vector<std::string>&) { return recovery_set{}; },
    [](atom::recent, int32_t) { return std::vector<trade_record>{}; },
    [](atom::tick) {},
  };
}

const char* fake_env(const char*) { return "paper-key"; }

const std::string eth_strategy
  = "\n  - {id: eth-spread, type: spread_arbitrage, venues: [upbit, "
    "bithumb],\n     symbols: [ETH], min_profit_rate: 0.003}\n";

struct reloader_fixture : test::actor_fixture {
  std::filesystem::path file = std::filesystem::temp_directory_path()
                               / ("karb-reloader-" + std::to_string(getpid())
                                  + ".yaml");
  std::string base;
  std::shared_ptr<probe> p = std::make_shared<probe>();
  app::deps d;
  node_actor node;
  reloader_actor rel;

  reloader_fixture() {
    std::ifstream in{KARB_SOURCE_DIR "/config/development.yaml"};
    base.assign(std::istreambuf_iterator<char>{in}, {});
    write(base);
    auto cfg = *config::load(file.string(), fake_env).value;
    d.handles->risk = sys.spawn(fake_risk, p);
    d.handles->store = sys.spawn(fake_store, p);
    node::node_setup ns;
    ns.children = app::strategy_children(cfg, cfg.strategies[0], d);
    ns.random = [] { return 0.0; };
    node = sys.spawn(node::supervisor, ns);
    rel = sys.spawn(app::reloader,
                    app::reloader_setup{file.string(), cfg, node, d,
                                        fake_env});
    run();
  }

  ~reloader_fixture() override {
    for (auto a : {caf::actor_cast<caf::actor>(node),
                   caf::actor_cast<caf::actor>(rel),
                   caf::actor_cast<caf::actor>(d.handles->risk),
                   caf::actor_cast<caf::actor>(d.handles->store)})
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    run();
    std::filesystem::remove(file);
  }

  void write(const std::string& text) { std::ofstream{file} << text; }

  std::string edit(std::string text, const std::string& from,
                   const std::string& to) {
    auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos)
      text.replace(at, from.size(), to);
    return text;
  }

  std::string reload() {
    auto rh = self->request(rel, caf::infinite, atom::reload_v);
    run();
    std::string out;
    rh.receive([&](const std::string& s) { out = s; },
               [&](caf::error& e) { out = sys.render(e); });
    return out;
  }

  strings children() {
    strings out;
    auto rh = self->request(node, caf::infinite, atom::status_v);
    run();
    rh.receive(
      [&](const node_status& s) {
        for (auto& c : s.children)
          out.push_back(c.name + "=" + c.state);
      },
      [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return out;
  }

  strings instances() {
    strings out;
    for (auto& [id, _] : d.handles->strategies)
      out.push_back(id);
    return out;
  }
};

} // namespace

TEST_F(reloader_fixture, AddsChangesAndRemovesStrategies) {
  ASSERT_EQ(children(), strings{"strategy:btc-spread:BTC=running"});
  auto with_eth = edit(base, "max_size: 0.05}\n", "max_size: 0.05}"
                                                  + eth_strategy);
  write(with_eth);
  EXPECT_EQ(reload(), "reloaded: +strategies [eth-spread], -strategies [], "
                      "~strategies [], risk changes 0");
  EXPECT_EQ(children(), (strings{"strategy:btc-spread:BTC=running",
                                 "strategy:eth-spread:ETH=running"}));
  EXPECT_EQ(instances(), (strings{"btc-spread:BTC", "eth-spread:ETH"}));
  ASSERT_EQ(p->audits.size(), 1u);
  EXPECT_EQ(p->audits[0].step, "config_reloaded");
  EXPECT_NE(p->audits[0].detail.find("\"added\":[\"eth-spread\"]"),
            std::string::npos)
    << p->audits[0].detail;
  EXPECT_TRUE(p->limits.empty()) << "no risk change, nothing sent";
  // Changed params: a new instance under the same name.
  auto old_btc = d.handles->strategies.at("btc-spread:BTC");
  write(edit(with_eth, "min_profit_rate: 0.002, max_size: 0.05",
             "min_profit_rate: 0.004, max_size: 0.05"));
  EXPECT_EQ(reload(), "reloaded: +strategies [], -strategies [], "
                      "~strategies [btc-spread], risk changes 0");
  EXPECT_EQ(children(), (strings{"strategy:btc-spread:BTC=running",
                                 "strategy:eth-spread:ETH=running"}));
  EXPECT_NE(d.handles->strategies.at("btc-spread:BTC"), old_btc);
  // Removed.
  write(edit(with_eth,
             "  - {id: btc-spread, type: spread_arbitrage, venues: [upbit, "
             "bithumb],\n     symbols: [BTC], min_profit_rate: 0.002, "
             "max_size: 0.05}\n",
             ""));
  EXPECT_EQ(reload(), "reloaded: +strategies [], -strategies [btc-spread], "
                      "~strategies [], risk changes 0");
  EXPECT_EQ(children(), strings{"strategy:eth-spread:ETH=running"});
  EXPECT_EQ(instances(), strings{"eth-spread:ETH"});
  advance(std::chrono::seconds{60}); // a removed child is never restarted
  EXPECT_EQ(children(), strings{"strategy:eth-spread:ETH=running"});
  EXPECT_EQ(p->audits.size(), 3u);
}

TEST_F(reloader_fixture, RiskLimitsGoToRiskAndTheAudit) {
  write(edit(base, "max_position: {BTC: 0.1", "max_position: {BTC: 0.2"));
  EXPECT_EQ(reload(), "reloaded: +strategies [], -strategies [], "
                      "~strategies [], risk changes 1");
  ASSERT_EQ(p->limits.size(), 1u);
  EXPECT_EQ(p->limits[0].max_position.at("BTC"), dec("0.2"));
  EXPECT_EQ(p->limits[0].max_notional.at("KRW"), dec("5000000"));
  ASSERT_EQ(p->audits.size(), 1u);
  EXPECT_NE(p->audits[0].detail.find(
              R"({"key":"risk.max_position.BTC","new":"0.2","old":"0.1"})"),
            std::string::npos)
    << p->audits[0].detail;
  EXPECT_EQ(p->audits[0].detail.find("paper-key"), std::string::npos);
  // The same file again: nothing more to change.
  EXPECT_EQ(reload(), "reloaded: +strategies [], -strategies [], "
                      "~strategies [], risk changes 0");
  EXPECT_EQ(p->limits.size(), 1u);
}

TEST_F(reloader_fixture, InvalidFileOrVenueChangeIsRefusedWhole) {
  // A new strategy and a negative limit: nothing of it is applied.
  auto bad = edit(base, "max_size: 0.05}\n", "max_size: 0.05}"
                                             + eth_strategy);
  write(edit(bad, "max_position: {BTC: 0.1", "max_position: {BTC: -1"));
  auto r = reload();
  EXPECT_EQ(r.rfind("refused: " + file.string()
                      + ": risk.max_position.BTC: ",
                    0),
            0u)
    << r;
  EXPECT_EQ(children(), strings{"strategy:btc-spread:BTC=running"});
  EXPECT_TRUE(p->limits.empty());
  EXPECT_TRUE(p->audits.empty());
  write(edit(bad, "http://127.0.0.1:18101", "http://127.0.0.1:1"));
  EXPECT_EQ(reload(), "refused: needs a restart to change "
                      "venues.bithumb.rest_url; the running configuration "
                      "stays");
  EXPECT_EQ(children(), strings{"strategy:btc-spread:BTC=running"});
  write(base + "\nbogus: 1\n");
  EXPECT_EQ(reload().rfind("refused: ", 0), 0u);
  EXPECT_EQ(children(), strings{"strategy:btc-spread:BTC=running"});
}
