// Orders, venue rules and balances through the pure router.

#include <gtest/gtest.h>

#include "sim_test_client.hpp"

using namespace simtest;
using karb::dec;

namespace {

std::string err(const karb::sim::reply& r) {
  return json_of(r.response)["error"]["name"].get<std::string>();
}

nlohmann::json balance(sim_fixture& f, size_t venue, const std::string& cur) {
  for (auto& a : json_of(f.get(venue, "/v1/accounts").response))
    if (a["currency"] == cur)
      return a;
  return {};
}

} // namespace

TEST(RouterOrders, LimitBidBelowMarketRestsAndLocksNotionalPlusFee) {
  sim_fixture f;
  auto r = f.post(0, "/v1/orders",
                  R"({"market":"KRW-BTC","side":"bid","volume":"0.0005",)"
                  R"("price":"10000000","ord_type":"limit"})");
  ASSERT_EQ(r.response.status, 201) << r.response.body;
  auto o = json_of(r.response);
  EXPECT_EQ(o["state"], "wait");
  EXPECT_EQ(o["locked"], "5002.5");
  EXPECT_EQ(o["reserved_fee"], "2.5");
  EXPECT_EQ(o["remaining_volume"], "0.0005");
  EXPECT_EQ(o["executed_volume"], "0");
  EXPECT_EQ(o["trades_count"], 0);
  EXPECT_TRUE(o["created_at"].get<std::string>().ends_with("+09:00"));
  auto krw = balance(f, 0, "KRW");
  EXPECT_EQ(krw["locked"], "5002.5");
  EXPECT_EQ(krw["balance"], "99994997.5");
  auto open = json_of(f.get(0, "/v1/orders/open?market=KRW-BTC").response);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]["uuid"], o["uuid"]);
}

TEST(RouterOrders, MarketBuyFillsAndEndsInCancelWithExecutedVolume) {
  sim_fixture f;
  auto r = f.post(0, "/v1/orders",
                  R"({"market":"KRW-BTC","side":"bid","price":"10000","ord_type":"price"})");
  ASSERT_EQ(r.response.status, 201) << r.response.body;
  auto posted = json_of(r.response);
  EXPECT_EQ(posted["state"], "wait");
  EXPECT_EQ(posted["locked"], "10005");
  auto got = json_of(f.get(0, "/v1/order?uuid=" + posted["uuid"].get<std::string>())
                       .response);
  EXPECT_EQ(got["state"], "cancel");
  auto vol = dec(got["executed_volume"].get<std::string>());
  EXPECT_TRUE(vol.is_positive());
  ASSERT_EQ(got["trades"].size(), got["trades_count"].get<size_t>());
  auto& t = got["trades"][0];
  auto funds = dec(t["funds"].get<std::string>());
  EXPECT_LE(funds, dec("10000"));
  EXPECT_EQ(dec(got["paid_fee"].get<std::string>()),
            *karb::decimal::mul(funds, dec("0.0005")));
  auto btc = balance(f, 0, "BTC");
  EXPECT_EQ(dec(btc["balance"].get<std::string>()), dec("1") + vol);
}

TEST(RouterOrders, MarketSellIsDoneAndCreditsProceedsMinusFee) {
  sim_fixture f;
  auto r = f.post(0, "/v1/orders",
                  R"({"market":"KRW-ETH","side":"ask","volume":"0.01","ord_type":"market"})");
  ASSERT_EQ(r.response.status, 201) << r.response.body;
  auto uuid = json_of(r.response)["uuid"].get<std::string>();
  auto got = json_of(f.get(0, "/v1/order?uuid=" + uuid).response);
  EXPECT_EQ(got["state"], "done");
  EXPECT_EQ(got["executed_volume"], "0.01");
  auto funds = dec(got["trades"][0]["funds"].get<std::string>());
  auto fee = dec(got["paid_fee"].get<std::string>());
  EXPECT_EQ(dec(balance(f, 0, "KRW")["balance"].get<std::string>()),
            dec("100000000") + funds - fee);
  EXPECT_EQ(balance(f, 0, "ETH")["balance"], "9.99");
}

TEST(RouterOrders, UnderMinimumTotal) {
  sim_fixture f;
  auto r = f.post(0, "/v1/orders",
                  R"({"market":"KRW-BTC","side":"bid","volume":"0.00001","price":"100000000","ord_type":"limit"})");
  EXPECT_EQ(r.response.status, 400);
  EXPECT_EQ(err(r), "under_min_total_bid");
  r = f.post(1, "/v2/orders",
             R"({"market":"KRW-XRP","side":"ask","volume":"1","order_type":"market"})");
  EXPECT_EQ(err(r), "under_min_total_ask");
}

TEST(RouterOrders, InsufficientFunds) {
  sim_fixture f;
  auto r = f.post(0, "/v1/orders",
                  R"({"market":"KRW-BTC","side":"bid","volume":"2","price":"90000000","ord_type":"limit"})");
  EXPECT_EQ(r.response.status, 400);
  EXPECT_EQ(err(r), "insufficient_funds_bid");
  r = f.post(0, "/v1/orders",
             R"({"market":"KRW-BTC","side":"ask","volume":"1.5","ord_type":"market"})");
  EXPECT_EQ(err(r), "insufficient_funds_ask");
}

