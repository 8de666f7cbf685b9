// Bybit v5 WebSockets over real sockets: book snapshot + delta chain
// rebuilding the book, the reset (u = 1) and gap faults, unsubscribe and a
// fresh snapshot, ping, the spot 10-args limit, linear ticker deltas, the
// private socket's auth and order / wallet pushes.

#include <map>

#include <gtest/gtest.h>

#include "by_test_client.hpp"
#include "socket_client.hpp"
#include "tools/karb-sim/server.hpp"

using json = nlohmann::json;
using karb::decimal;
using karb::dec;
using karb::sim::venue_kind;

namespace {

struct bybit_live {
  karb::sim::simulator sim;
  karb::sim::server srv;

  static karb::sim::sim_config config() {
    karb::sim::sim_config c;
    c.venues = {venue_kind::bybit};
    c.start = karb::sim::now_ms();
    return c;
  }
  static karb::sim::server_config server_cfg() {
    karb::sim::server_config s;
    s.port_base = 0;
    s.admin_port = 0;
    s.run_steps = false; // steps come from POST /step only
    return s;
  }
  bybit_live() : sim(config()), srv(sim, server_cfg()) { srv.start(); }
  uint16_t port() const { return srv.venue_ports().at(0); }
  void admin(const std::string& path, const std::string& body) {
    auto r = simtest::net::http_call(srv.admin_port(), "POST", path, body);
    ASSERT_EQ(r.status, 200) << r.body;
  }
  void step(int n = 1) { admin("/step", "{\"n\":" + std::to_string(n) + "}"); }
};

using book_side = std::map<decimal, decimal>;

void merge_levels(book_side& side, const json& levels) {
  for (auto& l : levels) {
    auto p = dec(l[0].get<std::string>());
    auto q = dec(l[1].get<std::string>());
    if (q.is_zero())
      side.erase(p);
    else
      side[p] = q;
  }
}

/// Reads frames until one of `topic` arrives.
json next_of(simtest::net::plain_ws& ws, const std::string& topic) {
  for (int i = 0; i < 50; ++i) {
    auto f = ws.read();
    if (!f)
      return {};
    auto j = json::parse(*f);
    if (j.value("topic", "") == topic)
      return j;
  }
  return {};
}

json send_op(simtest::net::plain_ws& ws, const json& req) {
  EXPECT_TRUE(ws.send(req.dump()));
  auto f = ws.read();
  return f ? json::parse(*f) : json{};
}

} // namespace

TEST(BybitSocket, BookSnapshotThenDeltasRebuildTheBook) {
  bybit_live live;
  live.step(2);
  simtest::net::plain_ws ws;
  ASSERT_FALSE(ws.connect(live.port(), "/v5/public/linear"));
  auto ack = send_op(ws, {{"op", "subscribe"}, {"req_id", "a1"},
                          {"args", {"orderbook.50.BTCUSDT"}}});
  EXPECT_EQ(ack["success"], true) << ack.dump();
  EXPECT_EQ(ack["req_id"], "a1");
  EXPECT_EQ(ack["op"], "subscribe");
  auto snap = json::parse(*ws.read());
  ASSERT_EQ(snap["type"], "snapshot") << snap.dump();
  EXPECT_EQ(snap["topic"], "orderbook.50.BTCUSDT");
  for (auto k : {"s", "b", "a", "u", "seq"})
    EXPECT_TRUE(snap["data"].contains(k)) << k;
  EXPECT_TRUE(snap.contains("cts"));
  book_side bids, asks;
  merge_levels(bids, snap["data"]["b"]);
  merge_levels(asks, snap["data"]["a"]);
  auto u = snap["data"]["u"].get<int64_t>();
  for (int i = 0; i < 5; ++i) {
    live.step();
    auto d = next_of(ws, "orderbook.50.BTCUSDT");
    ASSERT_EQ(d["type"], "delta") << d.dump();
    EXPECT_EQ(d["data"]["u"].get<int64_t>(), u + 1);
    u = d["data"]["u"].get<int64_t>();
    // changed levels only: fewer than both full sides
    EXPECT_LE(d["data"]["b"].size() + d["data"]["a"].size(), 120u);
    merge_levels(bids, d["data"]["b"]);
    merge_levels(asks, d["data"]["a"]);
    ASSERT_LT(bids.rbegin()->first, asks.begin()->first);
  }
  // unsubscribe, subscribe again: a fresh snapshot equal to the rebuilt book
  auto un = send_op(ws, {{"op", "unsubscribe"}, {"args", {"orderbook.50.BTCUSDT"}}});
  EXPECT_EQ(un["success"], true);
  auto again = send_op(ws, {{"op", "subscribe"}, {"args", {"orderbook.50.BTCUSDT"}}});
  EXPECT_EQ(again["success"], true);
  auto fresh = json::parse(*ws.read());
  ASSERT_EQ(fresh["type"], "snapshot");
  EXPECT_EQ(fresh["data"]["u"].get<int64_t>(), u);
  book_side fb, fa;
  merge_levels(fb, fresh["data"]["b"]);
  merge_levels(fa, fresh["data"]["a"]);
  EXPECT_EQ(fb, bids);
  EXPECT_EQ(fa, asks);
  // ping
  auto pong = send_op(ws, {{"op", "ping"}, {"req_id", "p"}});
  EXPECT_EQ(pong["success"], true);
  EXPECT_EQ(pong["ret_msg"], "pong");
  EXPECT_EQ(pong["op"], "ping");
  EXPECT_TRUE(pong["conn_id"].is_string());
}

