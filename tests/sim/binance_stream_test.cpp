// Binance market streams: a client syncing by the documented algorithms
// (spot U/u, USD-M pu chain) rebuilds the simulator's book exactly; the
// `gap` fault is detectable; frames match the fixtures; one socket test.

#include <gtest/gtest.h>

#include <map>

#include "bn_test_client.hpp"
#include "live_sim.hpp"
#include "socket_client.hpp"
#include "tools/karb-sim/bn_stream.hpp"

using namespace bntest;
using karb::sim::venue_kind;

namespace {

/// A local book kept by the documented algorithm.
struct local_book {
  std::map<std::string, std::string> bids, asks; ///< price text -> qty text
  int64_t id = 0;
  bool synced = false;
  bool broken = false;

  void load(const json& snap) {
    bids.clear();
    asks.clear();
    for (auto& l : snap["bids"])
      bids[l[0]] = l[1];
    for (auto& l : snap["asks"])
      asks[l[0]] = l[1];
    id = snap["lastUpdateId"];
  }
  void apply(const json& e) {
    for (auto [side, key] : {std::pair{&bids, "b"}, std::pair{&asks, "a"}})
      for (auto& l : e[key]) {
        if (karb::dec(l[1].get<std::string>()).is_zero())
          side->erase(l[0].get<std::string>());
        else
          (*side)[l[0]] = l[1];
      }
    id = e["u"];
  }
  /// Spot: drop u <= id; first U <= id+1 <= u; then U == id + 1.
  void on_spot(const json& e) {
    int64_t U = e["U"], u = e["u"];
    if (u <= id)
      return;
    if (!synced) {
      ASSERT_TRUE(U <= id + 1 && id + 1 <= u);
      synced = true;
    } else if (U != id + 1) {
      broken = true;
      return;
    }
    apply(e);
  }
  /// USD-M: drop u < id; first U <= id <= u; then pu == previous u.
  void on_usdm(const json& e) {
    int64_t U = e["U"], u = e["u"], pu = e["pu"];
    if (u < id)
      return;
    if (!synced) {
      ASSERT_TRUE(U <= id && id <= u);
      synced = true;
    } else if (pu != id) {
      broken = true;
      return;
    }
    apply(e);
  }
  json as_depth() const {
    json out{{"bids", json::array()}, {"asks", json::array()}};
    for (auto i = bids.rbegin(); i != bids.rend(); ++i)
      out["bids"].push_back({i->first, i->second});
    for (auto& [p, q] : asks)
      out["asks"].push_back({p, q});
    return out;
  }
};

/// Sorts numerically (map keys sort as text).
json sorted(json side, bool desc) {
  std::sort(side.begin(), side.end(), [desc](const json& a, const json& b) {
    auto x = karb::dec(a[0].get<std::string>());
    auto y = karb::dec(b[0].get<std::string>());
    return desc ? x > y : x < y;
  });
  return side;
}

/// The depth events of one step for `symbol` on venue `v`.
std::vector<json> depth_events(fixture& f, size_t v, const std::string& symbol) {
  f.now += 100;
  std::vector<json> out;
  for (auto& u : f.sim.step(f.now))
    if (u->venue == v && u->binance && u->binance->symbol == symbol)
      for (auto& e : karb::sim::stream_events(f.sim.kind(v), *u->binance, "depth"))
        out.push_back(json::parse(e));
  return out;
}

void sync_and_compare(size_t v) {
  fixture f;
  bool usdm_venue = v == usdm;
  std::vector<json> buffered;
  for (int i = 0; i < 3; ++i)
    for (auto& e : depth_events(f, v, "BTCUSDT"))
      buffered.push_back(e);
  // An order takes liquidity between steps: the snapshot sees it.
  if (usdm_venue)
    f.call(v, "POST", "/fapi/v1/order",
           "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.05");
  else
    f.call(v, "POST", "/api/v3/order",
           "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.05");
  auto path = usdm_venue ? "/fapi/v1/depth?symbol=BTCUSDT&limit=1000"
                         : "/api/v3/depth?symbol=BTCUSDT&limit=1000";
  local_book lb;
  lb.load(body(f.pub(v, path)));
  for (int i = 0; i < 20; ++i) {
    for (auto& e : depth_events(f, v, "BTCUSDT"))
      buffered.push_back(e);
    if (i == 10) // and once more mid-stream
      f.call(v, "POST", usdm_venue ? "/fapi/v1/order" : "/api/v3/order",
             "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.02");
  }
  for (auto& e : buffered)
    usdm_venue ? lb.on_usdm(e) : lb.on_spot(e);
  ASSERT_TRUE(lb.synced);
  ASSERT_FALSE(lb.broken);
  auto venue_book = body(f.pub(v, path));
  auto mine = lb.as_depth();
  EXPECT_EQ(lb.id, venue_book["lastUpdateId"].get<int64_t>());
  EXPECT_EQ(sorted(mine["bids"], true), venue_book["bids"]);
  EXPECT_EQ(sorted(mine["asks"], false), venue_book["asks"]);
}

} // namespace

