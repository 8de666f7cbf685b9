// The reply faults (gateway_error, truncate_reply, reset_after_accept, ban,
// cancel_fail, slow_lookup, inject_order, chaos) through the pure
// simulator: scopes, specs, what the router returns, what the state shows.
// socket_faults_test.cpp checks the same over real sockets.

#include <gtest/gtest.h>

#include "sim_test_client.hpp"
#include "tools/karb-sim/chaos.hpp"
#include "tools/karb-sim/fault_scope.hpp"
#include "tools/karb-sim/faults.hpp"

using namespace simtest;
using karb::sim::chaos_kind;
using karb::sim::classify_request;
using karb::sim::request_kind;
using karb::sim::venue_kind;

namespace {

void fault(sim_fixture& f, const std::string& json) {
  auto r = f.sim.handle_admin(make("POST", "/fault", json), f.now);
  ASSERT_EQ(r.status, 200) << json << " -> " << r.body;
}

int fault_status(sim_fixture& f, const std::string& json) {
  return f.sim.handle_admin(make("POST", "/fault", json), f.now).status;
}

nlohmann::json faults_of(sim_fixture& f, const char* venue) {
  return f.sim.state(f.now)["venues"][venue]["faults"];
}

const std::string bid_a1 =
  R"({"market":"KRW-BTC","side":"bid","volume":"0.0005","price":"10000000","ord_type":"limit","identifier":"A1"})";

} // namespace

TEST(ReplyFaults, RequestsAreSortedByEachVenuesOrderPaths) {
  auto up = venue_kind::upbit;
  auto bt = venue_kind::bithumb;
  EXPECT_EQ(classify_request(up, "POST", "/v1/orders"), request_kind::place);
  EXPECT_EQ(classify_request(up, "DELETE", "/v1/order"), request_kind::cancel);
  EXPECT_EQ(classify_request(up, "GET", "/v1/order"), request_kind::lookup);
  EXPECT_EQ(classify_request(up, "POST", "/v2/orders"), request_kind::other);
  EXPECT_EQ(classify_request(up, "GET", "/v1/orders/open"), request_kind::other);
  EXPECT_EQ(classify_request(bt, "POST", "/v2/orders"), request_kind::place);
  EXPECT_EQ(classify_request(bt, "DELETE", "/v2/order"), request_kind::cancel);
  EXPECT_EQ(classify_request(bt, "GET", "/v2/order"), request_kind::lookup);
  EXPECT_EQ(classify_request(bt, "POST", "/v1/orders"), request_kind::place);
  EXPECT_EQ(classify_request(bt, "GET", "/v1/orders"), request_kind::other);
  EXPECT_EQ(classify_request(bt, "GET", "/v1/accounts"), request_kind::other);
}

TEST(ReplyFaults, GatewayErrorScopesPickTheirRequests) {
  sim_fixture f;
  fault(f, R"({"venue":"upbit","fault":"gateway_error","scope":"lookup","count":1})");
  EXPECT_EQ(f.post(0, "/v1/orders", bid_a1).response.status, 201);
  auto r = f.get(0, "/v1/order?identifier=A1");
  EXPECT_EQ(r.response.status, 502);
  EXPECT_EQ(r.response.get("Content-Type"), "text/html");
  EXPECT_EQ(r.fault, "gateway_error");
  EXPECT_EQ(f.get(0, "/v1/order?identifier=A1").response.status, 200);

  fault(f, R"({"venue":"upbit","fault":"gateway_error","scope":"any","status":503})");
  r = f.get(0, "/v1/market/all", false);
  EXPECT_EQ(r.response.status, 503);
  EXPECT_NE(r.response.body.find("503 Service Temporarily Unavailable"),
            std::string::npos);

  fault(f, R"({"venue":"upbit","fault":"gateway_error","scope":"order","count":2})");
  EXPECT_EQ(f.get(0, "/v1/accounts").response.status, 200);      // not an order call
  EXPECT_EQ(f.get(0, "/v1/orders/open").response.status, 200);   // a list, not a lookup
  EXPECT_EQ(f.del(0, "/v1/order?identifier=A1").response.status, 502);
  EXPECT_EQ(f.get(0, "/v1/order?identifier=A1").response.status, 502);
  auto after = json_of(f.get(0, "/v1/order?identifier=A1").response);
  EXPECT_EQ(after["state"], "cancel"); // the cancel behind the 502 was processed
}

