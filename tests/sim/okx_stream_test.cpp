// OKX WebSocket over real sockets: the `books` snapshot and update chain
// with checksums recomputed here (and on the real capture), the checksum
// and gap faults, unsubscribe/resubscribe, ping, and the private login
// with an order push.

#include <gtest/gtest.h>

#include <fstream>

#include "okx_test_client.hpp"
#include "socket_client.hpp"

using namespace okxtest;
using simtest::net::plain_ws;

namespace {

struct live_okx {
  karb::sim::simulator sim{config()};
  karb::sim::server srv{sim, [] {
                          karb::sim::server_config s;
                          s.port_base = 0;
                          s.admin_port = -1;
                          return s;
                        }()};
  live_okx() { srv.start(); }
  uint16_t port() const { return srv.venue_ports().at(0); }
};

/// The next frame that is a books push (skips other frames).
json next_books(plain_ws& ws) {
  for (int k = 0; k < 200; ++k) {
    auto f = ws.read();
    if (!f)
      return {};
    auto j = json::parse(*f, nullptr, false);
    if (j.is_object() && j.contains("action"))
      return j;
  }
  return {};
}

TEST(OkxBooks, RealCaptureChecksums) {
  std::ifstream in("/work/shared/fixtures/exchanges/okx/ws_books_BTC-USDT.jsonl");
  ASSERT_TRUE(in);
  local_book b;
  int checked = 0;
  for (std::string line; std::getline(in, line);) {
    auto j = json::parse(line);
    if (!j.contains("data"))
      continue;
    b.apply(j["data"][0], j["action"] == "snapshot");
    EXPECT_EQ(b.checksum(), j["data"][0]["checksum"].get<int32_t>()) << checked;
    ++checked;
  }
  EXPECT_GT(checked, 50);
}

TEST(OkxBooks, SnapshotUpdatesChainAndChecksum) {
  live_okx s;
  plain_ws ws;
  ASSERT_FALSE(ws.connect(s.port(), "/ws/v5/public"));
  ASSERT_TRUE(ws.send(R"({"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT-SWAP"}]})"));
  auto ack = json::parse(*ws.read());
  EXPECT_EQ(ack["event"], "subscribe");
  EXPECT_EQ(ack["arg"]["channel"], "books");
  local_book b;
  auto snap = next_books(ws);
  ASSERT_EQ(snap["action"], "snapshot");
  auto& d0 = snap["data"][0];
  EXPECT_EQ(d0["prevSeqId"], -1);
  EXPECT_EQ(d0["asks"][0].size(), 4u);
  b.apply(d0, true);
  EXPECT_EQ(b.checksum(), d0["checksum"].get<int32_t>());
  for (int k = 0; k < 10; ++k) {
    auto u = next_books(ws);
    ASSERT_EQ(u["action"], "update");
    auto& d = u["data"][0];
    EXPECT_EQ(d["prevSeqId"].get<int64_t>(), b.seq);
    b.apply(d, false);
    EXPECT_EQ(b.checksum(), d["checksum"].get<int32_t>()) << k;
  }
  ASSERT_TRUE(ws.send("ping"));
  for (int k = 0; k < 200; ++k) {
    auto f = ws.read();
    ASSERT_TRUE(f);
    if (*f == "pong")
      break;
  }
}

TEST(OkxBooks, ChecksumAndGapFaults) {
  live_okx s;
  plain_ws ws;
  ASSERT_FALSE(ws.connect(s.port(), "/ws/v5/public"));
  ASSERT_TRUE(ws.send(R"({"op":"subscribe","args":[{"channel":"books","instId":"ETH-USDT"}]})"));
  local_book b;
  auto snap = next_books(ws);
  ASSERT_EQ(snap["action"], "snapshot");
  b.apply(snap["data"][0], true);
  ASSERT_FALSE(s.sim.apply_fault({{"venue", "okx"}, {"fault", "checksum"},
                                  {"instId", "ETH-USDT"}}, karb::sim::now_ms()));
  bool mismatch = false;
  for (int k = 0; k < 5 && !mismatch; ++k) {
    auto u = next_books(ws);
    ASSERT_EQ(u["data"][0]["prevSeqId"].get<int64_t>(), b.seq);
    b.apply(u["data"][0], false);
    mismatch = b.checksum() != u["data"][0]["checksum"].get<int32_t>();
  }
  EXPECT_TRUE(mismatch);
  ASSERT_FALSE(s.sim.apply_fault({{"venue", "okx"}, {"fault", "gap"},
                                  {"instId", "ETH-USDT"}}, karb::sim::now_ms()));
  bool gap = false;
  for (int k = 0; k < 5 && !gap; ++k) {
    auto u = next_books(ws);
    gap = u["data"][0]["prevSeqId"].get<int64_t>() != b.seq;
    b.apply(u["data"][0], false);
  }
  EXPECT_TRUE(gap);
  // resubscribe: a fresh snapshot
  ASSERT_TRUE(ws.send(R"({"op":"unsubscribe","args":[{"channel":"books","instId":"ETH-USDT"}]})"));
  ASSERT_TRUE(ws.send(R"({"op":"subscribe","args":[{"channel":"books","instId":"ETH-USDT"}]})"));
  bool fresh = false;
  for (int k = 0; k < 20 && !fresh; ++k) {
    auto u = next_books(ws);
    fresh = u["action"] == "snapshot";
  }
  EXPECT_TRUE(fresh);
}

TEST(OkxPrivate, LoginAndOrderPush) {
  live_okx s;
  plain_ws ws;
  ASSERT_FALSE(ws.connect(s.port(), "/ws/v5/private"));
  ASSERT_TRUE(ws.send(R"({"op":"subscribe","args":[{"channel":"orders","instType":"ANY"}]})"));
  auto early = json::parse(*ws.read());
  EXPECT_EQ(early["event"], "error");
  EXPECT_EQ(early["code"], "60011");
  auto ts = std::to_string(karb::sim::now_ms() / 1000);
  json bad = {{"op", "login"}, {"args", {{{"apiKey", key}, {"passphrase", pass},
                                          {"timestamp", ts}, {"sign", "AAAA"}}}}};
  ASSERT_TRUE(ws.send(bad.dump()));
  EXPECT_EQ(json::parse(*ws.read())["code"], "60009");
  json login = {{"op", "login"},
                {"args", {{{"apiKey", key}, {"passphrase", pass}, {"timestamp", ts},
                           {"sign", sign(secret, ts + "GET/users/self/verify")}}}}};
  ASSERT_TRUE(ws.send(login.dump()));
  auto ok = json::parse(*ws.read());
  EXPECT_EQ(ok["event"], "login");
  EXPECT_EQ(ok["code"], "0");
  ASSERT_TRUE(ws.send(R"({"op":"subscribe","args":[{"channel":"orders","instType":"ANY"},{"channel":"account"}]})"));
  EXPECT_EQ(json::parse(*ws.read())["event"], "subscribe");
  EXPECT_EQ(json::parse(*ws.read())["event"], "subscribe");
  // place over REST (through the same simulator)
  karb::http::request r;
  r.method = "POST";
  r.target = "/api/v5/trade/order";
  r.body = R"({"instId":"XRP-USDT","tdMode":"cash","side":"buy","ordType":"limit","px":"0.5","sz":"100","clOrdId":"ws1"})";
  auto t = karb::sim::okx_iso_ms(karb::sim::now_ms());
  r.headers = {{"OK-ACCESS-KEY", key}, {"OK-ACCESS-PASSPHRASE", pass},
               {"OK-ACCESS-TIMESTAMP", t},
               {"OK-ACCESS-SIGN", sign(secret, t + "POST" + r.target + r.body)}};
  auto placed = json::parse(s.sim.handle_http(0, r, karb::sim::now_ms()).response.body);
  ASSERT_EQ(placed["code"], "0") << placed;
  bool saw_order = false, saw_account = false;
  for (int k = 0; k < 50 && !(saw_order && saw_account); ++k) {
    auto f = ws.read();
    ASSERT_TRUE(f);
    auto j = json::parse(*f);
    if (j["arg"]["channel"] == "orders") {
      EXPECT_EQ(j["data"][0]["clOrdId"], "ws1");
      EXPECT_EQ(j["data"][0]["state"], "live");
      EXPECT_EQ(j["data"][0]["instType"], "SPOT");
      saw_order = true;
    }
    if (j["arg"]["channel"] == "account")
      saw_account = j["data"][0]["details"].is_array();
  }
  EXPECT_TRUE(saw_order);
  EXPECT_TRUE(saw_account);
}

} // namespace
