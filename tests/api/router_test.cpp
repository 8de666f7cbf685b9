// The router as a pure core: every route, the token rules, and the
// control commands each route maps to (a recording control function).

#include "actors/api/router.hpp"
#include "actors/api/auth.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api_fixture.hpp"

using namespace karb;
using namespace karb::api;
using json = nlohmann::json;

namespace {

struct router_fixture : ::testing::Test {
  std::shared_ptr<snapshot_board> board = std::make_shared<snapshot_board>();
  test::control_recorder rec;

  http_response call(const router& r, std::string method, std::string target,
                     std::string body = {},
                     std::optional<std::string> token = {}) {
    http_request req{std::move(method), std::move(target), {}, std::move(body)};
    if (token)
      req.headers["authorization"] = "Bearer " + *token;
    std::optional<http_response> out;
    r.handle(req, [&](http_response x) { out = std::move(x); });
    EXPECT_TRUE(out) << "no response (yet)";
    return out.value_or(http_response{0, "", "", {}});
  }

  http_response get(std::string target) {
    router r{test::test_routes(board, rec)};
    return call(r, "GET", std::move(target));
  }

  http_response post(std::string target, std::string body = {}) {
    router r{test::test_routes(board, rec)};
    return call(r, "POST", std::move(target), std::move(body),
                test::api_token);
  }

  static std::string error_of(const http_response& r) {
    return json::parse(r.body).value("error", "");
  }
};

} // namespace

// -- reads ----------------------------------------------------------------------

TEST_F(router_fixture, EverySnapshotTopicIsServedAsPublished) {
  for (auto topic : {"status", "venues", "strategies", "orders", "trades",
                     "positions", "balances", "pnl", "risk", "funding",
                     "config", "actors", "latency"}) {
    auto before = get(std::string{"/api/v1/"} + topic);
    EXPECT_EQ(before.status, 503) << topic;
    EXPECT_NE(error_of(before).find("no snapshot"), std::string::npos);
    auto doc = json{{"topic", topic}}.dump();
    board->put(topic, doc);
    auto after = get(std::string{"/api/v1/"} + topic);
    EXPECT_EQ(after.status, 200) << topic;
    EXPECT_EQ(after.body, doc);
    EXPECT_EQ(after.content_type, "application/json");
  }
}

TEST_F(router_fixture, BooksAndSpreadsAreListedAndServedByName) {
  board->put("book:upbit:KRW-BTC", R"({"bids":[]})");
  board->put("book:bithumb:BTC_KRW", R"({"asks":[]})");
  board->put("spread:upbit-bithumb:BTC", R"({"a_to_b_bp":"3"})");
  EXPECT_EQ(json::parse(get("/api/v1/books").body),
            json::parse(R"({"books":["book:bithumb:BTC_KRW",
                                     "book:upbit:KRW-BTC"]})"));
  EXPECT_EQ(get("/api/v1/books/upbit/KRW-BTC").body, R"({"bids":[]})");
  EXPECT_EQ(get("/api/v1/books/upbit/KRW-ETH").status, 404);
  EXPECT_EQ(json::parse(get("/api/v1/spreads").body),
            json::parse(R"({"pairs":["spread:upbit-bithumb:BTC"]})"));
  EXPECT_EQ(get("/api/v1/spreads/upbit-bithumb:BTC").body,
            R"({"a_to_b_bp":"3"})");
  EXPECT_EQ(get("/api/v1/spreads/upbit-bithumb%3ABTC").status, 200);
  EXPECT_EQ(get("/api/v1/spreads/upbit-bithumb:ETH").status, 404);
}

TEST_F(router_fixture, AnOrderIsFoundAmongOpenAndRecentOrders) {
  EXPECT_EQ(get("/api/v1/orders/o-1").status, 503);
  board->put("orders", R"({"orders":[{"client_order_id":"o-1","side":"buy"}],
                           "recent":[{"client_order_id":"o-2",
                                      "venue_order_id":"v-9"}]})");
  EXPECT_EQ(json::parse(get("/api/v1/orders/o-1").body).value("side", ""),
            "buy");
  EXPECT_EQ(json::parse(get("/api/v1/orders/o-2").body)
              .value("venue_order_id", ""),
            "v-9");
  EXPECT_EQ(get("/api/v1/orders/v-9").status, 200);
  auto missing = get("/api/v1/orders/o-3");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(error_of(missing), "no open or recent order 'o-3'");
}