TEST(ReplyFaults, GatewayErrorBeforeSkipsTheVenue) {
  sim_fixture f;
  fault(f, R"({"venue":"upbit","fault":"gateway_error","when":"before","status":504})");
  auto r = f.post(0, "/v1/orders", bid_a1);
  EXPECT_EQ(r.response.status, 504);
  EXPECT_EQ(r.fault, "gateway_error_before");
  EXPECT_TRUE(r.order.is_null()); // the venue never read it
  EXPECT_EQ(f.get(0, "/v1/order?identifier=A1").response.status, 404);
  // Upbit did not burn the identifier: it never saw the order.
  EXPECT_EQ(f.post(0, "/v1/orders", bid_a1).response.status, 201);
}

TEST(ReplyFaults, TruncateAndResetReplaceTheReplyOfAProcessedOrder) {
  sim_fixture f;
  fault(f, R"({"venue":"bithumb","fault":"truncate_reply"})");
  std::string body = R"({"market":"KRW-BTC","side":"bid","volume":"0.0005","price":"10000000","order_type":"limit","client_order_id":"T1"})";
  auto r = f.post(1, "/v2/orders", body);
  EXPECT_EQ(r.response.status, 201);
  EXPECT_TRUE(nlohmann::json::parse(r.response.body, nullptr, false).is_discarded());
  auto whole = f.post(1, "/v2/orders", body); // idempotent repeat, whole reply
  EXPECT_EQ(r.response.body,
            whole.response.body.substr(0, whole.response.body.size() / 2));
  fault(f, R"({"venue":"upbit","fault":"reset_after_accept","count":1})");
  auto reset = f.post(0, "/v1/orders", bid_a1);
  EXPECT_TRUE(reset.reset);
  EXPECT_EQ(reset.fault, "reset_after_accept");
  EXPECT_EQ(f.get(0, "/v1/order?identifier=A1").response.status, 200);
}

TEST(ReplyFaults, BanRefusesEverythingWithRetryAfterUntilItEnds) {
  sim_fixture f;
  fault(f, R"({"venue":"upbit","fault":"ban","seconds":3})");
  auto r = f.get(0, "/v1/market/all", false);
  EXPECT_EQ(r.response.status, 418);
  EXPECT_EQ(r.response.get("Retry-After"), "3");
  EXPECT_EQ(json_of(r.response)["error"]["name"], "blocked");
  EXPECT_EQ(f.post(0, "/v1/orders", bid_a1).response.status, 418);
  EXPECT_EQ(f.get(1, "/v1/market/all", false).response.status, 200);
  EXPECT_GT(faults_of(f, "upbit")["ban_ms_left"].get<int64_t>(), 0);
  f.now += 1200; // 1.5 s left, rounded up
  EXPECT_EQ(f.get(0, "/v1/order?identifier=A1").response.get("Retry-After"), "2");
  f.now += 1500;
  EXPECT_EQ(f.get(0, "/v1/order?identifier=A1").response.status, 404);
  EXPECT_EQ(faults_of(f, "upbit")["ban_ms_left"], 0);
}

TEST(ReplyFaults, RateLimitRepliesCarryRetryAfter) {
  sim_fixture f;
  std::vector<karb::sim::reply> replies;
  for (int i = 0; i < 20; ++i)
    replies.push_back(
      f.sim.handle_http(0, make("GET", "/v1/ticker?markets=KRW-BTC"), f.now));
  EXPECT_EQ(replies[9].response.get("Retry-After"), "");
  EXPECT_EQ(replies[10].response.status, 429);
  EXPECT_EQ(replies[10].response.get("Retry-After"), "1");
  EXPECT_EQ(replies[19].response.status, 418);
  EXPECT_EQ(replies[19].response.get("Retry-After"), "2");

  fault(f, R"({"venue":"bithumb","fault":"http_429","retry_after":7})");
  auto r = f.get(1, "/v1/accounts");
  EXPECT_EQ(r.response.status, 429);
  EXPECT_EQ(r.response.get("Retry-After"), "7");
  fault(f, R"({"venue":"bithumb","fault":"http_429"})");
  EXPECT_EQ(f.get(1, "/v1/accounts").response.get("Retry-After"), "");
}

