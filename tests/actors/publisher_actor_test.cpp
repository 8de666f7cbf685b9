// The API publisher on the test coordinator, driven by hand, with a fake
// inspector at the edge: what it asks and when (slow topics every
// snapshot, books every quarter, one request per topic at a time, a
// timeout frees a topic), what it writes to the board, the event streams,
// and an order event refreshing the orders at the next quarter tick.

#include "actors/api/publisher.hpp"

#include <algorithm>
#include <set>

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/actors/publisher_fixtures.hpp"

#include "actors/bus/event_bus.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace karb::api;
using namespace std::chrono_literals;
using nlohmann::json;
using namespace karb::api::fixtures;

namespace {

/// What the fake inspector was asked and how it answers: by the command's
/// first word ("book upbit" for books), "{}" when not scripted; commands in
/// `silent` never answer.
struct inspector_script {
  std::vector<std::vector<std::string>> asked;
  std::map<std::string, std::string> answers;
  std::set<std::string> silent;
  std::vector<caf::typed_response_promise<std::string>> held;

  int count(const std::string& command) const {
    return static_cast<int>(
      std::count_if(asked.begin(), asked.end(),
                    [&](const auto& a) { return a[0] == command; }));
  }
};

std::string key_of(const std::vector<std::string>& args) {
  return args[0] == "book" && args.size() > 1 ? "book " + args[1] : args[0];
}

inspector_actor::behavior_type
fake_inspector(inspector_actor::pointer self,
               std::shared_ptr<inspector_script> s) {
  return {
    [=](atom::get,
        const std::vector<std::string>& args) -> caf::result<std::string> {
      s->asked.push_back(args);
      if (s->silent.count(args[0])) {
        s->held.push_back(self->make_response_promise<std::string>());
        return s->held.back();
      }
      auto i = s->answers.find(key_of(args));
      return i == s->answers.end() ? std::string{"{}"} : i->second;
    },
    [](atom::put, const std::vector<std::string>&) {
      return std::string{R"({"error":"reads only"})"};
    },
  };
}

event test_event(event_type t, json data) {
  event e;
  e.type = t;
  e.data = data.dump();
  e.source = "test";
  return e;
}

class publisher_test : public test::actor_fixture {
protected:
  ~publisher_test() override {
    script->held.clear();
    if (pub)
      caf::anon_send_exit(pub, caf::exit_reason::user_shutdown);
    if (insp)
      caf::anon_send_exit(insp, caf::exit_reason::user_shutdown);
    run();
  }

  void start() {
    insp = sys.spawn(fake_inspector, script);
    publisher_setup s;
    s.board = board;
    s.inspector = insp;
    s.plan = two_books();
    s.config_json = R"({"node":{"name":"n1"}})";
    s.wall = [] { return int64_t{42'000'000}; }; // 42 ms
    pub = sys.spawn(publisher, s);
    run();
  }

  /// One quarter tick (snapshot_ms 1000).
  void tick() { advance(250ms); }

  json topic(const std::string& name) {
    auto e = board->get(name);
    return e ? json::parse(*e->json) : json{};
  }

  std::shared_ptr<inspector_script> script
    = std::make_shared<inspector_script>();
  std::shared_ptr<snapshot_board> board = std::make_shared<snapshot_board>();
  inspector_actor insp;
  api_publisher_actor pub;
};

} // namespace

TEST_F(publisher_test, SlowTopicsEverySnapshotBooksEveryQuarter) {
  start();
  EXPECT_EQ(script->asked.size(), 12u); // ten slow topics, two books
  EXPECT_EQ(script->count("status"), 1);
  EXPECT_EQ(script->count("book"), 2);
  EXPECT_EQ(script->count("trades"), 1);
  for (int i = 0; i < 3; ++i)
    tick();
  EXPECT_EQ(script->count("book"), 8);   // at 0, 250, 500, 750 ms
  EXPECT_EQ(script->count("status"), 1); // not before a second is over
  tick();
  EXPECT_EQ(script->count("book"), 10);
  EXPECT_EQ(script->count("status"), 2);
  EXPECT_EQ(script->asked.size(), 30u);
}

TEST_F(publisher_test, AnswersBecomeTopicsSpreadsAndVenues) {
  script->answers["book upbit"] = book("100", "100.5").dump();
  script->answers["book bithumb"] = book("101", "101.2").dump();
  script->answers["status"]
    = json{{"node", "n1"}, {"venues", {{{"venue", "upbit"}}}}}.dump();
  script->answers["risk"] = json{{"daily_pnl", {{"KRW", "7"}}}}.dump();
  start();
  auto spread = topic("spread:upbit-bithumb:BTC");
  EXPECT_EQ(spread["a_to_b_bp"], "49.75");
  EXPECT_EQ(spread["b_to_a_bp"], "-118.58");
  EXPECT_EQ(spread["threshold_bp"], "19");
  EXPECT_EQ(spread["ts_ms"], 42);
  EXPECT_EQ(topic("book:upbit:KRW-BTC")["asks"][0]["price"], "100.5");
  EXPECT_EQ(topic("venues")["venues"][0]["venue"], "upbit");
  EXPECT_EQ(topic("pnl")["day"]["KRW"], "7");
  EXPECT_EQ(topic("books")["books"].size(), 2u);
  EXPECT_EQ(topic("spreads")["pairs"][0], "spread:upbit-bithumb:BTC");
  EXPECT_EQ(topic("config")["node"]["name"], "n1");
  // The book command the inspector got.
  auto b = std::find_if(script->asked.begin(), script->asked.end(),
                        [](auto& a) { return a[0] == "book"; });
  EXPECT_EQ(*b, (std::vector<std::string>{"book", "upbit", "BTC/KRW",
                                          "--depth", "10"}));
}

