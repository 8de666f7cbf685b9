// What the ccxt compatibility test (tests/ccxt) showed missing and Binance
// documents: GET /api/v3/aggTrades and /fapi/v1/aggTrades (ccxt's default
// fetchTrades), GET /fapi/v1/leverageBracket (ccxt's fetchPositions loads
// it first), an account's updateTime (ccxt skips USD-M assets with 0).

#include <gtest/gtest.h>

#include "bn_test_client.hpp"

using namespace bntest;

namespace {

/// Recent trades and aggregate trades of BTCUSDT agree print by print.
void same_prints(fixture& f, size_t v, const std::string& prefix) {
  auto trades = body(f.pub(v, prefix + "/trades?symbol=BTCUSDT&limit=1000"));
  auto agg = body(f.pub(v, prefix + "/aggTrades?symbol=BTCUSDT&limit=1000"));
  ASSERT_GT(trades.size(), 3u);
  ASSERT_EQ(agg.size(), trades.size());
  for (size_t i = 0; i < agg.size(); ++i) {
    auto& a = agg[i];
    auto& t = trades[i];
    EXPECT_EQ(a["a"], t["id"]);
    EXPECT_EQ(a["f"], t["id"]); // one print is one aggregate
    EXPECT_EQ(a["l"], t["id"]);
    EXPECT_EQ(a["p"], t["price"]);
    EXPECT_EQ(a["q"], t["qty"]);
    EXPECT_EQ(a["T"], t["time"]);
    EXPECT_EQ(a["m"], t["isBuyerMaker"]);
    if (v == spot) {
      EXPECT_EQ(a["M"], true);
    } else {
      EXPECT_FALSE(a.contains("M")); // USD-M aggTrades carry no M
    }
    if (i > 0) {
      EXPECT_GT(a["a"].get<int64_t>(), agg[i - 1]["a"].get<int64_t>());
    }
  }
  // limit: the most recent ones.
  auto last3 = body(f.pub(v, prefix + "/aggTrades?symbol=BTCUSDT&limit=3"));
  ASSERT_EQ(last3.size(), 3u);
  EXPECT_EQ(last3[2]["a"], agg.back()["a"]);
  EXPECT_EQ(last3[0]["a"], agg[agg.size() - 3]["a"]);
  // fromId (inclusive): the first `limit` from there.
  auto from = agg[1]["a"].get<int64_t>();
  auto page = body(f.pub(v, prefix + "/aggTrades?symbol=BTCUSDT&limit=2&fromId="
                              + std::to_string(from)));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0]["a"], agg[1]["a"]);
  EXPECT_EQ(page[1]["a"], agg[2]["a"]);
  // startTime / endTime (inclusive).
  auto t0 = agg[1]["T"].get<int64_t>();
  auto window = body(f.pub(v, prefix + "/aggTrades?symbol=BTCUSDT&startTime="
                                + std::to_string(t0) + "&endTime="
                                + std::to_string(t0)));
  ASSERT_FALSE(window.empty());
  for (auto& a : window)
    EXPECT_EQ(a["T"], t0);
  EXPECT_EQ(code(f.pub(v, prefix + "/aggTrades")), -1102);
  EXPECT_EQ(code(f.pub(v, prefix + "/aggTrades?symbol=NOPEUSDT")), -1121);
}

} // namespace

TEST(BinanceAggTrades, SpotMatchesRecentTrades) {
  fixture f;
  f.step(60);
  same_prints(f, spot, "/api/v3");
}

TEST(BinanceAggTrades, UsdmMatchesRecentTrades) {
  fixture f;
  f.step(60);
  same_prints(f, usdm, "/fapi/v1");
}