TEST(BinanceDepth, SpotClientSyncReproducesTheBook) {
  sync_and_compare(spot);
}

TEST(BinanceDepth, UsdmClientSyncReproducesTheBook) {
  sync_and_compare(usdm);
}

TEST(BinanceDepth, UsdmPuChainAndGapFault) {
  fixture f;
  std::vector<json> events;
  for (int i = 0; i < 5; ++i)
    for (auto& e : depth_events(f, usdm, "ETHUSDT"))
      events.push_back(e);
  ASSERT_GE(events.size(), 4u);
  for (size_t i = 1; i < events.size(); ++i) {
    EXPECT_EQ(events[i]["pu"], events[i - 1]["u"]);
    EXPECT_EQ(events[i]["U"].get<int64_t>(), events[i - 1]["u"].get<int64_t>() + 1);
  }
  f.admin("POST", "/fault",
          R"({"venue":"binance_usdm","fault":"gap","symbol":"ETHUSDT"})");
  auto last_u = events.back()["u"].get<int64_t>();
  std::vector<json> after;
  for (int i = 0; i < 3; ++i)
    for (auto& e : depth_events(f, usdm, "ETHUSDT"))
      after.push_back(e);
  ASSERT_FALSE(after.empty());
  EXPECT_NE(after[0]["pu"].get<int64_t>(), last_u); // the chain breaks once
  EXPECT_GT(after[0]["U"].get<int64_t>(), last_u + 1);
  for (size_t i = 1; i < after.size(); ++i)
    EXPECT_EQ(after[i]["pu"], after[i - 1]["u"]);
}

TEST(BinanceDepth, SpotGapIsSeenBySyncingClient) {
  fixture f;
  local_book lb;
  lb.load(body(f.pub(spot, "/api/v3/depth?symbol=XRPUSDT")));
  for (int i = 0; i < 3; ++i)
    for (auto& e : depth_events(f, spot, "XRPUSDT"))
      lb.on_spot(e);
  EXPECT_FALSE(lb.broken);
  f.admin("POST", "/fault", R"({"venue":"binance_spot","fault":"gap"})");
  for (int i = 0; i < 3; ++i)
    for (auto& e : depth_events(f, spot, "XRPUSDT"))
      lb.on_spot(e);
  EXPECT_TRUE(lb.broken);
}

TEST(BinanceStreams, EventsMatchTheFixtureFields) {
  fixture f;
  f.admin("POST", "/fault", R"({"venue":"all","fault":"shift_mid","bp":5})");
  bool seen_trade = false;
  for (int i = 0; i < 40 && !seen_trade; ++i) {
    f.now += 1000;
    for (auto& u : f.sim.step(f.now)) {
      auto& b = *u->binance;
      auto kind = f.sim.kind(u->venue);
      auto dir = kind == venue_kind::binance_spot ? std::string{"binance_spot/"}
                                                  : std::string{"binance_usdm/"};
      auto file = kind == venue_kind::binance_spot ? "NKNUSDT" : "SUSHIUSDT";
      for (auto& e : karb::sim::stream_events(kind, b, "depth"))
        same_fields(fixture_event(dir + "ws_depth_" + file + "_100ms.jsonl"),
                    json::parse(e));
      for (auto& e : karb::sim::stream_events(kind, b, "bookTicker"))
        same_fields(fixture_event(dir + "ws_bookTicker_" + file + ".jsonl"),
                    json::parse(e));
      for (auto& e : karb::sim::stream_events(kind, b, "aggTrade")) {
        same_fields(fixture_event(dir + "ws_aggTrade_" + file + ".jsonl"),
                    json::parse(e));
        seen_trade = true;
      }
      if (kind == venue_kind::binance_usdm)
        for (auto& e : karb::sim::stream_events(kind, b, "markPrice@1s")) {
          auto j = json::parse(e);
          EXPECT_EQ(j["e"], "markPriceUpdate");
          for (auto k : {"E", "s", "p", "i", "P", "r", "T"})
            EXPECT_TRUE(j.contains(k)) << k;
        }
    }
  }
  EXPECT_TRUE(seen_trade);
}

