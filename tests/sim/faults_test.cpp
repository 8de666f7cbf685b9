// Every fault switch, through the pure simulator and its admin API.

#include <gtest/gtest.h>

#include "sim_test_client.hpp"
#include "tools/karb-sim/faults.hpp"

using namespace simtest;
using karb::dec;

namespace {

void fault(sim_fixture& f, const std::string& json) {
  auto r = f.sim.handle_admin(make("POST", "/fault", json), f.now);
  ASSERT_EQ(r.status, 200) << r.body;
}

const std::string limit_bid =
  R"({"market":"KRW-BTC","side":"bid","volume":"0.0005","price":"10000000","ord_type":"limit","identifier":"F1"})";

std::vector<std::shared_ptr<const karb::sim::feed_update>>
updates_for(sim_fixture& f, size_t venue) {
  f.now += 100;
  auto all = f.sim.step(f.now);
  std::erase_if(all, [&](auto& u) { return u->venue != venue; });
  return all;
}

karb::sim::ws_subscription book_sub() {
  return *karb::sim::parse_subscription(
            R"([{"ticket":"t"},{"type":"orderbook","codes":["KRW-BTC"]}])", false)
            .sub;
}

} // namespace

TEST(Faults, Http500And429ForTheNextRequests) {
  sim_fixture f;
  fault(f, R"({"venue":"upbit","fault":"http_500","count":2})");
  EXPECT_EQ(f.get(0, "/v1/market/all", false).response.status, 500);
  EXPECT_EQ(f.get(1, "/v1/market/all", false).response.status, 200);
  EXPECT_EQ(f.get(0, "/v1/market/all", false).response.status, 500);
  EXPECT_EQ(f.get(0, "/v1/market/all", false).response.status, 200);
  fault(f, R"({"venue":"bithumb","fault":"http_429"})");
  auto r = f.get(1, "/v1/accounts");
  EXPECT_EQ(r.response.status, 429);
  EXPECT_TRUE(r.response.get("Remaining-Req").ends_with("sec=0"));
  EXPECT_EQ(f.get(1, "/v1/accounts").response.status, 200);
}

TEST(Faults, SlowRepliesCarryADelay) {
  sim_fixture f;
  fault(f, R"({"venue":"upbit","fault":"slow","ms":750,"count":1})");
  EXPECT_EQ(f.get(0, "/v1/market/all", false).delay_ms, 750);
  EXPECT_EQ(f.get(0, "/v1/market/all", false).delay_ms, 0);
}

TEST(Faults, RejectNextOrder) {
  sim_fixture f;
  fault(f, R"({"venue":"upbit","fault":"reject_order","name":"create_bid_error"})");
  auto r = f.post(0, "/v1/orders", limit_bid);
  EXPECT_EQ(r.response.status, 400);
  EXPECT_EQ(json_of(r.response)["error"]["name"], "create_bid_error");
  auto again = f.post(0, "/v1/orders",
                      R"({"market":"KRW-BTC","side":"bid","volume":"0.0005","price":"10000000","ord_type":"limit"})");
  EXPECT_EQ(again.response.status, 201);
}

TEST(Faults, PartialFillOfTheNextOrder) {
  sim_fixture f;
  fault(f, R"({"venue":"upbit","fault":"partial_fill","ratio":"0.4"})");
  auto r = f.post(0, "/v1/orders",
                  R"({"market":"KRW-ETH","side":"ask","volume":"0.5","ord_type":"market"})");
  ASSERT_EQ(r.response.status, 201);
  auto uuid = json_of(r.response)["uuid"].get<std::string>();
  auto got = json_of(f.get(0, "/v1/order?uuid=" + uuid).response);
  EXPECT_EQ(got["state"], "cancel");
  EXPECT_EQ(got["executed_volume"], "0.2");
  EXPECT_EQ(got["remaining_volume"], "0.3");
}