TEST(RouterOrders, OffTickPriceIsRefusedByTheVenuesOwnTable) {
  sim_fixture f;
  auto body = R"({"market":"KRW-XRP","side":"bid","volume":"100","price":"50.05","ord_type":"limit"})";
  auto up = f.post(0, "/v1/orders", body);
  EXPECT_EQ(up.response.status, 400);
  EXPECT_EQ(err(up), "invalid_price_bid");
  auto bt = f.post(1, "/v1/orders", body);
  EXPECT_EQ(bt.response.status, 201) << bt.response.body;
  auto off = f.post(1, "/v1/orders",
                    R"({"market":"KRW-BTC","side":"ask","volume":"0.001","price":"200000500","ord_type":"limit"})");
  EXPECT_EQ(err(off), "invalid_price_ask");
}

TEST(RouterOrders, UnknownMarketAndBadCombinations) {
  sim_fixture f;
  auto r = f.post(0, "/v1/orders",
                  R"({"market":"KRW-NOPE","side":"bid","volume":"1","price":"10000","ord_type":"limit"})");
  EXPECT_EQ(r.response.status, 400);
  EXPECT_EQ(err(r), "market_does_not_exist");
  r = f.post(0, "/v1/orders",
             R"({"market":"KRW-BTC","side":"ask","price":"100000000","volume":"0.001","ord_type":"market"})");
  EXPECT_EQ(err(r), "create_ask_error");
  r = f.post(0, "/v1/orders",
             R"({"market":"KRW-BTC","side":"bid","volume":"0.001","ord_type":"price"})");
  EXPECT_EQ(err(r), "create_bid_error");
}

TEST(RouterOrders, UnknownOrderIs404) {
  sim_fixture f;
  auto r = f.get(0, "/v1/order?uuid=00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(r.response.status, 404);
  EXPECT_EQ(err(r), "order_not_found");
  r = f.del(0, "/v1/order?identifier=never-sent");
  EXPECT_EQ(r.response.status, 404);
  EXPECT_EQ(err(r), "order_not_found");
}

TEST(RouterOrders, UpbitIdentifierIsUniqueForeverEvenAfterFailure) {
  sim_fixture f;
  auto fail = f.post(0, "/v1/orders",
                     R"({"market":"KRW-BTC","side":"bid","volume":"0.00001","price":"100000000","ord_type":"limit","identifier":"cid-1"})");
  EXPECT_EQ(err(fail), "under_min_total_bid");
  auto again = f.post(0, "/v1/orders",
                      R"({"market":"KRW-BTC","side":"bid","volume":"0.0005","price":"10000000","ord_type":"limit","identifier":"cid-1"})");
  EXPECT_EQ(again.response.status, 400);
  EXPECT_EQ(err(again), "duplicate_identifier");
  auto ok = f.post(0, "/v1/orders",
                   R"({"market":"KRW-BTC","side":"bid","volume":"0.0005","price":"10000000","ord_type":"limit","identifier":"cid-2"})");
  ASSERT_EQ(ok.response.status, 201);
  auto by_id = json_of(f.get(0, "/v1/order?identifier=cid-2").response);
  EXPECT_EQ(by_id["uuid"], json_of(ok.response)["uuid"]);
  EXPECT_EQ(by_id["identifier"], "cid-2");
}

TEST(RouterOrders, CancelRepliesWaitThenTurnsCancelAndReleasesFunds) {
  sim_fixture f;
  auto r = f.post(0, "/v1/orders",
                  R"({"market":"KRW-BTC","side":"bid","volume":"0.0005","price":"10000000","ord_type":"limit","identifier":"c1"})");
  auto uuid = json_of(r.response)["uuid"].get<std::string>();
  auto c = f.del(0, "/v1/order?uuid=" + uuid);
  ASSERT_EQ(c.response.status, 200) << c.response.body;
  EXPECT_EQ(json_of(c.response)["state"], "wait");
  EXPECT_EQ(json_of(f.get(0, "/v1/order?uuid=" + uuid).response)["state"], "cancel");
  auto krw = balance(f, 0, "KRW");
  EXPECT_EQ(krw["balance"], "100000000");
  EXPECT_EQ(krw["locked"], "0");
  EXPECT_EQ(f.del(0, "/v1/order?uuid=" + uuid).response.status, 404);
  auto closed = json_of(f.get(0, "/v1/orders/closed").response);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0]["executed_funds"], "0");
}

TEST(RouterOrders, RestingOrderFillsWhenTheBookCrossesIt) {
  sim_fixture f;
  auto book = json_of(f.get(0, "/v1/orderbook?markets=KRW-XRP", false).response);
  auto ask = dec(book[0]["orderbook_units"][0]["ask_price"].dump());
  auto price = ask + dec("30"); // well above the ask: crosses on every book
  auto r = f.post(0, "/v1/orders",
                  R"({"market":"KRW-XRP","side":"bid","volume":"5000","price":")"
                    + price.to_string() + R"(","ord_type":"limit"})");
  ASSERT_EQ(r.response.status, 201) << r.response.body;
  auto uuid = json_of(r.response)["uuid"].get<std::string>();
  f.step(200);
  auto got = json_of(f.get(0, "/v1/order?uuid=" + uuid).response);
  EXPECT_EQ(got["state"], "done");
  EXPECT_EQ(got["executed_volume"], "5000");
  EXPECT_EQ(balance(f, 0, "XRP")["balance"], "15000");
  EXPECT_EQ(balance(f, 0, "KRW")["locked"], "0");
}

