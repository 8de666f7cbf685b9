// WebSocket producers: subscription parsing and frames in both formats.

#include <gtest/gtest.h>

#include "sim_test_client.hpp"

using namespace simtest;
using namespace karb::sim;

namespace {

std::string error_of(std::string_view text, bool priv = false) {
  auto r = parse_subscription(text, priv);
  if (r.sub)
    return "";
  return nlohmann::json::parse(r.error_frame)["error"]["name"];
}

} // namespace

TEST(WsSubscription, ParsesTicketTypesCodesDepthAndFormat) {
  auto r = parse_subscription(
    R"([{"ticket":"abc"},{"type":"orderbook","codes":["KRW-BTC.5","KRW-ETH"],"level":10000},)"
    R"({"type":"trade","codes":["KRW-BTC"],"isOnlyRealtime":true},{"format":"SIMPLE"}])",
    false);
  ASSERT_TRUE(r.sub);
  EXPECT_EQ(r.sub->ticket, "abc");
  EXPECT_EQ(r.sub->format, ws_format::simple);
  auto* ob = r.sub->find("orderbook");
  ASSERT_TRUE(ob);
  EXPECT_EQ(ob->depth_for("KRW-BTC"), 5);
  EXPECT_EQ(ob->depth_for("KRW-ETH"), 30);
  EXPECT_EQ(ob->level, karb::dec("10000"));
  EXPECT_TRUE(r.sub->find("trade")->only_realtime);
  auto odd = parse_subscription(R"([{"ticket":"a"},{"type":"orderbook","codes":["KRW-BTC.7"]}])", false);
  EXPECT_EQ(odd.sub->topics[0].depth_for("KRW-BTC"), 30);
}

TEST(WsSubscription, RefusesWithTheDocumentedErrorNames) {
  EXPECT_EQ(error_of("not json"), "WRONG_FORMAT");
  EXPECT_EQ(error_of(R"({"ticket":"a"})"), "WRONG_FORMAT");
  EXPECT_EQ(error_of(R"([{"type":"trade","codes":["KRW-BTC"]}])"), "NO_TICKET");
  EXPECT_EQ(error_of(R"([{"ticket":"a"},{"format":"DEFAULT"}])"), "NO_TYPE");
  EXPECT_EQ(error_of(R"([{"ticket":"a"},{"type":"trade"}])"), "NO_CODES");
  EXPECT_EQ(error_of(R"([{"ticket":"a"},{"type":"myOrder"}])"), "INVALID_PARAM");
  EXPECT_EQ(error_of(R"([{"ticket":"a"},{"type":"myOrder"}])", true), "");
  EXPECT_EQ(error_of(R"([{"ticket":"a"},{"type":"trade","codes":["KRW-BTC"]}])", true),
            "INVALID_PARAM");
}

TEST(WsFrames, OrderbookDefaultAndSimpleFormats) {
  sim_fixture f;
  f.step();
  auto updates = f.sim.step(f.now + 100);
  auto def = *parse_subscription(
    R"([{"ticket":"t"},{"type":"orderbook","codes":["KRW-BTC.15"]}])", false).sub;
  auto sim = *parse_subscription(
    R"([{"ticket":"t"},{"type":"orderbook","codes":["KRW-BTC"]},{"format":"SIMPLE"}])",
    false).sub;
  auto& u = *updates[0];
  ASSERT_EQ(u.code, "KRW-BTC");
  auto d = nlohmann::json::parse(u.render(def).at(0));
  EXPECT_EQ(d["type"], "orderbook");
  EXPECT_EQ(d["code"], "KRW-BTC");
  EXPECT_EQ(d["stream_type"], "REALTIME");
  EXPECT_EQ(d["orderbook_units"].size(), 15u);
  EXPECT_TRUE(d["orderbook_units"][0]["ask_price"].is_number());
  auto s = nlohmann::json::parse(u.render(sim).at(0));
  EXPECT_EQ(s["ty"], "orderbook");
  EXPECT_EQ(s["cd"], "KRW-BTC");
  EXPECT_EQ(s["st"], "REALTIME");
  EXPECT_EQ(s["obu"].size(), 30u);
  EXPECT_TRUE(s["obu"][0].contains("ap"));
  EXPECT_EQ(s["tms"], d["timestamp"]);
  EXPECT_TRUE(updates[1]->render(def).empty()); // KRW-ETH: not subscribed
}

TEST(WsFrames, SnapshotThenTradeAndTicker) {
  sim_fixture f;
  f.step(30);
  auto sub = *parse_subscription(
    R"([{"ticket":"t"},{"type":"trade","codes":["KRW-BTC"]},{"type":"ticker","codes":["KRW-BTC"]},{"format":"SIMPLE"}])",
    false).sub;
  auto snap = f.sim.snapshot(0, sub, f.now);
  ASSERT_EQ(snap.size(), 2u);
  auto t = nlohmann::json::parse(snap[0]);
  EXPECT_EQ(t["ty"], "trade");
  EXPECT_EQ(t["st"], "SNAPSHOT");
  EXPECT_TRUE(t["sid"].is_number_integer());
  auto k = nlohmann::json::parse(snap[1]);
  EXPECT_EQ(k["ty"], "ticker");
  EXPECT_TRUE(k["tp"].is_number());
  auto only_rt = *parse_subscription(
    R"([{"ticket":"t"},{"type":"trade","codes":["KRW-BTC"],"is_only_realtime":true}])", false).sub;
  EXPECT_TRUE(f.sim.snapshot(0, only_rt, f.now).empty());
}

TEST(WsFrames, PrivateMyOrderAndMyAssetForTheOwnAccount) {
  sim_fixture f;
  f.sim.take_private(0, f.now);
  auto r = f.post(0, "/v1/orders",
                  R"({"market":"KRW-BTC","side":"bid","price":"10000","ord_type":"price","identifier":"w1"})");
  ASSERT_EQ(r.response.status, 201);
  auto frames = f.sim.take_private(0, f.now);
  int orders = 0, trades = 0, assets = 0;
  for (auto& fr : frames) {
    EXPECT_EQ(fr.account, "karb-dev-upbit-access");
    auto d = nlohmann::json::parse(fr.default_text);
    auto s = nlohmann::json::parse(fr.simple_text);
    if (fr.type == "myOrder") {
      ++orders;
      EXPECT_EQ(d["type"], "myOrder");
      EXPECT_EQ(s["ty"], "myOrder");
      EXPECT_EQ(d["identifier"], "w1");
      EXPECT_EQ(d["ask_bid"], "BID");
      if (d["state"] == "trade") {
        ++trades;
        EXPECT_TRUE(d["trade_fee"].is_number());
      }
    } else {
      ++assets;
      EXPECT_EQ(d["type"], "myAsset");
      EXPECT_EQ(s["ty"], "myAsset");
      EXPECT_TRUE(d["assets"].is_array());
    }
  }
  EXPECT_GE(orders, 3); // accepted, trade(s), cancel (filled market buy)
  EXPECT_GE(trades, 1);
  EXPECT_EQ(assets, 1);
}