TEST(BybitSocket, ResetAndGapFaults) {
  bybit_live live;
  live.step(2);
  simtest::net::plain_ws ws;
  ASSERT_FALSE(ws.connect(live.port(), "/v5/public/spot"));
  send_op(ws, {{"op", "subscribe"}, {"args", {"orderbook.50.ETHUSDT"}}});
  auto snap = json::parse(*ws.read());
  auto u = snap["data"]["u"].get<int64_t>();
  live.admin("/fault", R"({"venue":"bybit","fault":"reset","category":"spot"})");
  live.step();
  auto reset = next_of(ws, "orderbook.50.ETHUSDT");
  EXPECT_EQ(reset["type"], "snapshot");
  EXPECT_EQ(reset["data"]["u"], 1);
  live.step();
  auto after = next_of(ws, "orderbook.50.ETHUSDT");
  EXPECT_EQ(after["type"], "delta");
  EXPECT_EQ(after["data"]["u"], 2);
  live.admin("/fault", R"({"venue":"bybit","fault":"gap","symbol":"ETHUSDT"})");
  live.step(2);
  auto gapped = next_of(ws, "orderbook.50.ETHUSDT");
  EXPECT_EQ(gapped["type"], "delta");
  EXPECT_EQ(gapped["data"]["u"], 4); // u 3 was never sent
  (void)u;
  // spot: at most 10 args per request
  json many = json::array();
  for (int i = 0; i < 11; ++i)
    many.push_back(i % 2 ? "tickers.BTCUSDT" : "publicTrade.BTCUSDT");
  auto refused = send_op(ws, {{"op", "subscribe"}, {"args", many}});
  EXPECT_EQ(refused["success"], false);
  auto unknown = send_op(ws, {{"op", "subscribe"}, {"args", {"orderbook.50.NOPE"}}});
  EXPECT_EQ(unknown["success"], false);
}

TEST(BybitSocket, LinearTickersSnapshotThenDeltas) {
  bybit_live live;
  live.step(3);
  simtest::net::plain_ws ws;
  ASSERT_FALSE(ws.connect(live.port(), "/v5/public/linear"));
  send_op(ws, {{"op", "subscribe"}, {"args", {"tickers.BTCUSDT"}}});
  auto snap = json::parse(*ws.read());
  EXPECT_EQ(snap["type"], "snapshot");
  EXPECT_TRUE(snap["data"].contains("fundingRate"));
  EXPECT_TRUE(snap["data"].contains("markPrice"));
  EXPECT_TRUE(snap["data"].contains("nextFundingTime"));
  auto fields = snap["data"].size();
  live.step();
  auto d = next_of(ws, "tickers.BTCUSDT");
  EXPECT_EQ(d["type"], "delta");
  EXPECT_EQ(d["data"]["symbol"], "BTCUSDT");
  EXPECT_LT(d["data"].size(), fields); // changed fields only
}

