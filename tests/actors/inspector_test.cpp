// The inspector against fakes of the trading actors (and the real node,
// bus and risk actor), in virtual time: every command's JSON, the clear
// errors for missing components, timeouts, and the gated control commands.

#include "actors/inspector/inspector.hpp"

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/metrics/registry.hpp"
#include "actors/node/node.hpp"
#include "actors/risk/risk.hpp"
#include "tests/actors/inspector_fakes.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace karb::inspector::test;
using namespace std::chrono_literals;

namespace {

instrument upbit_btc() {
  return {exchange::upbit, "BTC", "KRW", "KRW-BTC", contract_type::spot};
}

book_view sample_view() {
  book_view v;
  v.book.symbol = upbit_btc();
  v.book.bids = {{dec("100"), dec("1")}, {dec("99"), dec("2")}};
  v.book.asks = {{dec("101"), dec("0.5")}, {dec("102"), dec("3")}};
  v.book.sequence = 7;
  v.healthy = true;
  return v;
}

book_stats sample_stats() {
  book_stats s;
  s.symbol = upbit_btc();
  s.healthy = true;
  s.frames = 10;
  s.applied = 9;
  s.receipt_to_applied = {9, 1000, 2000, 3000, 3000, 3500};
  return s;
}

strategy_status sample_strategy() {
  return {"spread:BTC", {"BTC"}, {"upbit", "bithumb"}, 4, 1, dec("0.0031")};
}

struct inspector_fixture : test::actor_fixture {
  node_actor node_hdl;
  event_bus_actor bus;
  std::shared_ptr<app::trading_handles> handles
    = std::make_shared<app::trading_handles>();
  std::vector<caf::actor> extra; // stopped at the end
  int strategy_spawns = 0;

  // The node, with one strategy child that registers in the handles.
  inspector_actor make(bool control, bool trading = true) {
    bus = sys.spawn(event_bus, size_t{10});
    node::node_setup s;
    s.name = "n1";
    s.bus = bus;
    s.random = [] { return 0.0; };
    if (trading)
      s.children.push_back(
        {"strategy:spread:BTC", "strategy",
         {node::restart_policy::restart, 10},
         [this](caf::actor_system& sys) {
           ++strategy_spawns;
           auto st = sys.spawn(fake_strategy, sample_strategy());
           std::lock_guard<std::mutex> g{handles->mtx};
           handles->strategies["spread:BTC"] = st;
           return caf::actor_cast<caf::actor>(st);
         }});
    node_hdl = sys.spawn(node::supervisor, s);
    run();
    inspector::inspector_setup is;
    is.node = node_hdl;
    is.bus = bus;
    is.control = control;
    if (trading)
      is.trading = handles;
    is.risk_limits = config::risk_settings{};
    return sys.spawn(inspector::inspector, is);
  }

  template <class H>
  H keep(H h) {
    extra.push_back(caf::actor_cast<caf::actor>(h));
    return h;
  }

  void add_trading_fakes(bool silent_market_data = false) {
    std::lock_guard<std::mutex> g{handles->mtx};
    handles->venues["upbit"] = keep(sys.spawn(fake_venue, "upbit"));
    handles->venues["bithumb"] = keep(sys.spawn(fake_venue, "bithumb"));
    handles->market_data = keep(sys.spawn(fake_market_data, sample_view(),
                                          sample_stats(), silent_market_data));
    order o;
    o.client_order_id = "karb-T1-0-1";
    o.symbol = upbit_btc();
    o.amount = dec("0.01");
    o.has_price = true;
    o.price = dec("100");
    o.status = order_status::submitted;
    handles->execution = keep(sys.spawn(fake_execution, std::vector{o}));
    trade_record open;
    open.trade_id = "T1";
    open.state = "legs_submitted";
    trade_record done;
    done.trade_id = "T0";
    done.state = "done";
    done.outcome = "completed";
    done.pnl_krw = dec("1234.5");
    recovery_set rs{{open}, {}};
    handles->store = keep(sys.spawn(fake_store, rs,
                                    std::vector<trade_record>{open, done}));
    portfolio_snapshot snap;
    snap.balances = {{exchange::upbit, "KRW", dec("1000"), dec("0"),
                      dec("1000"), 0}};
    snap.realised_pnl_krw = dec("1234.5");
    snap.exposure["BTC"] = dec("-0.001");
    handles->portfolio = keep(sys.spawn(fake_portfolio, snap));
    handles->risk = keep(risk::spawn_risk(sys, risk::risk_setup{}));
    run();
  }

