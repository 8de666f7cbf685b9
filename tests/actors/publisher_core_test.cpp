// The API publisher's core: spreads from two books (exact basis points),
// the PnL summary, the ranked and expiring opportunities, the event
// streams, and which inspector commands are due when.

#include "actors/api/publisher_core.hpp"

#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/actors/publisher_fixtures.hpp"

using namespace karb;
using namespace karb::api;
using nlohmann::json;
using namespace karb::api::fixtures;

namespace {

event make(event_type t, json data, std::string source = "strategy:spread") {
  event e;
  e.type = t;
  e.data = data.dump();
  e.ts_ns = 5;
  e.source = std::move(source);
  return e;
}

event found(const std::string& id, const char* profit, const char* price) {
  json d{{"id", id}, {"expected_profit", profit}, {"size", "0.01"}};
  if (price)
    d["buy_price"] = price;
  return make(event_type::arbitrage_opportunity_found, d);
}

std::vector<std::string> ids(const json& opportunities) {
  std::vector<std::string> out;
  for (auto& x : opportunities["items"])
    out.push_back(x["id"]);
  return out;
}

std::vector<std::string> topics(const std::vector<inspector_request>& rs) {
  std::vector<std::string> out;
  for (auto& r : rs)
    out.push_back(r.topic);
  std::sort(out.begin(), out.end());
  return out;
}

const board_write* find(const std::vector<board_write>& ws,
                        const std::string& topic) {
  for (auto& w : ws)
    if (w.topic == topic)
      return &w;
  return nullptr;
}

} // namespace

// -- spreads ------------------------------------------------------------------

TEST(publisher_spread, BasisPointsOfBothDirectionsAreExact) {
  // A -> B: buy at upbit's ask 100.5, sell at bithumb's bid 101:
  //   0.5 / 100.5 = 0.00497512 (8 places) -> 49.7512 bp -> 49.75.
  // B -> A: buy at bithumb's ask 101.2, sell at upbit's bid 100:
  //   -1.2 / 101.2 = -0.01185771 -> -118.5771 bp -> -118.58.
  auto j = spread_json(upbit_bithumb(), book("100", "100.5"),
                       book("101", "101.2"), 1234);
  ASSERT_TRUE(j);
  EXPECT_EQ((*j)["pair"], "upbit-bithumb");
  EXPECT_EQ((*j)["a"], "upbit");
  EXPECT_EQ((*j)["b"], "bithumb");
  EXPECT_EQ((*j)["base"], "BTC");
  EXPECT_EQ((*j)["ts_ms"], 1234);
  EXPECT_EQ((*j)["a_to_b_bp"], "49.75");
  EXPECT_EQ((*j)["b_to_a_bp"], "-118.58");
  EXPECT_EQ((*j)["threshold_bp"], "19");
}

TEST(publisher_spread, KrwPricesDoNotOverflow) {
  // 150,300,000 / 150,000,000 - 1 = 0.002 = 20 bp.
  EXPECT_EQ(basis_points(dec("150000000"), dec("150300000")), dec("20"));
  EXPECT_EQ(basis_points(dec("0"), dec("1")), std::nullopt);
}

TEST(publisher_spread, NoSpreadWithoutBothSidesOfBothBooks) {
  json empty{{"bids", json::array()}, {"asks", json::array()}};
  json error{{"error", "market data: not subscribed: KRW-BTC"}};
  EXPECT_FALSE(spread_json(upbit_bithumb(), book("1", "2"), empty, 0));
  EXPECT_FALSE(spread_json(upbit_bithumb(), error, book("1", "2"), 0));
}