TEST(RouterOrders, BithumbV2ClientOrderIdIsIdempotent) {
  sim_fixture f;
  std::string body = R"({"market":"KRW-BTC","side":"bid","volume":"0.0005",)"
                     R"("price":"10000000","order_type":"limit","client_order_id":"arb-1"})";
  auto a = f.post(1, "/v2/orders", body);
  ASSERT_EQ(a.response.status, 201) << a.response.body;
  auto first = json_of(a.response);
  EXPECT_TRUE(first["order_id"].is_string());
  EXPECT_EQ(first["client_order_id"], "arb-1");
  auto b = f.post(1, "/v2/orders", body);
  EXPECT_EQ(json_of(b.response)["order_id"], first["order_id"]);
  auto open = json_of(f.get(1, "/v1/orders?market=KRW-BTC&state=wait").response);
  EXPECT_EQ(open.size(), 1u);
  auto v2 = json_of(f.get(1, "/v2/order?client_order_id=arb-1").response);
  EXPECT_EQ(v2["order_id"], first["order_id"]);
  auto v1 = json_of(f.get(1, "/v1/order?uuid=" + first["order_id"].get<std::string>())
                      .response);
  EXPECT_EQ(v1["state"], "wait");
  auto c = f.del(1, "/v2/order?client_order_id=arb-1");
  EXPECT_EQ(c.response.status, 200);
  EXPECT_EQ(json_of(f.get(1, "/v2/order?client_order_id=arb-1").response)["state"],
            "cancel");
  auto bad = f.post(1, "/v2/orders",
                    R"({"market":"KRW-BTC","side":"bid","volume":"0.0005","price":"10000000","order_type":"limit","client_order_id":"bad id!"})");
  EXPECT_EQ(bad.response.status, 400);
}

TEST(RouterOrders, BithumbV1OrderLookupTakesClientOrderId) {
  // Bithumb's GET /v1/order takes `uuid` or `client_order_id` (uuid wins);
  // its order objects carry `client_order_id`, Upbit's `identifier`.
  sim_fixture f;
  auto a = f.post(1, "/v2/orders",
                  R"({"market":"KRW-BTC","side":"bid","volume":"0.0005",)"
                  R"("price":"10000000","order_type":"limit","client_order_id":"cc-1"})");
  ASSERT_EQ(a.response.status, 201) << a.response.body;
  auto id = json_of(a.response)["order_id"].get<std::string>();
  auto by_cid = f.get(1, "/v1/order?client_order_id=cc-1");
  ASSERT_EQ(by_cid.response.status, 200) << by_cid.response.body;
  auto o = json_of(by_cid.response);
  EXPECT_EQ(o["uuid"], id);
  EXPECT_EQ(o["client_order_id"], "cc-1");
  EXPECT_FALSE(o.contains("identifier"));
  EXPECT_EQ(f.get(1, "/v1/order?client_order_id=nope").response.status, 404);
  auto both = json_of(
    f.get(1, "/v1/order?uuid=" + id + "&client_order_id=nope").response);
  EXPECT_EQ(both["uuid"], id);
  auto list = json_of(f.get(1, "/v1/orders?market=KRW-BTC&state=wait").response);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["client_order_id"], "cc-1");
  // Upbit keeps its own name and does not know client_order_id.
  auto u = f.post(0, "/v1/orders",
                  R"({"market":"KRW-BTC","side":"bid","volume":"0.0005",)"
                  R"("price":"10000000","ord_type":"limit","identifier":"cc-1"})");
  ASSERT_EQ(u.response.status, 201) << u.response.body;
  EXPECT_EQ(json_of(u.response)["identifier"], "cc-1");
  EXPECT_EQ(f.get(0, "/v1/order?client_order_id=cc-1").response.status, 404);
}

TEST(RouterOrders, ImmediateOrCancelAndPostOnly) {
  sim_fixture f;
  auto book = json_of(f.get(0, "/v1/orderbook?markets=KRW-XRP", false).response);
  auto ask = dec(book[0]["orderbook_units"][0]["ask_price"].dump());
  auto po = f.post(0, "/v1/orders",
                   R"({"market":"KRW-XRP","side":"bid","volume":"10","price":")"
                     + ask.to_string() + R"(","ord_type":"limit","time_in_force":"post_only"})");
  ASSERT_EQ(po.response.status, 201);
  auto got = json_of(f.get(0, "/v1/order?uuid=" + json_of(po.response)["uuid"].get<std::string>()).response);
  EXPECT_EQ(got["state"], "cancel");
  EXPECT_EQ(got["executed_volume"], "0");
}