  template <class Atom>
  nlohmann::json ask(const inspector_actor& insp, Atom a,
                     std::vector<std::string> args,
                     caf::timespan wait = caf::timespan{0}) {
    std::string out;
    auto rh = self->request(insp, caf::infinite, a, std::move(args));
    run();
    if (wait.count() > 0)
      advance(wait);
    rh.receive([&](const std::string& r) { out = r; },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    return nlohmann::json::parse(out);
  }

  nlohmann::json get(const inspector_actor& insp,
                     std::vector<std::string> args) {
    return ask(insp, atom::get_v, std::move(args));
  }

  std::string error_of(const nlohmann::json& j) {
    return j.contains("error") ? j["error"].get<std::string>() : "";
  }

  ~inspector_fixture() override {
    for (auto& h : extra)
      caf::anon_send_exit(h, caf::exit_reason::user_shutdown);
    for (auto& [_, h] : handles->strategies)
      caf::anon_send_exit(h, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(node_hdl, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
    run();
  }
};

} // namespace

TEST_F(inspector_fixture, StatusReportsTheNodeAndEveryVenue) {
  auto insp = make(false);
  add_trading_fakes();
  auto j = get(insp, {"status"});
  EXPECT_EQ(j["node"], "n1");
  ASSERT_EQ(j["children"].size(), 1u);
  EXPECT_EQ(j["children"][0]["name"], "strategy:spread:BTC");
  ASSERT_EQ(j["venues"].size(), 2u);
  EXPECT_EQ(j["venues"][0]["venue"], "bithumb"); // by name
  EXPECT_EQ(j["venues"][1]["venue"], "upbit");
  EXPECT_EQ(j["venues"][1]["feed"], "connected");
  EXPECT_EQ(j["venues"][1]["private"], "subscribed");
  EXPECT_EQ(j["venues"][1]["breaker"], "closed");
  EXPECT_EQ(j["venues"][1]["rest_errors"], 1);
  // A venue that is gone is reported as such, the rest still answers.
  caf::anon_send_exit(handles->venues["upbit"], caf::exit_reason::kill);
  run();
  j = get(insp, {"status"});
  EXPECT_EQ(j["venues"][1]["error"], "not running");
  EXPECT_EQ(j["venues"][0]["feed"], "connected");
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, EventsComeFromTheBusHistory) {
  auto insp = make(false);
  auto j = get(insp, {"events", "5"});
  ASSERT_EQ(j["events"].size(), 1u);
  EXPECT_EQ(j["events"][0]["type"], "system_startup");
  EXPECT_EQ(j["events"][0]["data"]["node"], "n1");
  EXPECT_EQ(error_of(get(insp, {"events", "x"})),
            "events takes a count from 1 to 1000, got 'x'");
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, ActorsSayWhyMailboxesAreNotShown) {
  auto insp = make(false);
  auto j = get(insp, {"actors"});
  ASSERT_EQ(j["actors"].size(), 1u);
  EXPECT_EQ(j["actors"][0]["state"], "running");
  EXPECT_NE(j["note"].get<std::string>().find("not available"),
            std::string::npos);
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, BookShowsLevelsBestFirstWithStats) {
  auto insp = make(false);
  add_trading_fakes();
  auto j = get(insp, {"book", "upbit", "KRW-BTC", "--depth", "1"});
  EXPECT_EQ(j["book"], "upbit:KRW-BTC");
  EXPECT_EQ(j["healthy"], true);
  EXPECT_EQ(j["sequence"], 7);
  ASSERT_EQ(j["bids"].size(), 1u);
  EXPECT_EQ(j["bids"][0]["price"], "100");
  EXPECT_EQ(j["asks"][0]["price"], "101");
  EXPECT_EQ(j["asks"][0]["size"], "0.5");
  EXPECT_EQ(j["stats"]["frames"], 10);
  EXPECT_EQ(j["stats"]["receipt_to_applied"]["p99_ns"], 3000);
  EXPECT_EQ(get(insp, {"book", "upbit", "btc"})["bids"].size(), 2u);
  EXPECT_EQ(error_of(get(insp, {"book", "bithumb", "BTC"})),
            "market data: not subscribed: KRW-BTC");
  EXPECT_EQ(error_of(get(insp, {"book", "mars", "BTC"})),
            "unknown venue 'mars'");
  EXPECT_EQ(error_of(get(insp, {"book", "upbit", "BTC", "--depth", "0"})),
            "--depth takes a number from 1 to 1000");
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, StrategiesOrdersTradesBalances) {
  auto insp = make(false);
  add_trading_fakes();
  auto s = get(insp, {"strategies"});
  ASSERT_EQ(s["strategies"].size(), 1u);
  EXPECT_EQ(s["strategies"][0]["instance"], "spread:BTC");
  EXPECT_EQ(s["strategies"][0]["id"], "spread:BTC");
  EXPECT_EQ(s["strategies"][0]["opportunities_seen"], 4);
  EXPECT_EQ(s["strategies"][0]["last_spread"], "0.0031");
  auto o = get(insp, {"orders"});
  ASSERT_EQ(o["orders"].size(), 1u);
  EXPECT_EQ(o["orders"][0]["client_order_id"], "karb-T1-0-1");
  EXPECT_EQ(o["orders"][0]["status"], "submitted");
  EXPECT_EQ(o["orders"][0]["price"], "100");
  auto t = get(insp, {"trades", "1"});
  ASSERT_EQ(t["open"].size(), 1u);
  EXPECT_EQ(t["open"][0]["trade_id"], "T1");
  ASSERT_EQ(t["recent"].size(), 1u);
  EXPECT_EQ(get(insp, {"trades"})["recent"][1]["pnl_krw"], "1234.5");
  auto b = get(insp, {"balances"});
  ASSERT_EQ(b["balances"].size(), 1u);
  EXPECT_EQ(b["balances"][0]["venue"], "upbit");
  EXPECT_EQ(b["balances"][0]["total"], "1000");
  EXPECT_EQ(b["realised_pnl_krw"], "1234.5");
  EXPECT_EQ(b["exposure"]["BTC"], "-0.001");
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, FundingAndPositionsComeFromTheirServices) {
  auto insp = make(false);
  add_trading_fakes();
  funding_rate f;
  f.venue = exchange::binance_usdm;
  f.symbol = "BTCUSDT";
  f.rate = dec("0.0001");
  f.has_predicted = true;
  f.predicted_rate = dec("0.00015");
  funding_payment p;
  p.venue = exchange::binance_usdm;
  p.symbol = "BTCUSDT";
  p.currency = "USDT";
  p.amount = dec("-0.5");
  p.id = "777";
  funding_board board{{f}, {{"BTC", dec("0.0002")}}, {{"USDT", dec("-0.5")}},
                      {p}, 1};
  position pos;
  pos.symbol = {exchange::okx_swap, "BTC", "USDT", "BTC-USDT-SWAP",
                contract_type::perpetual};
  pos.position_side = side::sell;
  pos.amount = dec("0.01");
  position_book book;
  book.positions = {pos};
  book.perp_net["BTC"] = dec("-0.01");
  book.spot_net["BTC"] = dec("0.01");
  book.net["BTC"] = dec("0");
  book.exposure["BTC"] = dec("0");
  {
    std::lock_guard<std::mutex> g{handles->mtx};
    handles->funding = keep(sys.spawn(fake_funding_service, board));
    handles->positions = keep(sys.spawn(fake_position_manager, book));
  }
  auto fj = get(insp, {"funding"});
  ASSERT_EQ(fj["rates"].size(), 1u);
  EXPECT_EQ(fj["rates"][0]["venue"], "binance_usdm");
  EXPECT_EQ(fj["rates"][0]["predicted_rate"], "0.00015");
  EXPECT_EQ(fj["spread"]["BTC"], "0.0002");
  EXPECT_EQ(fj["funding_pnl"]["USDT"], "-0.5");
  ASSERT_EQ(fj["payments"].size(), 1u);
  EXPECT_EQ(fj["payments"][0]["id"], "777");
  auto pj = get(insp, {"positions"});
  ASSERT_EQ(pj["positions"].size(), 1u);
  EXPECT_EQ(pj["positions"][0]["side"], "short");
  EXPECT_EQ(pj["assets"]["BTC"]["perp"], "-0.01");
  EXPECT_EQ(pj["assets"]["BTC"]["spot"], "0.01");
  EXPECT_EQ(pj["assets"]["BTC"]["net"], "0");
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, RiskShowsStatusAndConfiguredLimits) {
  auto insp = make(false);
  add_trading_fakes();
  auto j = get(insp, {"risk"});
  EXPECT_EQ(j["halted"], false);
  EXPECT_EQ(j["approvals"], 0);
  EXPECT_TRUE(j["denials"].is_object());
  EXPECT_EQ(j["limits"]["max_position"]["BTC"],
            config::risk_settings{}.max_position.at("BTC").to_string());
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, LatencyCoversTheStrategiesBooksAndHistograms) {
  metrics::global()
    .get_latency("karb_inspector_test_seconds", "test")
    .record_ns(1500);
  auto insp = make(false);
  add_trading_fakes();
  auto j = get(insp, {"latency"});
  // The strategy watches upbit and bithumb BTC; the fake knows upbit only.
  ASSERT_EQ(j["books"].size(), 2u);
  EXPECT_EQ(j["books"][0]["book"], "upbit:KRW-BTC");
  EXPECT_EQ(j["books"][0]["receipt_to_applied"]["count"], 9);
  EXPECT_EQ(j["books"][1]["book"], "bithumb:KRW-BTC");
  EXPECT_TRUE(j["books"][1].contains("error"));
  bool found = false;
  for (auto& h : j["histograms"])
    if (h["name"] == "karb_inspector_test_seconds") {
      found = true;
      EXPECT_GE(h["count"].get<int>(), 1);
    }
  EXPECT_TRUE(found);
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, MissingComponentsAreClearErrors) {
  auto insp = make(true, false); // no trading actors at all
  EXPECT_EQ(error_of(get(insp, {"orders"})),
            "execution is not running on this node");
  EXPECT_EQ(error_of(get(insp, {"book", "upbit", "BTC"})),
            "market data is not running on this node");
  EXPECT_EQ(error_of(get(insp, {"risk"})), "risk is not running on this node");
  EXPECT_EQ(error_of(get(insp, {"balances"})),
            "the portfolio is not running on this node");
  EXPECT_EQ(error_of(get(insp, {"trades"})),
            "the store is not running on this node");
  // Without a perpetual venue the derivatives services do not run.
  EXPECT_EQ(error_of(get(insp, {"funding"})),
            "the funding service is not running on this node");
  EXPECT_EQ(error_of(get(insp, {"positions"})),
            "the position manager is not running on this node");
  EXPECT_EQ(get(insp, {"strategies"})["strategies"].size(), 0u);
  EXPECT_EQ(get(insp, {"latency"})["books_error"],
            "market data is not running on this node");
  EXPECT_EQ(error_of(ask(insp, atom::put_v, {"halt", "x"})),
            "risk is not running on this node");
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, ASilentComponentTimesOut) {
  auto insp = make(false);
  add_trading_fakes(true);
  auto j = ask(insp, atom::get_v, {"book", "upbit", "BTC"}, 2s);
  EXPECT_EQ(error_of(j), "market data: no answer within 2000 ms");
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, ControlIsRefusedUnlessEnabled) {
  auto insp = make(false);
  add_trading_fakes();
  auto j = ask(insp, atom::put_v, {"halt", "test"});
  EXPECT_EQ(j["error"], "control commands are disabled "
                        "(node.inspect.control: false)");
  EXPECT_EQ(get(insp, {"risk"})["halted"], false);
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, HaltAndResumeGoThroughRisk) {
  auto insp = make(true);
  add_trading_fakes();
  EXPECT_EQ(error_of(ask(insp, atom::put_v, {"halt"})), "usage: halt REASON");
  auto j = ask(insp, atom::put_v, {"halt", "fat", "finger"});
  EXPECT_EQ(j["risk"]["halted"], true);
  EXPECT_EQ(j["risk"]["halt_reason"], "operator: fat finger");
  EXPECT_EQ(get(insp, {"risk"})["halted"], true);
  j = ask(insp, atom::put_v, {"resume"});
  EXPECT_EQ(j["risk"]["halted"], false);
  EXPECT_EQ(error_of(ask(insp, atom::put_v, {"reload"})),
            "reload is not available in this node");
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, EmergencyStopGoesThroughRiskAndNamesWhatFailed) {
  auto insp = make(true);
  add_trading_fakes();
  EXPECT_EQ(error_of(ask(insp, atom::put_v, {"emergency-stop"})),
            "usage: emergency-stop REASON");
  // This risk actor finds no execution: it halts and says so.
  auto e = error_of(ask(insp, atom::put_v, {"emergency-stop", "hacked"}));
  EXPECT_NE(e.find("emergency stop: "), std::string::npos) << e;
  EXPECT_NE(e.find("no execution to flatten"), std::string::npos) << e;
  auto r = get(insp, {"risk"});
  EXPECT_EQ(r["halted"], true);
  EXPECT_EQ(r["halt_reason"], "operator: hacked");
  EXPECT_TRUE(r["usage"].is_array());
  EXPECT_EQ(r["limits"]["liquidation_guard"]["distance"], 0.05);
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, ReloadAsksTheReloaderAndRefusalIsAnError) {
  auto line = std::make_shared<std::string>();
  auto reloader = [line]() -> reloader_actor::behavior_type {
    return {[line](atom::reload) { return *line; }};
  };
  bus = sys.spawn(event_bus, size_t{10});
  inspector::inspector_setup is;
  is.bus = bus;
  is.control = true;
  is.reloader = keep(sys.spawn(reloader));
  auto insp = sys.spawn(inspector::inspector, is);
  *line = "reloaded: +strategies [b], -strategies [], ~strategies [], "
          "risk changes 0";
  auto j = ask(insp, atom::put_v, {"reload"});
  EXPECT_EQ(j["command"], "reload");
  EXPECT_EQ(j["result"], *line);
  *line = "refused: needs a restart to change node.store; the running "
          "configuration stays";
  EXPECT_EQ(error_of(ask(insp, atom::put_v, {"reload"})), *line);
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, StrategyStopHoldsItDownUntilStarted) {
  auto insp = make(true);
  add_trading_fakes();
  ASSERT_EQ(strategy_spawns, 1);
  EXPECT_EQ(error_of(ask(insp, atom::put_v, {"strategy", "stop", "nope"})),
            "no strategy 'nope'; known: spread:BTC");
  auto j = ask(insp, atom::put_v, {"strategy", "stop", "spread"});
  ASSERT_EQ(j["strategies"].size(), 1u);
  EXPECT_EQ(j["strategies"][0]["id"], "spread:BTC");
  EXPECT_EQ(j["strategies"][0]["state"], "stopped");
  advance(1min); // the node does not restart it
  EXPECT_EQ(strategy_spawns, 1);
  EXPECT_EQ(get(insp, {"actors"})["actors"][0]["state"], "stopped");
  EXPECT_EQ(get(insp, {"strategies"})["strategies"][0]["error"],
            "not running");
  j = ask(insp, atom::put_v, {"strategy", "start", "spread:BTC"});
  EXPECT_EQ(j["strategies"][0]["state"], "running");
  EXPECT_EQ(strategy_spawns, 2);
  EXPECT_EQ(get(insp, {"strategies"})["strategies"][0]["trades_started"], 1);
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}

TEST_F(inspector_fixture, UnknownCommandSaysWhatExists) {
  auto insp = make(true);
  auto j = get(insp, {"bogus"});
  EXPECT_NE(error_of(j).find("unknown command 'bogus'"), std::string::npos);
  EXPECT_NE(error_of(ask(insp, atom::put_v, {"bogus"}))
              .find("unknown control command 'bogus'"),
            std::string::npos);
  caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
}