TEST_F(router_fixture, EventsAndAlertsHonourTheLimit) {
  for (int i = 0; i < 5; ++i)
    board->append("events", json{{"n", i}}.dump());
  board->append("alerts", R"({"type":"risk_alert"})");
  auto all = json::parse(get("/api/v1/events").body)["items"];
  ASSERT_EQ(all.size(), 5u);
  auto two = json::parse(get("/api/v1/events?limit=2").body)["items"];
  EXPECT_EQ(two, json::parse(R"([{"n":3},{"n":4}])"));
  EXPECT_EQ(json::parse(get("/api/v1/alerts").body)["items"].size(), 1u);
  for (auto bad : {"0", "501", "x", "-1", "2x"})
    EXPECT_EQ(get(std::string{"/api/v1/events?limit="} + bad).status, 400)
      << bad;
}

TEST_F(router_fixture, OpportunitiesAreCutToTheLimit) {
  board->put("opportunities", R"({"items":[{"r":3},{"r":2},{"r":1}]})");
  EXPECT_EQ(json::parse(get("/api/v1/opportunities?limit=2").body),
            json::parse(R"({"items":[{"r":3},{"r":2}]})"));
  EXPECT_EQ(json::parse(get("/api/v1/opportunities").body)["items"].size(),
            3u);
}

TEST_F(router_fixture, HealthFollowsTheStatusSnapshot) {
  auto none = get("/health");
  EXPECT_EQ(none.status, 503);
  EXPECT_EQ(json::parse(none.body).value("status", ""), "DOWN");
  board->put("status", R"({"node":"n","uptime_ms":5,"children":[
    {"name":"risk","state":"running"},{"name":"upbit","state":"running"}]})");
  auto up = get("/health");
  EXPECT_EQ(up.status, 200);
  EXPECT_EQ(json::parse(up.body).value("status", ""), "UP");
  EXPECT_EQ(json::parse(up.body).value("node", ""), "n");
  board->put("status", R"({"node":"n","children":[
    {"name":"risk","state":"running"},{"name":"upbit","state":"restarting"}]})");
  auto degraded = get("/health");
  EXPECT_EQ(degraded.status, 503);
  EXPECT_EQ(json::parse(degraded.body).value("status", ""), "DEGRADED");
  EXPECT_EQ(json::parse(degraded.body)["not_running"],
            json::parse(R"(["upbit"])"));
  board->put("status", R"({"node":"n","children":[
    {"name":"upbit","state":"stopped"}]})");
  EXPECT_EQ(json::parse(get("/health").body).value("status", ""), "DOWN");
}

