// --feed-rate: the pump's pacing, frame shape and variation, and the server
// pushing pumped frames over a real socket for a bounded time.

#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include <nlohmann/json.hpp>

#include "socket_client.hpp"
#include "tools/karb-sim/feed_pump.hpp"
#include "tools/karb-sim/options.hpp"
#include "tools/karb-sim/rules.hpp"
#include "tools/karb-sim/server.hpp"

using namespace karb::sim;
using json = nlohmann::json;

namespace {

constexpr int64_t ms = 1'000'000;

feed_update update_for(const std::string& code, venue_kind v, time_ms now) {
  rng r{42};
  feed_update u;
  u.code = code;
  u.has_book = true;
  u.b = generate_book(r, v, *find_market(code), find_market(code)->start_price,
                      now);
  u.book_timestamp = now;
  return u;
}

ws_subscription sub_of(const std::string& text) {
  return *parse_subscription(text, false).sub;
}

/// The keys of an object and, for arrays of objects, of their elements.
std::set<std::string> shape(const json& j, const std::string& at = "") {
  std::set<std::string> out;
  if (j.is_object())
    for (auto& [k, v] : j.items()) {
      out.insert(at + "/" + k + ":" + v.type_name());
      for (auto& s : shape(v, at + "/" + k))
        out.insert(s);
    }
  else if (j.is_array())
    for (auto& e : j)
      for (auto& s : shape(e, at + "[]"))
        out.insert(s);
  return out;
}

const char* two_codes
  = R"([{"ticket":"t"},{"type":"orderbook","codes":["KRW-BTC","KRW-ETH"]}])";

} // namespace

TEST(FeedPump, PacesAtTheRateAndForgivesLongStalls) {
  feed_pump p{venue_kind::upbit, 1000, 0};
  auto sub = sub_of(two_codes);
  EXPECT_FALSE(p.ready());
  p.update(update_for("KRW-BTC", venue_kind::upbit, 1), sub);
  EXPECT_TRUE(p.ready());
  EXPECT_EQ(p.due(0, 100000), 0u);
  EXPECT_EQ(p.due(50 * ms, 100000), 50u);
  EXPECT_EQ(p.due(50 * ms, 100000), 0u);
  EXPECT_EQ(p.due(80 * ms, 10), 10u);  // room limits, the rest stays owed
  EXPECT_EQ(p.due(80 * ms, 100000), 20u);
  // 10 s later: only 100 ms worth is owed, the rest is given up.
  EXPECT_EQ(p.due(10'080 * ms, 100000), 100u);
  EXPECT_EQ(p.skipped(), 9900u);
  feed_pump unpaced{venue_kind::upbit, feed_rate_max, 0};
  EXPECT_FALSE(unpaced.paced());
  EXPECT_EQ(unpaced.due(0, 8), 8u);
}

TEST(FeedPump, FramesHaveTheNormalShapeAndMonotonicStamps) {
  for (auto fmt : {"DEFAULT", "SIMPLE"}) {
    auto sub = sub_of(std::string{R"([{"ticket":"t"},{"format":")"} + fmt
                      + R"("},{"type":"orderbook","codes":["KRW-BTC","KRW-ETH"]}])");
    feed_pump p{venue_kind::bithumb, 100, 0};
    auto btc = update_for("KRW-BTC", venue_kind::bithumb, 1000);
    p.update(btc, sub);
    p.update(update_for("KRW-ETH", venue_kind::bithumb, 1000), sub);
    auto normal = json::parse(orderbook_frame(
      {&btc.b, 30, {}, btc.book_timestamp, false}, sub.format, false));
    std::string ts = sub.format == ws_format::simple ? "tms" : "timestamp";
    std::string cd = sub.format == ws_format::simple ? "cd" : "code";
    int64_t last = 0;
    std::vector<std::string> codes;
    for (int i = 0; i < 8; ++i) {
      auto f = json::parse(p.next(1'795'000'000'000 - (i == 5 ? 100 : 0) + i));
      EXPECT_EQ(shape(f), shape(normal)) << fmt;
      EXPECT_EQ(f[sub.format == ws_format::simple ? "obu" : "orderbook_units"]
                  .size(),
                30u);
      EXPECT_GE(f[ts].get<int64_t>(), last);
      last = f[ts].get<int64_t>();
      codes.push_back(f[cd]);
    }
    EXPECT_EQ(last, 1'795'000'000'007);
    EXPECT_EQ(codes[0], "KRW-BTC");
    EXPECT_EQ(codes[1], "KRW-ETH");
    EXPECT_EQ(codes[2], "KRW-BTC");
    EXPECT_EQ(p.sent(), 8u);
  }
}