TEST(publisher_spread, ASpreadFollowsTheSecondOfItsBooks) {
  publisher_core core{two_books(), {}};
  core.due(0);
  auto w = core.answered("book:upbit:KRW-BTC", book("100", "100.5").dump(), 7);
  EXPECT_TRUE(find(w, "book:upbit:KRW-BTC"));
  EXPECT_FALSE(find(w, "spread:upbit-bithumb:BTC"));
  w = core.answered("book:bithumb:KRW-BTC", book("101", "101.2").dump(), 9);
  auto s = find(w, "spread:upbit-bithumb:BTC");
  ASSERT_TRUE(s);
  EXPECT_EQ(json::parse(s->json)["a_to_b_bp"], "49.75");
  EXPECT_EQ(json::parse(s->json)["ts_ms"], 9);
}

// -- pnl ----------------------------------------------------------------------

TEST(publisher_pnl, SumsTradesPerQuoteAndRatesTheFinishedOnes) {
  json risk{{"daily_pnl", {{"KRW", "1500"}}}};
  json trades{{"recent",
               {{{"symbol", "BTC/KRW"}, {"outcome", "completed"},
                 {"pnl_krw", "1000"}},
                {{"symbol", "BTC/KRW"}, {"outcome", "unwound"},
                 {"pnl_krw", "-200"}},
                {{"symbol", "ETH/USDT"}, {"outcome", "completed"},
                 {"pnl_krw", "3.5"}},
                {{"symbol", "BTC/KRW"}, {"outcome", ""}, {"pnl_krw", "0"}}}}};
  json funding{{"funding_pnl", {{"USDT", "1.25"}}}};
  auto j = pnl_json(risk, trades, funding);
  EXPECT_EQ(j["day"], (json{{"KRW", "1500"}}));
  // KRW: 1000 - 200 + 0 = 800; USDT: 3.5.
  EXPECT_EQ(j["total"], (json{{"KRW", "800"}, {"USDT", "3.5"}}));
  EXPECT_EQ(j["funding"], (json{{"USDT", "1.25"}}));
  EXPECT_EQ(j["trades"], 4);
  EXPECT_EQ(j["completed"], 2);
  // 2 completed of 3 finished (the open one does not count).
  EXPECT_EQ(j["success_rate"], "0.66666667");
}

TEST(publisher_pnl, ErrorsAndMissingAnswersGiveEmptyParts) {
  auto j = pnl_json(json{{"error", "risk is not running on this node"}},
                    json::object(), json::object());
  EXPECT_EQ(j["day"], json::object());
  EXPECT_EQ(j["total"], json::object());
  EXPECT_EQ(j["funding"], json::object());
  EXPECT_EQ(j["trades"], 0);
  EXPECT_EQ(j["success_rate"], "0");
}

TEST(publisher_pnl, RiskTradesAndFundingAnswersEachRepublishPnl) {
  publisher_core core{{}, {}};
  core.due(0);
  auto w = core.answered("risk", json{{"daily_pnl", {{"KRW", "5"}}}}.dump(),
                         0);
  ASSERT_TRUE(find(w, "pnl"));
  EXPECT_EQ(json::parse(find(w, "pnl")->json)["day"]["KRW"], "5");
  w = core.answered("funding",
                    json{{"funding_pnl", {{"USDT", "2"}}}}.dump(), 0);
  auto pnl = json::parse(find(w, "pnl")->json);
  EXPECT_EQ(pnl["day"]["KRW"], "5"); // risk's answer is kept
  EXPECT_EQ(pnl["funding"]["USDT"], "2");
  EXPECT_FALSE(find(core.answered("balances", "{}", 0), "pnl"));
}

// -- opportunities ------------------------------------------------------------