TEST_F(publisher_test, OneOutstandingRequestPerTopicUntilItsTimeout) {
  script->silent = {"status"};
  start();
  for (int i = 0; i < 8; ++i) // two seconds
    tick();
  EXPECT_EQ(script->count("status"), 1); // still unanswered
  EXPECT_EQ(script->count("risk"), 3);   // at 0, 1 and 2 s
  EXPECT_FALSE(board->get("status"));
  for (int i = 0; i < 13; ++i) // past five seconds: it timed out
    tick();
  EXPECT_EQ(script->count("status"), 2);
}

TEST_F(publisher_test, EventsAreStreamedAndAlertsToo) {
  start();
  caf::anon_send(pub, test_event(event_type::exchange_connected,
                                 {{"venue", "upbit"}}));
  caf::anon_send(pub, test_event(event_type::risk_alert, {{"reason", "x"}}));
  run();
  auto events = board->recent("events", 10);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(json::parse(*events[0].json)["data"]["venue"], "upbit");
  auto alerts = board->recent("alerts", 10);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(json::parse(*alerts[0].json)["type"], "risk_alert");
}

TEST_F(publisher_test, AnOrderEventRefreshesOrdersAtTheNextQuarterTick) {
  start();
  tick(); // 250 ms: books only
  EXPECT_EQ(script->count("orders"), 1);
  // However many events arrive, one request per topic per tick.
  for (int i = 0; i < 50; ++i)
    caf::anon_send(pub, test_event(event_type::order_filled,
                                   {{"client_order_id", "karb-T1-0-1"}}));
  run();
  EXPECT_EQ(script->count("orders"), 1); // not before the tick
  tick(); // 500 ms
  EXPECT_EQ(script->count("orders"), 2);
  EXPECT_EQ(script->count("trades"), 2);
  EXPECT_EQ(script->count("balances"), 2);
  EXPECT_EQ(script->count("status"), 1); // untouched by order events
  EXPECT_EQ(topic("orders")["recent"][0]["data"]["client_order_id"],
            "karb-T1-0-1");
}

TEST_F(publisher_test, OpportunitiesExpireOnTheTimer) {
  start();
  caf::anon_send(pub, test_event(event_type::arbitrage_opportunity_found,
                                 {{"id", "o1"},
                                  {"expected_profit", "100"},
                                  {"size", "0.01"},
                                  {"buy_price", "100000"}}));
  run();
  ASSERT_EQ(topic("opportunities")["items"].size(), 1u);
  EXPECT_EQ(topic("opportunities")["items"][0]["profit_rate"], "0.1");
  for (int i = 0; i < 39; ++i) // 9.75 s
    tick();
  EXPECT_EQ(topic("opportunities")["items"].size(), 1u);
  tick(); // 10 s
  EXPECT_TRUE(topic("opportunities")["items"].empty());
}

// -- the wiring: plan, masked configuration, bus subscription ----------------

namespace {

config::settings two_venue_config() {
  config::settings cfg;
  config::venue_settings up;
  up.venue = exchange::upbit;
  up.name = "upbit";
  up.fees.taker = dec("0.0005");
  up.access_key = "AKIA-visible-if-leaked";
  up.secret_key = secret{"s3cr3t-visible-if-leaked"};
  config::venue_settings bt = up;
  bt.venue = exchange::bithumb;
  bt.name = "bithumb";
  bt.fees.taker = dec("0.0004");
  cfg.venues = {up, bt};
  config::strategy_settings st;
  st.id = "spread";
  st.type = "spread_arbitrage";
  st.venues = {"upbit", "bithumb"};
  st.symbols = {"BTC"};
  st.quote = "KRW";
  st.min_profit_rate = dec("0.001");
  cfg.strategies = {st};
  cfg.alerts.webhook_url = "https://hooks.invalid/token-visible-if-leaked";
  return cfg;
}

} // namespace

TEST_F(publisher_test, StartPublisherWatchesTheStrategiesAndHearsTheBus) {
  auto bus = sys.spawn(event_bus, size_t{10});
  insp = sys.spawn(fake_inspector, script);
  pub = start_publisher(sys, board, insp, bus, two_venue_config(), 1000);
  run();
  EXPECT_EQ(topic("books")["books"],
            (json{"book:upbit:KRW-BTC", "book:bithumb:KRW-BTC"}));
  EXPECT_EQ(topic("spreads")["pairs"], (json{"spread:upbit-bithumb:BTC"}));
  EXPECT_EQ(script->count("book"), 2);
  // Both taker fees and the minimum profit rate: 5 + 4 + 10 bp.
  script->answers["book upbit"] = book("100", "100.5").dump();
  script->answers["book bithumb"] = book("101", "101.2").dump();
  tick();
  EXPECT_EQ(topic("spread:upbit-bithumb:BTC")["threshold_bp"], "19");
  auto config = board->get("config");
  ASSERT_TRUE(config);
  EXPECT_EQ(config->json->find("visible-if-leaked"), std::string::npos);
  EXPECT_EQ(topic("config")["venues"][0]["secret_key"], "***");
  EXPECT_EQ(topic("config")["venues"][0]["access_key"], "***");
  EXPECT_EQ(topic("config")["alerts"]["webhook_url"], "***");
  EXPECT_EQ(topic("config")["strategies"][0]["min_profit_rate"], "0.001");
  caf::anon_send(bus, atom::publish_v,
                 karb::make_event(event_type::system_startup, "node"));
  run();
  EXPECT_EQ(board->recent("events", 10).size(), 1u);
  caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
}