TEST(ReplyFaults, CancelFailAndSlowLookupActOnlyOnTheirRequests) {
  sim_fixture f;
  f.post(0, "/v1/orders", bid_a1);
  fault(f, R"({"venue":"upbit","fault":"cancel_fail","count":1})");
  EXPECT_EQ(f.get(0, "/v1/order?identifier=A1").response.status, 200);
  auto r = f.del(0, "/v1/order?identifier=A1");
  EXPECT_EQ(r.response.status, 500);
  EXPECT_EQ(json_of(r.response)["error"]["name"], "server_error");
  EXPECT_EQ(json_of(f.get(0, "/v1/order?identifier=A1").response)["state"], "wait");
  EXPECT_EQ(f.del(0, "/v1/order?identifier=A1").response.status, 200);

  fault(f, R"({"venue":"upbit","fault":"slow_lookup","ms":300,"count":1})");
  EXPECT_EQ(f.get(0, "/v1/accounts").delay_ms, 0);
  auto slow = f.get(0, "/v1/order?identifier=A1");
  EXPECT_EQ(slow.delay_ms, 300);
  EXPECT_EQ(slow.fault, "slow_lookup");
  EXPECT_EQ(f.get(0, "/v1/order?identifier=A1").delay_ms, 0);
}

TEST(ReplyFaults, InjectedOrderBelongsToTheAccount) {
  sim_fixture f;
  auto r = f.sim.handle_admin(
    make("POST", "/fault",
         R"({"venue":"bithumb","fault":"inject_order","side":"bid",)"
         R"("price":"10000000","volume":"0.001","identifier":"karb-ghost-1"})"),
    f.now);
  ASSERT_EQ(r.status, 200) << r.body;
  auto uuid = json_of(r)["uuid"].get<std::string>();
  auto got = json_of(f.get(1, "/v2/order?client_order_id=karb-ghost-1").response);
  EXPECT_EQ(got["order_id"], uuid);
  EXPECT_EQ(got["state"], "wait");
  auto events = f.sim.take_private(1, f.now);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events[0].type, "myOrder");
  auto bad = [&](const std::string& json) { return fault_status(f, json); };
  EXPECT_EQ(bad(R"({"venue":"bithumb","fault":"inject_order","price":"1","volume":"1"})"), 400);
  EXPECT_EQ(bad(R"({"fault":"inject_order","side":"bid","price":"10000000","volume":"0.001"})"), 400);
  EXPECT_EQ(bad(R"({"venue":"upbit","fault":"inject_order","side":"bid","price":"10000000","volume":"0.001","account":"nobody"})"), 400);
  EXPECT_EQ(bad(R"({"venue":"upbit","fault":"inject_order","side":"bid","price":"10000001","volume":"0.001"})"), 400);
}

TEST(ReplyFaults, ChaosDrawsTheSameSequenceForTheSameSeed) {
  karb::sim::chaos_state a, b, none, all;
  a.start(0.3, 11, karb::sim::fault_scope::order);
  b.start(0.3, 11, karb::sim::fault_scope::order);
  none.start(0.0, 11, karb::sim::fault_scope::order);
  all.start(1.0, 11, karb::sim::fault_scope::order);
  std::map<chaos_kind, int> seen;
  int hits = 0;
  for (int i = 0; i < 500; ++i) {
    auto x = a.draw();
    auto y = b.draw();
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.status, y.status);
    EXPECT_EQ(x.ms, y.ms);
    hits += x.kind != chaos_kind::none;
    EXPECT_EQ(none.draw().kind, chaos_kind::none);
    auto z = all.draw();
    ++seen[z.kind];
    if (z.kind == chaos_kind::slow) {
      EXPECT_GE(z.ms, 200);
      EXPECT_LE(z.ms, 1500);
    }
    if (z.kind == chaos_kind::gateway_error) {
      EXPECT_TRUE(z.status == 502 || z.status == 503 || z.status == 504);
    }
  }
  EXPECT_GT(hits, 100); // ~150 expected
  EXPECT_LT(hits, 200);
  EXPECT_EQ(seen.count(chaos_kind::none), 0u);
  EXPECT_EQ(seen.size(), 5u);
}