TEST_F(router_fixture, MetricsAreTheInjectedText) {
  auto r = get("/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "karb_up 1\n");
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
}

TEST_F(router_fixture, TheDashboardAndItsFilesAreEmbedded) {
  auto index = get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("<html"), std::string::npos);
  auto chart = get("/chart.min.js");
  EXPECT_EQ(chart.status, 200);
  EXPECT_EQ(chart.content_type, "text/javascript; charset=utf-8");
  EXPECT_GT(chart.body.size(), 10'000u);
  auto spec = get("/api/v1/openapi.json");
  EXPECT_EQ(spec.status, 200);
  EXPECT_EQ(json::parse(spec.body).value("openapi", ""), "3.0.3");
}

TEST_F(router_fixture, UnknownPathsAndMethodsAreJsonErrors) {
  auto missing = get("/api/v1/nothing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.content_type, "application/json");
  EXPECT_EQ(get("/nothing.js").status, 404);
  EXPECT_EQ(get("no-slash").status, 400);
  router r{test::test_routes(board, rec)};
  auto wrong = call(r, "DELETE", "/api/v1/status");
  EXPECT_EQ(wrong.status, 405);
  ASSERT_EQ(wrong.headers.size(), 1u);
  EXPECT_EQ(wrong.headers[0], (std::pair<std::string, std::string>{"Allow",
                                                                   "GET"}));
  EXPECT_EQ(call(r, "GET", "/api/v1/risk/halt").status, 405);
  EXPECT_EQ(get("/api/v1/stream").status, 426);
}

// -- the token ------------------------------------------------------------------

TEST_F(router_fixture, ControlsWithoutAConfiguredTokenAreForbidden) {
  router r{test::test_routes(board, rec, "")};
  auto x = call(r, "POST", "/api/v1/risk/resume", "", "anything");
  EXPECT_EQ(x.status, 403);
  EXPECT_EQ(error_of(x), "control disabled: no API token (set the variable "
                         "named by node.api.token_env)");
  EXPECT_TRUE(rec.recorded().empty());
}

TEST_F(router_fixture, ControlsNeedTheRightBearerToken) {
  router r{test::test_routes(board, rec)};
  for (std::optional<std::string> token :
       {std::optional<std::string>{}, std::optional<std::string>{"wrong"},
        std::optional<std::string>{test::api_token + "x"},
        std::optional<std::string>{""}}) {
    auto x = call(r, "POST", "/api/v1/risk/resume", "", token);
    EXPECT_EQ(x.status, 401);
    ASSERT_EQ(x.headers.size(), 1u);
    EXPECT_EQ(x.headers[0].first, "WWW-Authenticate");
    EXPECT_EQ(x.headers[0].second, "Bearer");
    EXPECT_EQ(x.body.find(test::api_token), std::string::npos);
  }
  http_request basic{"POST", "/api/v1/risk/resume",
                     {{"authorization", "Basic " + test::api_token}}, ""};
  std::optional<http_response> out;
  r.handle(basic, [&](http_response x) { out = std::move(x); });
  EXPECT_EQ(out->status, 401);
  EXPECT_TRUE(rec.recorded().empty());
  EXPECT_EQ(call(r, "POST", "/api/v1/risk/resume", "", test::api_token).status,
            200);
}

TEST_F(router_fixture, ReadsNeedTheTokenOnlyBeyondLoopback) {
  board->put("status", R"({"children":[]})");
  auto setup = test::test_routes(board, rec);
  router loopback{setup};
  EXPECT_EQ(call(loopback, "GET", "/api/v1/status").status, 200);
  setup.reads_need_token = true;
  router open{setup};
  EXPECT_EQ(call(open, "GET", "/api/v1/status").status, 401);
  EXPECT_EQ(call(open, "GET", "/metrics").status, 401);
  EXPECT_EQ(call(open, "GET", "/api/v1/status", "", test::api_token).status,
            200);
  EXPECT_EQ(call(open, "GET", "/health").status, 200);
  EXPECT_EQ(call(open, "GET", "/").status, 200);
}

// -- controls -------------------------------------------------------------------

TEST_F(router_fixture, EveryControlRouteRunsItsInspectorCommand) {
  using args = std::vector<std::string>;
  EXPECT_EQ(post("/api/v1/risk/halt", R"({"reason":"maintenance"})").status,
            200);
  post("/api/v1/risk/resume");
  post("/api/v1/risk/emergency-stop", R"({"reason":"fire"})");
  post("/api/v1/strategies/btc-1/start");
  post("/api/v1/strategies/btc-1/stop");
  post("/api/v1/orders/o-7/cancel");
  post("/api/v1/orders/cancel-all");
  post("/api/v1/config/reload");
  EXPECT_EQ(rec.recorded(),
            (std::vector<args>{{"halt", "maintenance"},
                               {"resume"},
                               {"emergency-stop", "fire"},
                               {"strategy", "start", "btc-1"},
                               {"strategy", "stop", "btc-1"},
                               {"cancel", "o-7"},
                               {"cancel-all"},
                               {"reload"}}));
}

TEST_F(router_fixture, AHaltWithoutAReasonIsABadRequest) {
  for (auto body : {"", "{}", "[]", R"({"reason":""})", R"({"reason":3})",
                    "not json"}) {
    auto r = post("/api/v1/risk/halt", body);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(error_of(r), R"(expected a JSON body {"reason": "..."})");
    EXPECT_EQ(post("/api/v1/risk/emergency-stop", body).status, 400);
  }
  EXPECT_TRUE(rec.recorded().empty());
}

TEST_F(router_fixture, AnErrorReplyIsAConflictWithTheReplyAsBody) {
  rec.reply = R"({"error":"already halted"})";
  auto r = post("/api/v1/risk/halt", R"({"reason":"x"})");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.body, R"({"error":"already halted"})");
}

TEST_F(router_fixture, AControlAnswersWhenItsReplyArrives) {
  rec.hold = true;
  router r{test::test_routes(board, rec)};
  http_request req{"POST", "/api/v1/config/reload",
                   {{"authorization", "Bearer " + test::api_token}}, ""};
  std::optional<http_response> out;
  r.handle(req, [&](http_response x) { out = std::move(x); });
  EXPECT_FALSE(out); // the caller was not blocked waiting
  rec.release(R"({"command":"reload","result":"applied"})");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  EXPECT_EQ(out->body, R"({"command":"reload","result":"applied"})");
}

TEST_F(router_fixture, WithoutAControlFunctionControlsAreUnavailable) {
  auto setup = test::test_routes(board, rec);
  setup.control = nullptr;
  router r{setup};
  EXPECT_EQ(call(r, "POST", "/api/v1/risk/resume", "", test::api_token).status,
            503);
}

TEST(StreamToken, IsTakenFromTheBearerSubprotocol) {
  EXPECT_EQ(bearer_from_protocols("karb.v1, bearer.abc-123"), "abc-123");
  EXPECT_EQ(bearer_from_protocols("bearer.x,karb.v1"), "x");
  EXPECT_EQ(bearer_from_protocols("karb.v1"), std::nullopt);
  EXPECT_EQ(bearer_from_protocols("karb.v1, bearer."), std::nullopt);
  EXPECT_EQ(bearer_from_protocols(""), std::nullopt);
}