TEST(BybitSocket, PrivateAuthAndOrderPush) {
  bybit_live live;
  live.step(2);
  simtest::net::plain_ws ws;
  ASSERT_FALSE(ws.connect(live.port(), "/v5/private"));
  auto early = send_op(ws, {{"op", "subscribe"}, {"args", {"order"}}});
  EXPECT_EQ(early["success"], false);
  auto now = karb::sim::now_ms();
  auto expired = send_op(ws, {{"op", "auth"},
                              {"args", {bytest::key, now - 1000,
                                        karb::sim::by_ws_sign(bytest::secret, now - 1000)}}});
  EXPECT_EQ(expired["success"], false);
  auto bad = send_op(ws, {{"op", "auth"},
                          {"args", {bytest::key, now + 10000,
                                    karb::sim::by_ws_sign("wrong", now + 10000)}}});
  EXPECT_EQ(bad["success"], false);
  auto ok = send_op(ws, {{"op", "auth"},
                         {"args", {bytest::key, now + 10000,
                                   karb::sim::by_ws_sign(bytest::secret, now + 10000)}}});
  EXPECT_EQ(ok["success"], true) << ok.dump();
  EXPECT_EQ(ok["op"], "auth");
  EXPECT_EQ(ok["ret_msg"], "");
  EXPECT_TRUE(ok["conn_id"].is_string());
  auto sub = send_op(ws, {{"op", "subscribe"}, {"args", {"order.spot", "wallet"}}});
  EXPECT_EQ(sub["success"], true) << sub.dump();
  auto pong = send_op(ws, {{"op", "ping"}});
  EXPECT_EQ(pong["op"], "pong");
  // an order through the REST router of the same simulator
  karb::http::request r;
  r.method = "POST";
  r.target = "/v5/order/create";
  r.body = R"({"category":"spot","symbol":"BTCUSDT","side":"Buy","orderType":"Limit","qty":"0.01","price":"50000","orderLinkId":"ws-1"})";
  auto ts = karb::sim::now_ms();
  r.headers = bytest::fixture::headers(r.body, ts);
  auto placed = live.sim.handle_http(0, r, ts);
  ASSERT_EQ(json::parse(placed.response.body)["retCode"], 0) << placed.response.body;
  live.step(); // publishes the private events
  auto push = next_of(ws, "order.spot");
  ASSERT_FALSE(push.is_null());
  EXPECT_TRUE(push["id"].is_string());
  EXPECT_TRUE(push["creationTime"].is_number());
  EXPECT_EQ(push["data"][0]["orderLinkId"], "ws-1");
  EXPECT_EQ(push["data"][0]["orderStatus"], "New");
  EXPECT_EQ(push["data"][0]["category"], "spot");
  auto wallet = next_of(ws, "wallet");
  ASSERT_FALSE(wallet.is_null());
  EXPECT_EQ(wallet["data"][0]["accountType"], "UNIFIED");
}

TEST(BybitSocket, TopOfBookTradesAndLinearPushes) {
  bybit_live live;
  live.step(2);
  simtest::net::plain_ws pub;
  ASSERT_FALSE(pub.connect(live.port(), "/v5/public/linear"));
  auto ack = send_op(pub, {{"op", "subscribe"},
                           {"args", {"orderbook.1.BTCUSDT", "publicTrade.BTCUSDT"}}});
  EXPECT_EQ(ack["success"], true);
  auto top = json::parse(*pub.read());
  EXPECT_EQ(top["topic"], "orderbook.1.BTCUSDT");
  EXPECT_EQ(top["type"], "snapshot");
  EXPECT_EQ(top["data"]["b"].size(), 1u);
  EXPECT_EQ(top["data"]["a"].size(), 1u);
  simtest::net::plain_ws priv;
  ASSERT_FALSE(priv.connect(live.port(), "/v5/private?max_active_time=60s"));
  auto expires = karb::sim::now_ms() + 10000;
  auto ok = send_op(priv, {{"op", "auth"},
                           {"args", {bytest::key, expires,
                                     karb::sim::by_ws_sign(bytest::secret, expires)}}});
  ASSERT_EQ(ok["success"], true);
  send_op(priv, {{"op", "subscribe"}, {"args", {"execution.linear", "position"}}});
  karb::http::request r;
  r.method = "POST";
  r.target = "/v5/order/create";
  r.body = R"({"category":"linear","symbol":"BTCUSDT","side":"Buy","orderType":"Market","qty":"0.01"})";
  auto ts = karb::sim::now_ms();
  r.headers = bytest::fixture::headers(r.body, ts);
  auto placed = live.sim.handle_http(0, r, ts);
  ASSERT_EQ(json::parse(placed.response.body)["retCode"], 0) << placed.response.body;
  live.step();
  // a step's frames: books first, then tickers and trades
  auto top2 = next_of(pub, "orderbook.1.BTCUSDT");
  EXPECT_EQ(top2["type"], "snapshot");
  EXPECT_GT(top2["data"]["u"].get<int64_t>(), top["data"]["u"].get<int64_t>());
  auto trade = next_of(pub, "publicTrade.BTCUSDT");
  ASSERT_FALSE(trade.is_null());
  bool mine = false;
  for (auto& t : trade["data"])
    mine = mine || (t["S"] == "Buy" && t["s"] == "BTCUSDT" && t.contains("L"));
  EXPECT_TRUE(mine) << trade.dump();
  auto exec = next_of(priv, "execution.linear");
  ASSERT_FALSE(exec.is_null());
  EXPECT_EQ(exec["data"][0]["category"], "linear");
  EXPECT_EQ(exec["data"][0]["feeCurrency"], "USDT");
  auto pos = next_of(priv, "position");
  ASSERT_FALSE(pos.is_null());
  EXPECT_EQ(pos["data"][0]["symbol"], "BTCUSDT");
  EXPECT_EQ(pos["data"][0]["size"], "0.010");
  EXPECT_EQ(pos["data"][0]["side"], "Buy");
}