TEST(Faults, DroppedReplyLeavesAnOrderFindableByClientId) {
  sim_fixture f;
  fault(f, R"({"venue":"upbit","fault":"drop_order_reply"})");
  auto r = f.post(0, "/v1/orders", limit_bid);
  EXPECT_TRUE(r.drop);
  auto found = f.get(0, "/v1/order?identifier=F1");
  ASSERT_EQ(found.response.status, 200);
  EXPECT_EQ(json_of(found.response)["state"], "wait");
  fault(f, R"({"venue":"bithumb","fault":"drop_order_reply"})");
  std::string v2 = R"({"market":"KRW-BTC","side":"bid","volume":"0.0005","price":"10000000","order_type":"limit","client_order_id":"F2"})";
  EXPECT_TRUE(f.post(1, "/v2/orders", v2).drop);
  auto retry = f.post(1, "/v2/orders", v2); // idempotent retry
  EXPECT_FALSE(retry.drop);
  EXPECT_EQ(json_of(retry.response)["client_order_id"], "F2");
}

TEST(Faults, ShiftMidMovesOneVenueByBasisPoints) {
  sim_fixture a, b;
  fault(b, R"({"venue":"bithumb","fault":"shift_mid","bp":100})");
  a.step();
  b.step();
  auto sa = a.sim.state(a.now)["venues"];
  auto sb = b.sim.state(b.now)["venues"];
  auto mid_a = dec(sa["bithumb"]["markets"]["KRW-BTC"]["mid"].get<std::string>());
  auto mid_b = dec(sb["bithumb"]["markets"]["KRW-BTC"]["mid"].get<std::string>());
  double ratio = mid_b.to_double() / mid_a.to_double();
  EXPECT_NEAR(ratio, 1.01, 0.0002);
  EXPECT_EQ(sa["upbit"]["markets"]["KRW-BTC"]["mid"],
            sb["upbit"]["markets"]["KRW-BTC"]["mid"]);
}

TEST(Faults, StallFeedSuppressesUpdatesUntilItEnds) {
  sim_fixture f;
  fault(f, R"({"venue":"upbit","fault":"stall_feed","ms":1000})");
  EXPECT_TRUE(updates_for(f, 0).empty());
  EXPECT_FALSE(updates_for(f, 1).empty());
  f.now += 1000;
  EXPECT_FALSE(updates_for(f, 0).empty());
}

TEST(Faults, StaleBookRepeatsAnOlderTimestamp) {
  sim_fixture f;
  auto first = updates_for(f, 0);
  fault(f, R"({"venue":"upbit","fault":"stale_book","count":3})");
  auto stale = updates_for(f, 0);
  ASSERT_FALSE(stale.empty());
  EXPECT_EQ(stale[0]->book_timestamp, first[0]->book_timestamp);
  auto frame = nlohmann::json::parse(stale[0]->render(book_sub())[0]);
  EXPECT_EQ(frame["timestamp"], first[0]->book_timestamp);
  EXPECT_LT(frame["timestamp"].get<int64_t>(), f.now);
}

TEST(Faults, CrossedBookShowsBidAboveAsk) {
  sim_fixture f;
  fault(f, R"({"venue":"upbit","fault":"crossed_book","count":1})");
  auto u = updates_for(f, 0);
  auto frame = nlohmann::json::parse(u[0]->render(book_sub())[0]);
  auto& top = frame["orderbook_units"][0];
  EXPECT_GT(dec(top["bid_price"].dump()), dec(top["ask_price"].dump()));
  auto next = nlohmann::json::parse(updates_for(f, 0)[0]->render(book_sub())[0]);
  EXPECT_LT(dec(next["orderbook_units"][0]["bid_price"].dump()),
            dec(next["orderbook_units"][0]["ask_price"].dump()));
}

TEST(Faults, MalformedFrameIsNotJson) {
  sim_fixture f;
  fault(f, R"({"venue":"upbit","fault":"malformed_frame","count":1})");
  auto u = updates_for(f, 0);
  auto text = u[0]->render(book_sub())[0];
  EXPECT_TRUE(nlohmann::json::parse(text, nullptr, false).is_discarded());
}

