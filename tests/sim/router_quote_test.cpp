// Quotation endpoints and venue rules through the pure router.

#include <gtest/gtest.h>

#include "sim_test_client.hpp"
#include "tools/karb-sim/rules.hpp"

using namespace simtest;
using karb::dec;
using karb::sim::venue_kind;

TEST(Rules, UpbitTickTableSince20250731) {
  using karb::sim::tick_size;
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("150000000")), dec("1000"));
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("1500000")), dec("1000"));
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("700000")), dec("500"));
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("200000")), dec("100"));
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("70000")), dec("50"));
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("20000")), dec("10"));
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("7000")), dec("5"));
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("3000")), dec("1"));
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("500")), dec("1"));
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("50")), dec("0.1"));
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("5")), dec("0.01"));
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("0.5")), dec("0.001"));
  EXPECT_EQ(tick_size(venue_kind::upbit, dec("0.000005")), dec("0.00000001"));
}

TEST(Rules, BithumbTickTableDiffersBelow100) {
  using karb::sim::tick_size;
  EXPECT_EQ(tick_size(venue_kind::bithumb, dec("150000000")), dec("1000"));
  EXPECT_EQ(tick_size(venue_kind::bithumb, dec("7000")), dec("5"));
  EXPECT_EQ(tick_size(venue_kind::bithumb, dec("500")), dec("1"));
  EXPECT_EQ(tick_size(venue_kind::bithumb, dec("50")), dec("0.01"));
  EXPECT_EQ(tick_size(venue_kind::bithumb, dec("5")), dec("0.001"));
  EXPECT_EQ(tick_size(venue_kind::bithumb, dec("0.5")), dec("0.0001"));
  EXPECT_TRUE(karb::sim::on_tick(venue_kind::bithumb, dec("50.05")));
  EXPECT_FALSE(karb::sim::on_tick(venue_kind::upbit, dec("50.05")));
}

TEST(RouterQuote, MarketAllListsBtcEthXrp) {
  sim_fixture f;
  auto j = json_of(f.get(0, "/v1/market/all", false).response);
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["market"], "KRW-BTC");
  EXPECT_EQ(j[1]["market"], "KRW-ETH");
  EXPECT_EQ(j[2]["market"], "KRW-XRP");
  EXPECT_TRUE(j[0]["korean_name"].is_string());
}

TEST(RouterQuote, OrderbookHas30LevelsOfJsonNumbersOnTicks) {
  sim_fixture f;
  f.step(3);
  auto r = f.get(0, "/v1/orderbook?markets=KRW-BTC", false);
  ASSERT_EQ(r.response.status, 200);
  EXPECT_EQ(r.response.get("Remaining-Req"), "group=orderbook; min=600; sec=9");
  auto j = json_of(r.response);
  ASSERT_EQ(j.size(), 1u);
  auto& units = j[0]["orderbook_units"];
  ASSERT_EQ(units.size(), 30u);
  EXPECT_TRUE(units[0]["ask_price"].is_number());
  EXPECT_TRUE(j[0]["total_ask_size"].is_number());
  EXPECT_EQ(j[0]["level"], 0);
  for (size_t i = 0; i < units.size(); ++i) {
    auto ask = dec(units[i]["ask_price"].dump());
    auto bid = dec(units[i]["bid_price"].dump());
    EXPECT_EQ(ask.raw % dec("1000").raw, 0);
    EXPECT_EQ(bid.raw % dec("1000").raw, 0);
    if (i > 0) {
      EXPECT_GT(ask, dec(units[i - 1]["ask_price"].dump()));
      EXPECT_LT(bid, dec(units[i - 1]["bid_price"].dump()));
    }
  }
  EXPECT_LT(dec(units[0]["bid_price"].dump()), dec(units[0]["ask_price"].dump()));
}

TEST(RouterQuote, OrderbookHonoursCountAndLevel) {
  sim_fixture f;
  auto j = json_of(f.get(0, "/v1/orderbook?markets=KRW-BTC&count=5", false).response);
  EXPECT_EQ(j[0]["orderbook_units"].size(), 5u);
  j = json_of(f.get(0, "/v1/orderbook?markets=KRW-BTC&level=100000", false).response);
  EXPECT_EQ(j[0]["level"], 100000);
  for (auto& u : j[0]["orderbook_units"])
    EXPECT_EQ(dec(u["ask_price"].dump()).raw % dec("100000").raw, 0);
  auto bad = f.get(0, "/v1/orderbook?markets=KRW-BTC&level=1234", false);
  EXPECT_EQ(bad.response.status, 400);
}

TEST(RouterQuote, BithumbSends15LevelsForSeveralMarkets) {
  sim_fixture f;
  auto j = json_of(f.get(1, "/v1/orderbook?markets=KRW-BTC,KRW-ETH", false).response);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["orderbook_units"].size(), 15u);
  j = json_of(f.get(1, "/v1/orderbook?markets=KRW-BTC", false).response);
  EXPECT_EQ(j[0]["orderbook_units"].size(), 30u);
}

TEST(RouterQuote, UnknownMarketIsCodeNotFound) {
  sim_fixture f;
  auto r = f.get(0, "/v1/ticker?markets=KRW-NOPE", false);
  EXPECT_EQ(r.response.status, 404);
  EXPECT_EQ(json_of(r.response)["error"]["message"], "Code not found");
  EXPECT_EQ(f.get(0, "/v1/trades/ticks?market=KRW-NOPE", false).response.status, 404);
}

TEST(RouterQuote, TickerAndTradesHaveTheDocumentedFields) {
  sim_fixture f;
  f.step(50);
  auto t = json_of(f.get(0, "/v1/ticker?markets=KRW-BTC,KRW-XRP", false).response);
  ASSERT_EQ(t.size(), 2u);
  for (auto* k : {"trade_price", "opening_price", "high_price", "low_price",
                  "prev_closing_price", "signed_change_rate", "trade_volume",
                  "acc_trade_price_24h", "acc_trade_volume_24h",
                  "trade_timestamp", "timestamp"})
    EXPECT_TRUE(t[0][k].is_number()) << k;
  EXPECT_TRUE(t[0]["change"] == "RISE" || t[0]["change"] == "FALL"
              || t[0]["change"] == "EVEN");
  auto tr = json_of(f.get(0, "/v1/trades/ticks?market=KRW-BTC&count=3", false).response);
  ASSERT_EQ(tr.size(), 3u);
  EXPECT_GT(tr[0]["sequential_id"].get<int64_t>(), tr[1]["sequential_id"].get<int64_t>());
  EXPECT_TRUE(tr[0]["ask_bid"] == "ASK" || tr[0]["ask_bid"] == "BID");
  EXPECT_TRUE(tr[0]["trade_price"].is_number());
}

TEST(RouterQuote, UnknownPathIs404) {
  sim_fixture f;
  EXPECT_EQ(f.get(0, "/v9/nothing", false).response.status, 404);
  EXPECT_EQ(f.get(0, "/v2/order?order_id=x").response.status, 404); // Bithumb only
}