TEST(FeedPump, VariantsChangeSizesAndDeepPricesButNotTheTouch) {
  auto u = update_for("KRW-BTC", venue_kind::upbit, 1000);
  auto a = feed_pump::vary(u.b, venue_kind::upbit, 0);
  auto b = feed_pump::vary(u.b, venue_kind::upbit, 1);
  EXPECT_EQ(a.best_bid(), u.b.best_bid());
  EXPECT_EQ(b.best_ask(), u.b.best_ask());
  EXPECT_NE(a.asks[1].size, b.asks[1].size);
  EXPECT_EQ(a.asks[15].price, u.b.asks[15].price);
  EXPECT_EQ(b.asks[15].price, u.b.asks[15].price + tick_size(
                                venue_kind::upbit, u.b.asks[0].price));
  EXPECT_LT(b.bids[15].price, u.b.bids[15].price);
  for (size_t i = 1; i < b.asks.size(); ++i) {
    EXPECT_GT(b.asks[i].price, b.asks[i - 1].price);
    EXPECT_LT(b.bids[i].price, b.bids[i - 1].price);
  }
}

TEST(FeedPump, OptionsAndMarketCount) {
  std::string err;
  auto o = parse_options({"--feed-rate", "max", "--symbols", "20"}, err);
  ASSERT_TRUE(o) << err;
  EXPECT_EQ(o->feed_rate, feed_rate_max);
  EXPECT_EQ(o->symbols, 20);
  o = parse_options({"--feed-rate", "5000"}, err);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->feed_rate, 5000);
  EXPECT_EQ(parse_options({}, err)->feed_rate, 0);
  EXPECT_FALSE(parse_options({"--symbols", "21"}, err));
  EXPECT_FALSE(parse_options({"--feed-rate", "fast"}, err));
  EXPECT_EQ(markets().size(), 3u);
  set_market_count(20);
  EXPECT_EQ(markets().size(), 20u);
  EXPECT_EQ(markets()[19].code, "KRW-AAVE");
  std::set<std::string> codes;
  for (auto& m : markets())
    codes.insert(m.code);
  EXPECT_EQ(codes.size(), 20u);
  set_market_count(default_market_count);
  EXPECT_EQ(markets().size(), 3u);
}

// Over a real socket: 2,000 frames/s for one second reach the client (the
// pump runs from the first market step on), all book frames of the two
// subscribed markets; unpaced, far more than the default book rate.
// Over sockets nothing is timed against a lower bound (the pacing
// arithmetic is the first test's, on a given clock): frames flow in both
// modes, in order, and a paced server never hands out more than its rate
// over a window measured around the two counts, however loaded the
// machine (load only widens the window).
TEST(FeedPump, ServerSendsPacedAndUnpacedFrames) {
  using namespace std::chrono_literals;
  for (int64_t rate : {int64_t{2000}, feed_rate_max}) {
    sim_config c;
    c.book_hz = 20;
    c.start = now_ms();
    simulator sim{c};
    server_config sc;
    sc.port_base = 0;
    sc.feed_rate = rate;
    server srv{sim, sc};
    srv.start();
    simtest::net::plain_ws ws;
    ASSERT_FALSE(ws.connect(srv.venue_ports()[0], "/websocket/v1"));
    ws.send(R"([{"ticket":"m"},{"type":"orderbook","codes":["KRW-BTC","KRW-ETH"],"is_only_realtime":true}])");
    ASSERT_TRUE(ws.read(2000ms)); // the pump starts at the next step
    auto t0 = std::chrono::steady_clock::now();
    auto pumped0 = srv.pumped_frames();
    constexpr uint64_t frames = 1000;
    int64_t last = 0;
    for (uint64_t n = 0; n < frames; ++n) {
      auto f = ws.read(2000ms);
      ASSERT_TRUE(f) << "frame " << n;
      auto j = json::parse(*f);
      ASSERT_EQ(j["type"], "orderbook");
      EXPECT_GE(j["timestamp"].get<int64_t>(), last);
      last = j["timestamp"];
    }
    auto pumped1 = srv.pumped_frames();
    auto window = std::chrono::duration<double>(
                    std::chrono::steady_clock::now() - t0).count();
    EXPECT_GE(pumped1, frames + 1);
    if (rate > 0) {
      // At most the rate over the window, plus the 100 ms of debt `due`
      // may still owe when the window opens.
      auto bound = static_cast<double>(rate) * (window + 0.1) + 1;
      EXPECT_LE(static_cast<double>(pumped1 - pumped0), bound)
        << "in " << window << " s";
    }
    srv.stop();
  }
}