TEST(Faults, DropWsIsHandedOutOnce) {
  sim_fixture f;
  EXPECT_FALSE(f.sim.take_drop_ws(0));
  fault(f, R"({"venue":"upbit","fault":"drop_ws"})");
  EXPECT_TRUE(f.sim.take_drop_ws(0));
  EXPECT_FALSE(f.sim.take_drop_ws(0));
  EXPECT_FALSE(f.sim.take_drop_ws(1));
}

TEST(Faults, ClearAndInvalidSpecs) {
  sim_fixture f;
  fault(f, R"({"fault":"http_500","count":5})"); // every venue
  fault(f, R"({"fault":"clear"})");
  EXPECT_EQ(f.get(0, "/v1/market/all", false).response.status, 200);
  EXPECT_EQ(f.sim.handle_admin(make("POST", "/fault", R"({"fault":"nope"})"), f.now)
              .status, 400);
  EXPECT_EQ(f.sim.handle_admin(make("POST", "/fault", R"({"venue":"x","fault":"clear"})"),
                               f.now).status, 400);
}

TEST(Faults, FlagFormParses) {
  auto s = karb::sim::parse_fault_flag("bithumb:shift_mid=25");
  ASSERT_TRUE(s);
  EXPECT_EQ((*s)["venue"], "bithumb");
  EXPECT_EQ((*s)["bp"], 25);
  s = karb::sim::parse_fault_flag("all:partial_fill=0.3");
  EXPECT_EQ((*s)["ratio"], "0.3");
  EXPECT_FALSE(karb::sim::parse_fault_flag("no-colon"));
}

TEST(Admin, StateShowsBalancesOrdersAndFaults) {
  sim_fixture f;
  f.post(0, "/v1/orders", limit_bid);
  auto r = f.sim.handle_admin(make("GET", "/state"), f.now);
  ASSERT_EQ(r.status, 200);
  auto j = json_of(r);
  auto& up = j["venues"]["upbit"];
  EXPECT_EQ(up["accounts"]["karb-dev-upbit-access"]["KRW"]["locked"], "5002.5");
  ASSERT_EQ(up["orders"].size(), 1u);
  EXPECT_EQ(up["orders"][0]["identifier"], "F1");
  EXPECT_EQ(up["faults"]["http_500"], 0);
  EXPECT_TRUE(j["venues"]["bithumb"]["markets"]["KRW-XRP"]["best_bid"].is_string());
  EXPECT_EQ(f.sim.handle_admin(make("GET", "/health"), f.now).body, R"({"status":"UP"})");
}

TEST(Faults, CutWsDropsAndRefusesUntilCleared) {
  sim_fixture f;
  fault(f, R"({"venue":"bithumb","fault":"cut_ws"})");
  EXPECT_FALSE(f.sim.ws_refused(0));
  EXPECT_TRUE(f.sim.ws_refused(1));
  EXPECT_TRUE(f.sim.take_drop_ws(1));
  EXPECT_TRUE(f.sim.ws_refused(1)); // still refused after the drop
  fault(f, R"({"venue":"bithumb","fault":"clear"})");
  EXPECT_FALSE(f.sim.ws_refused(1));
}

TEST(Admin, SetBalanceChangesTheAvailableBalance) {
  sim_fixture f;
  auto r = f.sim.handle_admin(
    make("POST", "/balance",
         R"({"venue":"upbit","currency":"KRW","balance":"123.5"})"),
    f.now);
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json_of(f.sim.handle_admin(make("GET", "/state"), f.now));
  EXPECT_EQ(j["venues"]["upbit"]["accounts"]["karb-dev-upbit-access"]["KRW"]
             ["balance"], "123.5");
  EXPECT_EQ(f.sim.handle_admin(make("POST", "/balance",
                                    R"({"venue":"upbit","currency":"KRW",)"
                                    R"("balance":"-1"})"), f.now).status, 400);
  EXPECT_EQ(f.sim.handle_admin(make("POST", "/balance",
                                    R"({"venue":"x","currency":"KRW",)"
                                    R"("balance":"1"})"), f.now).status, 400);
}