TEST(BinanceStreams, RoutesAndLiveSubscribe) {
  using karb::sim::route_bn_ws;
  auto r = route_bn_ws(venue_kind::binance_spot, "/stream?streams=btcusdt@depth@100ms/ethusdt@trade");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->combined);
  EXPECT_EQ(r->streams.size(), 2u);
  EXPECT_EQ(route_bn_ws(venue_kind::binance_spot, "/ws-api/v3")->k,
            karb::sim::bn_ws_route::kind::api);
  EXPECT_FALSE(route_bn_ws(venue_kind::binance_spot, "/websocket/v1"));
  for (auto path : {"/public/ws/btcusdt@depth", "/market/ws/btcusdt@markPrice",
                    "/ws/btcusdt@aggTrade", "/market/stream?streams=btcusdt@aggTrade"})
    EXPECT_EQ(route_bn_ws(venue_kind::binance_usdm, path)->k,
              karb::sim::bn_ws_route::kind::market) << path;
  auto user = route_bn_ws(venue_kind::binance_usdm, "/private/ws/abc");
  EXPECT_EQ(user->listen_key, "abc");
  EXPECT_EQ(route_bn_ws(venue_kind::binance_usdm, "/ws/abc")->k,
            karb::sim::bn_ws_route::kind::user);
  karb::sim::bn_stream_set s(venue_kind::binance_spot, {}, false);
  EXPECT_EQ(json::parse(s.on_text(
              R"({"method":"SUBSCRIBE","params":["btcusdt@bookTicker"],"id":7})")),
            (json{{"result", nullptr}, {"id", 7}}));
  EXPECT_EQ(json::parse(s.on_text(R"({"method":"LIST_SUBSCRIPTIONS","id":8})"))
              ["result"],
            json::array({"btcusdt@bookTicker"}));
  s.on_text(R"({"method":"UNSUBSCRIBE","params":["btcusdt@bookTicker"],"id":9})");
  EXPECT_TRUE(s.streams().empty());
}

TEST(BinanceSocket, CombinedStreamAndUserDataOverWebSocket) {
  karb::sim::sim_config c;
  c.venues = {venue_kind::binance_spot, venue_kind::binance_usdm};
  c.book_hz = 50;
  c.start = karb::sim::now_ms();
  karb::sim::simulator sim(c);
  karb::sim::server_config sc;
  sc.port_base = 0;
  sc.admin_port = 0;
  karb::sim::server srv(sim, sc);
  srv.start();
  auto ports = srv.venue_ports();
  simtest::net::plain_ws ws;
  ASSERT_FALSE(ws.connect(ports[0], "/stream?streams=btcusdt@depth@100ms"));
  auto frame = ws.read();
  ASSERT_TRUE(frame);
  EXPECT_FALSE(ws.last_binary());
  auto j = json::parse(*frame);
  EXPECT_EQ(j["stream"], "btcusdt@depth@100ms");
  EXPECT_EQ(j["data"]["e"], "depthUpdate");
  // USD-M user stream: listen key, then an order's events.
  auto key_reply = simtest::net::http_call(ports[1], "POST", "/fapi/v1/listenKey");
  EXPECT_EQ(key_reply.status, 401);
  simtest::net::plain_ws bad;
  EXPECT_TRUE(bad.connect(ports[1], "/private/ws/nokey"));
}