TEST(ReplyFaults, ChaosCountsWhatItInjectedAndLeavesOtherRequests) {
  sim_fixture f;
  fault(f, R"({"venue":"upbit","fault":"chaos","share":1.0,"scope":"lookup"})");
  int injected = 0;
  for (int i = 0; i < 20; ++i) {
    auto r = f.get(0, "/v1/order?identifier=none");
    EXPECT_TRUE(r.chaos);
    EXPECT_FALSE(r.fault.empty());
    ++injected;
    EXPECT_FALSE(f.get(0, "/v1/accounts").chaos);
  }
  auto faults = faults_of(f, "upbit");
  EXPECT_EQ(faults["chaos"]["seed"], 7); // the simulator's seed
  int total = 0;
  for (auto& [kind, n] : faults["chaos_injected"].items())
    total += n.get<int>();
  EXPECT_EQ(total, injected);
  fault(f, R"({"fault":"clear"})");
  EXPECT_TRUE(faults_of(f, "upbit")["chaos"].is_null());
  EXPECT_FALSE(f.get(0, "/v1/order?identifier=none").chaos);
}

TEST(ReplyFaults, SpecsAreChecked) {
  sim_fixture f;
  for (auto* spec : {
         R"({"fault":"gateway_error","status":501})",
         R"({"fault":"gateway_error","status":"502"})",
         R"({"fault":"gateway_error","scope":"everything"})",
         R"({"fault":"gateway_error","when":"later"})",
         R"({"fault":"truncate_reply","scope":1})",
         R"({"fault":"reset_after_accept","count":-1})",
         R"({"fault":"ban","seconds":"ten"})",
         R"({"fault":"cancel_fail","count":"2"})",
         R"({"fault":"chaos","share":1.5})",
         R"({"fault":"chaos","share":"lots"})",
         R"({"fault":"chaos","seed":-3})",
         R"({"fault":"http_429","retry_after":-1})",
         R"([1])",
         R"({"fault":3})",
       })
    EXPECT_EQ(fault_status(f, spec), 400) << spec;
  fault(f, R"({"venue":"upbit","fault":"gateway_error","status":503,"count":2,"scope":"order","when":"before"})");
  auto g = faults_of(f, "upbit")["gateway_errors"];
  EXPECT_EQ(g, (nlohmann::json{{"count", 2}, {"status", 503},
                               {"scope", "order"}, {"when", "before"}}));
  fault(f, R"({"venue":"upbit","fault":"chaos","share":"0.25","seed":3})");
  EXPECT_EQ(faults_of(f, "upbit")["chaos"],
            (nlohmann::json{{"share", 0.25}, {"seed", 3}, {"scope", "order"}}));
}

TEST(ReplyFaults, FlagFormTakesFieldLists) {
  auto s = karb::sim::parse_fault_flag("upbit:gateway_error=status=503,when=before,count=2");
  ASSERT_TRUE(s);
  EXPECT_EQ(*s, (nlohmann::json{{"venue", "upbit"}, {"fault", "gateway_error"},
                                {"status", 503}, {"when", "before"},
                                {"count", 2}}));
  s = karb::sim::parse_fault_flag("all:chaos=0.5");
  EXPECT_EQ((*s)["share"], "0.5");
  s = karb::sim::parse_fault_flag("bithumb:ban=3");
  EXPECT_EQ((*s)["seconds"], 3);
  s = karb::sim::parse_fault_flag("upbit:slow_lookup=250");
  EXPECT_EQ((*s)["ms"], 250);
  s = karb::sim::parse_fault_flag("upbit:cancel_fail=4");
  EXPECT_EQ((*s)["count"], 4);
  EXPECT_FALSE(karb::sim::parse_fault_flag("upbit:chaos=share=0.5,,"));
  sim_fixture f;
  auto inject = karb::sim::parse_fault_flag(
    "upbit:inject_order=side=ask,price=200000000,volume=0.001,identifier=x-1");
  ASSERT_TRUE(inject);
  EXPECT_EQ((*inject)["price"], 200000000);
  EXPECT_FALSE(f.sim.apply_fault(*inject, f.now));
  auto state = f.sim.state(f.now)["venues"]["upbit"]["orders"];
  ASSERT_EQ(state.size(), 1u);
  EXPECT_EQ(state[0]["identifier"], "x-1");
  EXPECT_FALSE(f.sim.apply_fault(
    *karb::sim::parse_fault_flag("all:gateway_error=scope=any,when=before"), f.now));
  EXPECT_EQ(f.get(1, "/v1/market/all", false).response.status, 502);
}
