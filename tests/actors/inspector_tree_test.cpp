// The inspector's `actors` tree (the node's children, the books under
// market data, each trade with its orders under execution) and the order
// controls `cancel ORDER_ID` and `cancel-all`, against fakes in virtual
// time.

#include "actors/inspector/actor_tree.hpp"
#include "actors/inspector/inspector.hpp"

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/node/node.hpp"
#include "tests/actors/inspector_fakes.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace karb::inspector::test;
using nlohmann::json;

namespace {

instrument upbit_btc() {
  return {exchange::upbit, "BTC", "KRW", "KRW-BTC", contract_type::spot};
}

order live_order(const std::string& cid, order_status status) {
  order o;
  o.client_order_id = cid;
  o.symbol = upbit_btc();
  o.status = status;
  return o;
}

/// A node whose children are market data, execution and one strategy,
/// each a fake that registers in the trading handles.
struct tree_fixture : test::actor_fixture {
  event_bus_actor bus;
  node_actor node_hdl;
  std::shared_ptr<app::trading_handles> handles
    = std::make_shared<app::trading_handles>();

  template <class Spawn>
  node::child_spec child(std::string name, std::string kind, Spawn f) {
    return {std::move(name), std::move(kind),
            {node::restart_policy::restart, 10},
            [f](caf::actor_system& sys) { return f(sys); }};
  }

  inspector_actor make(bool control, bool with_execution = true) {
    bus = sys.spawn(event_bus, size_t{10});
    node::node_setup s;
    s.name = "n1";
    s.bus = bus;
    s.random = [] { return 0.0; };
    auto h = handles;
    s.children.push_back(
      child("market_data", "market_data", [h](caf::actor_system& sys) {
        book_view v;
        v.book.symbol = upbit_btc();
        v.healthy = true;
        auto md = sys.spawn(fake_market_data, v, book_stats{}, false);
        std::lock_guard<std::mutex> g{h->mtx};
        h->market_data = md;
        return caf::actor_cast<caf::actor>(md);
      }));
    if (with_execution)
      s.children.push_back(
        child("execution", "execution", [h](caf::actor_system& sys) {
          // T1's two legs, and an order whose trade has ended.
          auto ex = sys.spawn(
            fake_execution,
            std::vector<order>{live_order("karb-T1-0-1", order_status::open),
                               live_order("karb-T1-1-1",
                                          order_status::submitted),
                               live_order("karb-T0-0-2",
                                          order_status::open)});
          std::lock_guard<std::mutex> g{h->mtx};
          h->execution = ex;
          return caf::actor_cast<caf::actor>(ex);
        }));
    s.children.push_back(
      child("strategy:spread:BTC", "strategy", [h](caf::actor_system& sys) {
        auto st = sys.spawn(fake_strategy, strategy_status{});
        std::lock_guard<std::mutex> g{h->mtx};
        h->strategies["spread:BTC"] = st;
        return caf::actor_cast<caf::actor>(st);
      }));
    node_hdl = sys.spawn(node::supervisor, s);
    run();
    inspector::inspector_setup is;
    is.node = node_hdl;
    is.bus = bus;
    is.control = control;
    is.trading = handles;
    insp = sys.spawn(inspector::inspector, is);
    return insp;
  }