TEST(BinanceUsdmLeverageBracket, BracketsPerSymbol) {
  fixture f;
  auto all = body(f.call(usdm, "GET", "/fapi/v1/leverageBracket", ""));
  ASSERT_TRUE(all.is_array());
  ASSERT_EQ(all.size(), 3u); // BTCUSDT, ETHUSDT, XRPUSDT
  auto one = body(f.call(usdm, "GET", "/fapi/v1/leverageBracket", "symbol=BTCUSDT"));
  ASSERT_TRUE(one.is_object());
  EXPECT_EQ(one["symbol"], "BTCUSDT");
  auto& b = one["brackets"];
  ASSERT_GE(b.size(), 2u);
  EXPECT_EQ(b[0]["bracket"], 1);
  EXPECT_EQ(b[0]["initialLeverage"], 125);
  EXPECT_EQ(b[0]["notionalFloor"], 0);
  for (size_t i = 0; i < b.size(); ++i) {
    // The simulator's one maintenance rate (BTC 0.4 %), maintenance amount 0.
    EXPECT_DOUBLE_EQ(b[i]["maintMarginRatio"].get<double>(), 0.004);
    EXPECT_DOUBLE_EQ(b[i]["cum"].get<double>(), 0.0);
    EXPECT_GT(b[i]["notionalCap"].get<int64_t>(), b[i]["notionalFloor"].get<int64_t>());
    if (i > 0) {
      EXPECT_EQ(b[i]["notionalFloor"], b[i - 1]["notionalCap"]) << "contiguous";
      EXPECT_LT(b[i]["initialLeverage"].get<int>(), b[i - 1]["initialLeverage"].get<int>());
    }
  }
  EXPECT_EQ(b.back()["initialLeverage"], 1);
  // POST /leverage's maxNotionalValue is the cap of that leverage's bracket.
  auto lev = body(f.call(usdm, "POST", "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=10"));
  bool found = false;
  for (auto& x : b)
    if (x["initialLeverage"] == 10) {
      EXPECT_EQ(lev["maxNotionalValue"], std::to_string(x["notionalCap"].get<int64_t>()));
      found = true;
    }
  EXPECT_TRUE(found);
  for (auto& s : all) {
    if (s["symbol"] == "ETHUSDT") {
      EXPECT_DOUBLE_EQ(s["brackets"][0]["maintMarginRatio"].get<double>(), 0.005);
    }
  }
  EXPECT_EQ(code(f.call(usdm, "GET", "/fapi/v1/leverageBracket", "symbol=NOPEUSDT")), -1121);
  // USER_DATA: signed.
  EXPECT_EQ(f.pub(usdm, "/fapi/v1/leverageBracket").response.status, 401);
}

TEST(BinanceAccountUpdateTime, AFundedAccountWasUpdatedAtTheStart) {
  // Binance shows updateTime 0 only for an asset that never moved; ccxt's
  // USD-M balance parser skips such an asset. The dev accounts are funded
  // when the simulator starts.
  fixture f;
  time_ms start = fixture::config({}).start;
  auto bal = body(f.call(usdm, "GET", "/fapi/v3/balance", ""));
  ASSERT_EQ(bal.size(), 1u);
  EXPECT_EQ(bal[0]["asset"], "USDT");
  EXPECT_EQ(bal[0]["updateTime"], start);
  auto acc = body(f.call(usdm, "GET", "/fapi/v3/account", ""));
  EXPECT_EQ(acc["assets"][0]["updateTime"], start);
  auto spot_acc = body(f.call(spot, "GET", "/api/v3/account", ""));
  EXPECT_EQ(spot_acc["updateTime"], start);
  // A fill moves it on.
  auto ask = body(f.pub(usdm, "/fapi/v1/ticker/bookTicker?symbol=BTCUSDT"))["askPrice"]
               .get<std::string>();
  auto r = f.call(usdm, "POST", "/fapi/v1/order",
                  "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.01&price="
                    + ask);
  ASSERT_EQ(r.response.status, 200) << r.response.body;
  auto later = body(f.call(usdm, "GET", "/fapi/v3/balance", ""));
  EXPECT_GT(later[0]["updateTime"].get<time_ms>(), start);
}