TEST(publisher_opportunities, RankedByProfitRateBestFirst) {
  opportunity_board board{10'000, 20};
  // Rates: a 100 / (0.01 x 100,000) = 0.1; b 50 / 1,000 = 0.05;
  // c has no buy price (a hedge): no rate, last.
  board.apply(found("b", "50", "100000"), 0, 0);
  board.apply(found("c", "999", nullptr), 0, 0);
  board.apply(found("a", "100", "100000"), 0, 0);
  auto j = board.to_json();
  EXPECT_EQ(ids(j), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(j["items"][0]["profit_rate"], "0.1");
  EXPECT_EQ(j["items"][2]["profit_rate"], nullptr);
  EXPECT_EQ(j["items"][0]["data"]["expected_profit"], "100");
}

TEST(publisher_opportunities, ExpireAfterTheTtlOrOnTheirExpiredEvent) {
  opportunity_board board{10'000, 20};
  board.apply(found("a", "100", "100000"), 0, 1000);
  board.apply(found("b", "50", "100000"), 4000, 5000);
  EXPECT_EQ(board.to_json()["items"][0]["expires_ms"], 11'000);
  EXPECT_TRUE(board.apply(
    make(event_type::arbitrage_opportunity_expired, {{"id", "b"}}), 5000, 0));
  EXPECT_EQ(ids(board.to_json()), (std::vector<std::string>{"a"}));
  EXPECT_FALSE(board.expire(9999));
  EXPECT_TRUE(board.expire(10'000));
  EXPECT_TRUE(board.to_json()["items"].empty());
}

TEST(publisher_opportunities, OnlyTheBestTwentyArePublished) {
  opportunity_board board{10'000, 20};
  for (int i = 1; i <= 25; ++i)
    board.apply(found("o" + std::to_string(i), std::to_string(i).c_str(),
                      "100000"),
                0, 0);
  auto j = board.to_json();
  ASSERT_EQ(j["items"].size(), 20u);
  EXPECT_EQ(j["items"][0]["id"], "o25");
  EXPECT_EQ(j["items"][19]["id"], "o6");
}

// -- events -------------------------------------------------------------------

TEST(publisher_events, EveryEventIsStreamedAndAlertsTwice) {
  publisher_core core{{}, {}};
  auto w = core.on_event(make(event_type::exchange_connected,
                              {{"venue", "upbit"}}, "venue:upbit"),
                         0, 0);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_TRUE(w[0].stream);
  auto item = json::parse(w[0].json);
  EXPECT_EQ(item["type"], "exchange_connected");
  EXPECT_EQ(item["source"], "venue:upbit");
  EXPECT_EQ(item["ts_ns"], 5);
  EXPECT_EQ(item["correlation_id"], "");
  EXPECT_EQ(item["data"]["venue"], "upbit");
  w = core.on_event(make(event_type::risk_limit_breach, {{"limit", "x"}}), 0,
                    0);
  ASSERT_TRUE(find(w, "alerts"));
  EXPECT_TRUE(find(w, "alerts")->stream);
  EXPECT_EQ(json::parse(find(w, "alerts")->json)["type"], "risk_limit_breach");
}

TEST(publisher_events, MarketDataHasItsOwnStream) {
  publisher_core core{{}, {}};
  auto w = core.on_event(make(event_type::orderbook_update,
                              {{"venue", "upbit"}}, "book:upbit"),
                         0, 0);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].topic, "market");
  EXPECT_TRUE(w[0].stream);
  w = core.on_event(make(event_type::order_filled, {{"id", "x"}}), 0, 0);
  ASSERT_TRUE(find(w, "events"));
  EXPECT_FALSE(find(w, "market"));
}

TEST(publisher_events, OrderEventsShowUpAsRecentOrders) {
  publisher_core core{{}, {}};
  core.due(0);
  core.on_event(make(event_type::order_filled, {{"order", "karb-T1-0-1"}}), 0,
                0);
  auto w = core.answered("orders", json{{"orders", json::array()}}.dump(), 0);
  auto j = json::parse(find(w, "orders")->json);
  ASSERT_EQ(j["recent"].size(), 1u);
  EXPECT_EQ(j["recent"][0]["data"]["order"], "karb-T1-0-1");
}

// -- timing -------------------------------------------------------------------

TEST(publisher_due, SlowTopicsEverySnapshotBooksEveryQuarter) {
  publisher_core core{two_books(), {}};
  EXPECT_EQ(core.tick_ms(), 250);
  auto first = core.due(0);
  EXPECT_EQ(first.size(), 12u); // ten slow topics, two books
  for (auto& r : first)
    core.answered(r.topic, "{}", 0);
  EXPECT_EQ(topics(core.due(250)),
            (std::vector<std::string>{"book:bithumb:KRW-BTC",
                                      "book:upbit:KRW-BTC"}));
  for (auto& t : {"book:bithumb:KRW-BTC", "book:upbit:KRW-BTC"})
    core.answered(t, "{}", 0);
  EXPECT_TRUE(core.due(400).empty()); // before the next quarter
  EXPECT_EQ(core.due(500).size(), 2u);
  for (auto& t : {"book:bithumb:KRW-BTC", "book:upbit:KRW-BTC"})
    core.answered(t, "{}", 0);
  EXPECT_EQ(core.due(1000).size(), 12u);
}

TEST(publisher_due, AnUnansweredTopicIsNotAskedAgainUntilItAnswers) {
  publisher_core core{{}, {}};
  core.due(0);
  for (auto& t : {"strategies", "orders", "trades", "positions", "balances",
                  "risk", "funding", "actors", "latency"})
    core.answered(t, "{}", 0);
  EXPECT_TRUE(core.outstanding("status"));
  auto later = topics(core.due(1000));
  EXPECT_EQ(std::count(later.begin(), later.end(), "status"), 0);
  EXPECT_EQ(later.size(), 9u);
  core.failed("status"); // a timeout: asked again when due
  EXPECT_EQ(topics(core.due(1250)), (std::vector<std::string>{"status"}));
}

TEST(publisher_due, AnOrderEventMakesTradingTopicsDueAtTheNextTick) {
  publisher_core core{{}, {}};
  for (auto& r : core.due(0))
    core.answered(r.topic, "{}", 0);
  EXPECT_TRUE(core.due(250).empty());
  core.on_event(make(event_type::order_filled, {}), 0, 0);
  EXPECT_EQ(topics(core.due(500)),
            (std::vector<std::string>{"balances", "orders", "positions",
                                      "risk", "trades"}));
  for (auto& t : {"balances", "orders", "positions", "risk", "trades"})
    core.answered(t, "{}", 0);
  EXPECT_TRUE(core.due(750).empty()); // the mark is spent
}

TEST(publisher_due, AMarkWaitsForTheOutstandingRequest) {
  publisher_core core{{}, {}};
  core.due(0); // every slow topic outstanding
  core.on_event(make(event_type::position_updated, {}), 0, 0);
  EXPECT_TRUE(core.due(250).empty());
  core.answered("orders", "{}", 0);
  EXPECT_EQ(topics(core.due(500)), (std::vector<std::string>{"orders"}));
}

TEST(publisher_initial, IndexesConfigAndAnEmptyRanking) {
  publisher_core core{two_books(), {}};
  auto w = core.initial(R"({"node":{}})");
  EXPECT_EQ(json::parse(find(w, "books")->json)["books"],
            (json{"book:upbit:KRW-BTC", "book:bithumb:KRW-BTC"}));
  EXPECT_EQ(json::parse(find(w, "spreads")->json)["pairs"],
            (json{"spread:upbit-bithumb:BTC"}));
  EXPECT_EQ(find(w, "config")->json, R"({"node":{}})");
  EXPECT_TRUE(json::parse(find(w, "opportunities")->json)["items"].empty());
}

TEST(publisher_status, VenuesAreDerivedFromStatus) {
  publisher_core core{{}, {}};
  core.due(0);
  auto w = core.answered(
    "status", json{{"node", "n1"}, {"venues", {{{"venue", "upbit"}}}}}.dump(),
    0);
  ASSERT_TRUE(find(w, "venues"));
  EXPECT_EQ(json::parse(find(w, "venues")->json)["venues"][0]["venue"],
            "upbit");
}