  template <class Atom>
  json ask(Atom a, std::vector<std::string> args) {
    std::string out;
    auto rh = self->request(insp, caf::infinite, a, std::move(args));
    run();
    rh.receive([&](const std::string& r) { out = r; },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    return json::parse(out);
  }

  ~tree_fixture() override {
    caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(node_hdl, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
    run();
  }

  inspector_actor insp;
};

/// The child of `x` named `name` (null json if none).
json child_named(const json& x, const std::string& name) {
  for (auto& c : x["children"])
    if (c["name"] == name)
      return c;
  return json{};
}

} // namespace

TEST_F(tree_fixture, ActorsListsBooksTradesAndOrdersAsATree) {
  make(false);
  auto j = ask(atom::get_v, {"actors"});
  // The flat list karb-inspect showed before stays.
  ASSERT_EQ(j["actors"].size(), 3u);
  auto tree = j["tree"];
  EXPECT_EQ(tree["name"], "n1");
  EXPECT_EQ(tree["kind"], "node");
  EXPECT_EQ(tree["state"], "running");
  ASSERT_EQ(tree["children"].size(), 3u);
  auto md = child_named(tree, "market_data");
  ASSERT_EQ(md["children"].size(), 1u);
  EXPECT_EQ(md["children"][0]["name"], "book:upbit:KRW-BTC");
  EXPECT_EQ(md["children"][0]["kind"], "book");
  EXPECT_EQ(md["children"][0]["state"], "healthy");
  auto ex = child_named(tree, "execution");
  EXPECT_EQ(ex["state"], "running");
  ASSERT_EQ(ex["children"].size(), 2u); // trade T1, T0's orphan order
  auto t1 = child_named(ex, "trade:T1");
  EXPECT_EQ(t1["kind"], "trade");
  EXPECT_EQ(t1["state"], "legs_submitted");
  ASSERT_EQ(t1["children"].size(), 2u);
  EXPECT_EQ(t1["children"][0]["name"], "order:karb-T1-0-1");
  EXPECT_EQ(t1["children"][0]["kind"], "order");
  EXPECT_EQ(t1["children"][0]["state"], "open");
  EXPECT_EQ(t1["children"][0]["order_id"], "karb-T1-0-1");
  EXPECT_EQ(t1["children"][0]["venue"], "upbit");
  EXPECT_EQ(t1["children"][1]["state"], "submitted");
  auto orphan = child_named(ex, "order:karb-T0-0-2");
  EXPECT_EQ(orphan["kind"], "order");
  auto strategy = child_named(tree, "strategy:spread:BTC");
  EXPECT_EQ(strategy["kind"], "strategy");
  EXPECT_TRUE(strategy["children"].empty());
}

TEST_F(tree_fixture, ActorsShowsWhatAStoppedComponentCannotAnswer) {
  make(false);
  caf::anon_send_exit(handles->market_data, caf::exit_reason::kill);
  run();
  auto j = ask(atom::get_v, {"actors"});
  auto md = child_named(j["tree"], "market_data");
  EXPECT_TRUE(md["children"].empty());
  EXPECT_EQ(md["error"], "not running");
}

TEST(actor_tree, OrdersFindTheirTradeByTheClientOrderId) {
  std::vector<std::string> trades{"T1", "T11", "1abcx7"};
  EXPECT_EQ(inspector::trade_of_order("karb-T1-0-1", trades), "T1");
  EXPECT_EQ(inspector::trade_of_order("karb-T11-1-3", trades), "T11");
  EXPECT_EQ(inspector::trade_of_order("karb-1abcx7-0-1", trades), "1abcx7");
  EXPECT_EQ(inspector::trade_of_order("karb-T2-0-1", trades), "");
  EXPECT_EQ(inspector::trade_of_order("foreign", trades), "");
}

TEST_F(tree_fixture, CancelAsksExecutionForOneLiveOrder) {
  make(true);
  auto j = ask(atom::put_v, {"cancel", "karb-T1-0-1"});
  EXPECT_EQ(j["command"], "cancel");
  EXPECT_EQ(j["order_id"], "karb-T1-0-1");
  EXPECT_EQ(j["result"], "cancel requested");
  j = ask(atom::put_v, {"cancel", "karb-nope-0-1"});
  EXPECT_EQ(j["error"], "cancel: no live order 'karb-nope-0-1'");
  j = ask(atom::put_v, {"cancel"});
  EXPECT_EQ(j["error"],
            "usage: cancel ORDER_ID (a client order id, see orders)");
}

TEST_F(tree_fixture, CancelAllRepliesHowManyOrdersItAsked) {
  make(true);
  auto j = ask(atom::put_v, {"cancel-all"});
  EXPECT_EQ(j["command"], "cancel-all");
  EXPECT_EQ(j["orders_cancelled"], 3);
  EXPECT_EQ(j["trades_stopped"], 1);
}

TEST_F(tree_fixture, OrderControlsNeedControlAndExecution) {
  make(false);
  EXPECT_NE(ask(atom::put_v, {"cancel-all"})["error"].get<std::string>().find(
              "control commands are disabled"),
            std::string::npos);
}

TEST_F(tree_fixture, OrderControlsSayWhenExecutionIsNotRunning) {
  make(true, false);
  EXPECT_EQ(ask(atom::put_v, {"cancel-all"})["error"],
            "execution is not running on this node");
  EXPECT_EQ(ask(atom::put_v, {"cancel", "karb-T1-0-1"})["error"],
            "execution is not running on this node");
}
