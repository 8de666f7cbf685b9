// Binance USD-M through the pure router: shapes, filters, orders,
// reduce-only and margin refusals, leverage / margin type, funding,
// liquidation price, user data, listen keys.

#include <gtest/gtest.h>

#include "bn_test_client.hpp"
#include "tools/karb-sim/perp_ledger.hpp"

using namespace bntest;
using karb::dec;

namespace {

std::string best(fixture& f, const char* side, const std::string& symbol = "BTCUSDT") {
  return body(f.pub(usdm, "/fapi/v1/ticker/bookTicker?symbol=" + symbol))[side]
    .get<std::string>();
}

/// Buys `qty` BTCUSDT at the ask (a long position).
json go_long(fixture& f, const std::string& qty) {
  auto r = f.call(usdm, "POST", "/fapi/v1/order",
                  "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity="
                    + qty + "&price=" + best(f, "askPrice")
                    + "&newOrderRespType=RESULT");
  EXPECT_EQ(r.response.status, 200) << r.response.body;
  return body(r);
}

} // namespace

TEST(BinanceUsdmShapes, MatchTheFixtures) {
  fixture f;
  auto info = body(f.pub(usdm, "/fapi/v1/exchangeInfo"));
  auto want = fixture_json("binance_usdm/rest_exchangeInfo_excerpt_BTCUSDT_2021.json");
  same_fields(want, info, {}, {"assets"});
  same_fields(want["symbols"][0], info["symbols"][0]);
  EXPECT_EQ(info["symbols"][0]["contractType"], "PERPETUAL");
  EXPECT_EQ(info["symbols"][0]["marginAsset"], "USDT");
  EXPECT_EQ(info["rateLimits"][0]["limit"], 2400);
  bool min_notional = false;
  for (auto& fl : info["symbols"][0]["filters"])
    if (fl["filterType"] == "MIN_NOTIONAL")
      min_notional = fl["notional"] == "5";
  EXPECT_TRUE(min_notional);
  same_fields(fixture_json("binance_usdm/rest_depth_docs_example.json"),
              body(f.pub(usdm, "/fapi/v1/depth?symbol=BTCUSDT&limit=5")));
  EXPECT_EQ(code(f.pub(usdm, "/fapi/v1/depth?symbol=BTCUSDT&limit=7")), -1130);
  same_fields(fixture_json("binance_usdm/rest_premiumIndex_docs_example.json"),
              body(f.pub(usdm, "/fapi/v1/premiumIndex?symbol=BTCUSDT")));
  EXPECT_EQ(body(f.pub(usdm, "/fapi/v1/premiumIndex")).size(), 3u);
  same_fields(fixture_json("binance_usdm/rest_balance_v3_docs_example.json")[0],
              body(f.call(usdm, "GET", "/fapi/v3/balance", ""))[0]);
  auto placed = body(f.call(usdm, "POST", "/fapi/v1/order",
                            "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                            "&quantity=0.001&price=50000"));
  same_fields(fixture_json("binance_usdm/rest_new_order_docs_example.json"), placed,
              {"activatePrice", "priceRate"}, {"time"});
  EXPECT_EQ(placed["status"], "NEW");
  go_long(f, "0.01");
  auto risk = body(f.call(usdm, "GET", "/fapi/v3/positionRisk", ""));
  ASSERT_EQ(risk.size(), 1u);
  same_fields(fixture_json("binance_usdm/rest_positionRisk_v3_docs_example.json")[0],
              risk[0]);
  f.admin("POST", "/funding", R"({"venue":"binance_usdm"})");
  auto hist = body(f.pub(usdm, "/fapi/v1/fundingRate?symbol=BTCUSDT"));
  ASSERT_EQ(hist.size(), 1u);
  same_fields(fixture_json("binance_usdm/rest_fundingRate_history_docs_example.json")[0],
              hist[0]);
}

TEST(BinanceUsdmFilters, TickStepNotional) {
  fixture f;
  auto place = [&](std::string p) {
    return code(f.call(usdm, "POST", "/fapi/v1/order",
                       "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&" + p));
  };
  EXPECT_EQ(place("quantity=0.001&price=50000.005"), -1111);
  EXPECT_EQ(place("quantity=0.001&price=50000.05"), -4014);
  EXPECT_EQ(place("quantity=0.001&price=50000.5"), 0);
  EXPECT_EQ(place("quantity=0.0015&price=50000"), -4023);
  EXPECT_EQ(place("quantity=0.001&price=4000"), -4164);
  EXPECT_EQ(place("quantity=0.001&price=50000&positionSide=LONG"), -4061);
}

TEST(BinanceUsdmOrders, LifecycleAndPositionFromFills) {
  fixture f;
  auto r = f.call(usdm, "POST", "/fapi/v1/order",
                  "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.1"
                  "&price=9000&newClientOrderId=p1");
  ASSERT_EQ(r.response.status, 200) << r.response.body;
  auto q = body(f.call(usdm, "GET", "/fapi/v1/order",
                       "symbol=ETHUSDT&origClientOrderId=p1"));
  EXPECT_EQ(q["status"], "NEW");
  auto acct = body(f.call(usdm, "GET", "/fapi/v3/account", ""));
  EXPECT_EQ(acct["totalOpenOrderInitialMargin"], "45.00000000"); // 900/20
  auto c = body(f.call(usdm, "DELETE", "/fapi/v1/order",
                       "symbol=ETHUSDT&origClientOrderId=p1"));
  EXPECT_EQ(c["status"], "CANCELED");
  EXPECT_EQ(code(f.call(usdm, "DELETE", "/fapi/v1/order",
                        "symbol=ETHUSDT&origClientOrderId=p1")), -2011);
  auto o = go_long(f, "0.01");
  EXPECT_EQ(o["status"], "FILLED");
  auto risk = body(f.call(usdm, "GET", "/fapi/v3/positionRisk", "symbol=BTCUSDT"));
  ASSERT_EQ(risk.size(), 1u);
  EXPECT_EQ(risk[0]["positionAmt"], "0.0100");
  EXPECT_EQ(dec(risk[0]["entryPrice"].get<std::string>()),
            dec(o["avgPrice"].get<std::string>()));
  auto income = body(f.call(usdm, "GET", "/fapi/v1/income", "incomeType=COMMISSION"));
  ASSERT_EQ(income.size(), 1u);
  auto fee = -dec(income[0]["income"].get<std::string>());
  EXPECT_EQ(fee, *karb::decimal::mul(dec(o["cumQuote"].get<std::string>()),
                                     dec("0.0005"))); // taker 0.05 %
  auto trades = body(f.call(usdm, "GET", "/fapi/v1/userTrades", "symbol=BTCUSDT"));
  EXPECT_EQ(trades.size(), 1u);
}

TEST(BinanceUsdmOrders, ReduceOnlyAndMarginRefusals) {
  fixture f;
  auto r = f.call(usdm, "POST", "/fapi/v1/order",
                  "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&reduceOnly=true");
  EXPECT_EQ(code(r), -2022);
  EXPECT_EQ(body(r)["msg"], "ReduceOnly Order is rejected.");
  go_long(f, "0.01");
  r = f.call(usdm, "POST", "/fapi/v1/order",
             "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.02&reduceOnly=true");
  EXPECT_EQ(code(r), -2022);
  r = f.call(usdm, "POST", "/fapi/v1/order",
             "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&reduceOnly=true"
             "&newOrderRespType=RESULT");
  EXPECT_EQ(body(r)["status"], "FILLED") << r.response.body;
  f.admin("POST", "/balance",
          R"({"venue":"binance_usdm","currency":"USDT","balance":"10"})");
  r = f.call(usdm, "POST", "/fapi/v1/order",
             "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01"
             "&price=60000"); // 600 / 20 = 30 > 10
  EXPECT_EQ(code(r), -2019);
  EXPECT_EQ(body(r)["msg"], "Margin is insufficient.");
}

TEST(BinanceUsdmAccount, LeverageMarginTypeAndHedgeMode) {
  fixture f;
  auto r = body(f.call(usdm, "POST", "/fapi/v1/leverage",
                       "symbol=BTCUSDT&leverage=10"));
  EXPECT_EQ(r["leverage"], 10);
  EXPECT_EQ(r["symbol"], "BTCUSDT");
  EXPECT_TRUE(r["maxNotionalValue"].is_string());
  EXPECT_EQ(code(f.call(usdm, "POST", "/fapi/v1/leverage",
                        "symbol=BTCUSDT&leverage=126")), -4028);
  EXPECT_EQ(body(f.call(usdm, "POST", "/fapi/v1/marginType",
                        "symbol=BTCUSDT&marginType=ISOLATED"))["msg"], "success");
  EXPECT_EQ(code(f.call(usdm, "POST", "/fapi/v1/marginType",
                        "symbol=BTCUSDT&marginType=ISOLATED")), -4046);
  go_long(f, "0.01");
  EXPECT_EQ(code(f.call(usdm, "POST", "/fapi/v1/marginType",
                        "symbol=BTCUSDT&marginType=CROSSED")), -4048);
  auto risk = body(f.call(usdm, "GET", "/fapi/v2/positionRisk", "symbol=BTCUSDT"));
  EXPECT_EQ(risk[0]["marginType"], "isolated");
  EXPECT_EQ(risk[0]["leverage"], "10");
  EXPECT_NE(risk[0]["liquidationPrice"], "0.00000000");
  EXPECT_EQ(body(f.call(usdm, "GET", "/fapi/v1/positionSide/dual", ""))
              ["dualSidePosition"], false);
  EXPECT_EQ(code(f.call(usdm, "POST", "/fapi/v1/positionSide/dual",
                        "dualSidePosition=true")), -1130);
}

TEST(BinanceUsdmFunding, SettlementMovesTheWalletByAmtTimesMarkTimesRate) {
  fixture f;
  f.step(5);
  go_long(f, "0.01");
  auto wallet = [&] {
    return dec(body(f.call(usdm, "GET", "/fapi/v3/balance", ""))[0]["balance"]
                 .get<std::string>());
  };
  auto before = wallet();
  auto pi = body(f.pub(usdm, "/fapi/v1/premiumIndex?symbol=BTCUSDT"));
  auto next = pi["nextFundingTime"].get<int64_t>();
  EXPECT_EQ(next % (8 * 3600 * 1000), 0); // 00/08/16 UTC
  f.admin("POST", "/funding", R"({"venue":"binance_usdm"})");
  auto hist = body(f.pub(usdm, "/fapi/v1/fundingRate?symbol=BTCUSDT"));
  ASSERT_EQ(hist.size(), 1u);
  auto mark = dec(hist[0]["markPrice"].get<std::string>());
  auto rate = dec(hist[0]["fundingRate"].get<std::string>());
  auto pay = *karb::decimal::mul(*karb::decimal::mul(dec("0.01"), mark), rate);
  EXPECT_TRUE(pay.is_positive());
  EXPECT_EQ(wallet(), before - pay);
  auto income = body(f.call(usdm, "GET", "/fapi/v1/income", "incomeType=FUNDING_FEE"));
  ASSERT_EQ(income.size(), 1u);
  EXPECT_EQ(dec(income[0]["income"].get<std::string>()), -pay);
  EXPECT_EQ(body(f.pub(usdm, "/fapi/v1/premiumIndex?symbol=BTCUSDT"))
              ["nextFundingTime"], next + 8 * 3600 * 1000);
  // The sim clock passing the next funding time settles on its own.
  f.now = next + 8 * 3600 * 1000 - 50;
  f.step(1);
  EXPECT_EQ(body(f.pub(usdm, "/fapi/v1/fundingRate?symbol=BTCUSDT")).size(), 2u);
}

TEST(PerpLedger, LiquidationPriceOfTheDocumentedExample) {
  karb::sim::perp_position p;
  p.leverage = 10;
  p.isolated = true;
  karb::sim::apply_fill(p, true, dec("0.01"), dec("70000"));
  EXPECT_EQ(p.isolated_wallet, dec("70"));
  EXPECT_EQ(karb::sim::liquidation_price(p, p.isolated_wallet, dec("0.004")),
            dec("63253.01204819")); // (70000 - 70/0.01) / 0.996
  karb::sim::perp_position s;
  s.leverage = 10;
  s.isolated = true;
  karb::sim::apply_fill(s, false, dec("0.01"), dec("70000"));
  EXPECT_EQ(karb::sim::liquidation_price(s, s.isolated_wallet, dec("0.004")),
            dec("76693.22709163")); // (70000 + 7000) / 1.004
  // Realised PnL on a close, flip resets the entry.
  EXPECT_EQ(karb::sim::apply_fill(p, false, dec("0.02"), dec("71000")), dec("10"));
  EXPECT_EQ(p.amt, dec("-0.01"));
  EXPECT_EQ(p.entry, dec("71000"));
  EXPECT_EQ(karb::sim::funding_rate(dec("0.0002")), dec("0.0001"));
  EXPECT_EQ(karb::sim::funding_rate(dec("0.003")), dec("0.0025"));
  EXPECT_EQ(karb::sim::funding_rate(dec("0.02")), dec("0.0075"));
}

TEST(BinanceUsdmUserData, ListenKeyLifecycleAndEvents) {
  fixture f;
  auto key = body(f.send(usdm, "POST", "/fapi/v1/listenKey", {},
                         fixture::key(usdm)))["listenKey"].get<std::string>();
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(f.send(usdm, "POST", "/fapi/v1/listenKey").response.status, 401);
  EXPECT_EQ(f.sim.listen_key_account(usdm, key, f.now), fixture::key(usdm));
  f.sim.take_private(usdm, f.now);
  go_long(f, "0.01");
  std::vector<std::string> kinds;
  for (auto& fr : f.sim.take_private(usdm, f.now)) {
    auto e = json::parse(fr.default_text);
    kinds.push_back(e["e"].get<std::string>());
    if (e["e"] == "ORDER_TRADE_UPDATE")
      for (auto k : {"s", "c", "S", "o", "f", "q", "p", "ap", "x", "X", "i", "l",
                     "z", "L", "n", "N", "T", "t", "R", "ps", "rp", "m"})
        EXPECT_TRUE(e["o"].contains(k)) << k;
    if (e["e"] == "ACCOUNT_UPDATE") {
      EXPECT_EQ(e["a"]["m"], "ORDER");
      EXPECT_EQ(e["a"]["P"][0]["pa"], "0.0100");
      EXPECT_EQ(e["a"]["B"][0]["a"], "USDT");
    }
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"ORDER_TRADE_UPDATE",
                                             "ORDER_TRADE_UPDATE",
                                             "ACCOUNT_UPDATE"}));
  f.now += 50 * 60 * 1000;
  EXPECT_EQ(f.send(usdm, "PUT", "/fapi/v1/listenKey", {}, fixture::key(usdm))
              .response.status, 200);
  f.now += 50 * 60 * 1000; // 100 min after creation, 50 after the PUT
  EXPECT_TRUE(f.sim.listen_key_account(usdm, key, f.now));
  f.now += 11 * 60 * 1000;
  EXPECT_FALSE(f.sim.listen_key_account(usdm, key, f.now));
  auto frames = f.sim.take_private(usdm, f.now);
  ASSERT_EQ(frames.size(), 1u);
  auto e = json::parse(frames[0].default_text);
  EXPECT_EQ(e["e"], "listenKeyExpired");
  EXPECT_EQ(e["listenKey"], key);
  EXPECT_EQ(code(f.send(usdm, "PUT", "/fapi/v1/listenKey", {}, fixture::key(usdm))),
            -1125);
  auto fresh = body(f.send(usdm, "POST", "/fapi/v1/listenKey", {},
                           fixture::key(usdm)))["listenKey"];
  EXPECT_NE(fresh, key);
  EXPECT_EQ(f.send(usdm, "DELETE", "/fapi/v1/listenKey", {}, fixture::key(usdm))
              .response.status, 200);
  EXPECT_FALSE(f.sim.listen_key_account(usdm, fresh.get<std::string>(), f.now));
}
