// The perpetual venues' derivatives bookkeeping in the simulator: the pure
// liquidation rule, the `funding_rate` fault and POST /funding with a
// count, the funding rows each venue lists (Binance income, OKX bills,
// Bybit transaction log) and liquidations with their rows and pushes.

#include <gtest/gtest.h>

#include "bn_test_client.hpp"
#include "tools/karb-sim/perp_liquidation.hpp"

using namespace bntest;
using karb::dec;
using karb::decimal;

namespace {

decimal num(const json& j) {
  return dec(j.get<std::string>());
}

decimal mul(decimal a, decimal b) {
  return *decimal::mul(a, b);
}

std::string best(fixture& f, const char* side) {
  return body(f.pub(usdm, "/fapi/v1/ticker/bookTicker?symbol=BTCUSDT"))[side]
    .get<std::string>();
}

json go_long(fixture& f, const std::string& qty) {
  auto r = f.call(usdm, "POST", "/fapi/v1/order",
                  "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity="
                    + qty + "&price=" + best(f, "askPrice")
                    + "&newOrderRespType=RESULT");
  EXPECT_EQ(r.response.status, 200) << r.response.body;
  return body(r);
}

json premium(fixture& f) {
  return body(f.pub(usdm, "/fapi/v1/premiumIndex?symbol=BTCUSDT"));
}

} // namespace

// -- the pure rule ---------------------------------------------------------------

TEST(PerpLiquidation, ALongIsClosedAtItsPriceOnceTheMarkReachesIt) {
  karb::sim::perp_position p;
  p.amt = dec("0.1");
  p.entry = dec("10000");
  // M = 100, mmr = 0.004: L = (10000 - 100 / 0.1) / 0.996 = 9036.144578...
  auto mmr = dec("0.004");
  auto lp = karb::sim::liquidation_price(p, dec("100"), mmr);
  EXPECT_FALSE(karb::sim::liquidation_due(p, lp + dec("0.01"), dec("100"), mmr));
  auto due = karb::sim::liquidation_due(p, lp, dec("100"), mmr);
  ASSERT_TRUE(due);
  EXPECT_FALSE(due->buy); // sold
  EXPECT_EQ(due->qty, dec("0.1"));
  EXPECT_EQ(due->price, lp);
  EXPECT_EQ(due->realized_pnl, mul(dec("0.1"), lp - dec("10000")));
  EXPECT_EQ(due->clearance_fee, mul(mul(dec("0.1"), lp), mmr));
  // The whole margin is gone (to the rounding of the price).
  auto left = dec("100") + due->realized_pnl - due->clearance_fee;
  EXPECT_LT(left.abs(), dec("0.000001"));
}

TEST(PerpLiquidation, AShortIsBoughtBackAboveAndACoveredLongNeverIs) {
  karb::sim::perp_position s;
  s.amt = dec("-0.1");
  s.entry = dec("10000");
  auto mmr = dec("0.004");
  auto lp = karb::sim::liquidation_price(s, dec("100"), mmr);
  EXPECT_GT(lp, dec("10000"));
  EXPECT_FALSE(karb::sim::liquidation_due(s, lp - dec("0.01"), dec("100"), mmr));
  auto due = karb::sim::liquidation_due(s, lp + dec("5"), dec("100"), mmr);
  ASSERT_TRUE(due);
  EXPECT_TRUE(due->buy);
  EXPECT_EQ(due->price, lp); // at its price, not the mark
  karb::sim::perp_position covered;
  covered.amt = dec("0.1");
  covered.entry = dec("10000");
  EXPECT_FALSE(karb::sim::liquidation_due(covered, dec("1"), dec("5000"), mmr));
}

// -- funding_rate fault and POST /funding count ------------------------------------

TEST(PerpFunding, AForcedRateIsReportedAndSettledUntilCleared) {
  fixture f;
  f.step(5);
  go_long(f, "0.01");
  f.admin("POST", "/fault",
          R"({"venue":"binance_usdm","fault":"funding_rate","market":"BTCUSDT",)"
          R"("rate":"-0.0003"})");
  EXPECT_EQ(premium(f)["lastFundingRate"], "-0.00030000");
  f.step(3); // market steps keep it
  EXPECT_EQ(premium(f)["lastFundingRate"], "-0.00030000");
  auto next = premium(f)["nextFundingTime"].get<int64_t>();
  f.admin("POST", "/funding", R"({"venue":"binance_usdm","count":3})");
  EXPECT_EQ(premium(f)["nextFundingTime"].get<int64_t>(),
            next + 3 * 8 * 3600 * 1000);
  auto hist = body(f.pub(usdm, "/fapi/v1/fundingRate?symbol=BTCUSDT"));
  ASSERT_EQ(hist.size(), 3u);
  auto income = body(f.call(usdm, "GET", "/fapi/v1/income",
                            "incomeType=FUNDING_FEE"));
  ASSERT_EQ(income.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(hist[i]["fundingRate"], "-0.00030000");
    // a long receives a negative rate: + 0.01 * mark * 0.0003
    EXPECT_EQ(num(income[i]["income"]),
              mul(mul(dec("0.01"), num(hist[i]["markPrice"])), dec("0.0003")));
  }
  auto st = f.admin("GET", "/state")["venues"]["binance_usdm"]["funding"];
  EXPECT_EQ(st["symbols"]["BTCUSDT"]["forced"], true);
  ASSERT_EQ(st["payments"].size(), 3u);
  EXPECT_EQ(st["payments"][0]["amount"].get<std::string>(),
            num(income[0]["income"]).to_string());
  f.admin("POST", "/fault", R"({"venue":"binance_usdm","fault":"clear"})");
  EXPECT_NE(premium(f)["lastFundingRate"], "-0.00030000");
}

TEST(PerpFunding, IncomeFiltersOnTypeAndStartTime) {
  fixture f;
  f.step(5);
  go_long(f, "0.01");
  f.admin("POST", "/funding", R"({"venue":"binance_usdm"})");
  f.now += 1000;
  auto later = f.now;
  f.admin("POST", "/funding", R"({"venue":"binance_usdm"})");
  auto all = body(f.call(usdm, "GET", "/fapi/v1/income", ""));
  EXPECT_GE(all.size(), 3u); // commission, two funding fees
  auto recent = body(f.call(usdm, "GET", "/fapi/v1/income",
                            "incomeType=FUNDING_FEE&startTime="
                              + std::to_string(later)));
  ASSERT_EQ(recent.size(), 1u);
  EXPECT_EQ(recent[0]["time"].get<int64_t>(), later);
}

TEST(PerpFunding, CountAndRateAreChecked) {
  fixture f;
  karb::http::request r;
  r.method = "POST";
  r.target = "/funding";
  r.body = R"({"venue":"binance_usdm","count":0})";
  EXPECT_EQ(f.sim.handle_admin(r, f.now).status, 400);
  r.target = "/fault";
  r.body = R"({"venue":"binance_usdm","fault":"funding_rate","market":"NOPE",)"
           R"("rate":"0.001"})";
  EXPECT_EQ(f.sim.handle_admin(r, f.now).status, 400);
  r.body = R"({"venue":"binance_spot","fault":"funding_rate",)"
           R"("market":"BTCUSDT","rate":"0.001"})";
  EXPECT_EQ(f.sim.handle_admin(r, f.now).status, 400);
}

// -- liquidation (Binance USD-M) ---------------------------------------------------

TEST(PerpLiquidation, BinanceClosesALongWhoseMarkFellThroughItsPrice) {
  fixture f;
  f.step(5);
  f.admin("POST", "/balance",
          R"({"venue":"binance_usdm","currency":"USDT","balance":"100"})");
  // About 15x the wallet: liquidated some 6.5 % below the entry.
  auto mark = num(premium(f)["markPrice"]);
  auto qty = decimal::round_to(*decimal::div(dec("1500"), mark), dec("0.001"),
                                karb::rounding::down);
  auto qty_text = qty.to_string();
  f.sim.take_private(usdm, f.now);
  go_long(f, qty_text);
  auto risk = body(f.call(usdm, "GET", "/fapi/v3/positionRisk",
                          "symbol=BTCUSDT"));
  auto lp = num(risk[0]["liquidationPrice"]);
  ASSERT_TRUE(lp.is_positive());
  f.sim.take_private(usdm, f.now);
  f.admin("POST", "/fault", R"({"venue":"binance_usdm","fault":"shift_mid",)"
                            R"("market":"BTCUSDT","bp":-1500})");
  for (int i = 0; i < 60 && f.admin("GET", "/state")["venues"]["binance_usdm"]
                                   ["liquidations"].empty();
       ++i)
    f.step();
  auto st = f.admin("GET", "/state")["venues"]["binance_usdm"];
  ASSERT_EQ(st["liquidations"].size(), 1u)
    << "the mark never reached " << lp.to_string();
  auto liq = st["liquidations"][0];
  EXPECT_EQ(liq["side"], "SELL");
  EXPECT_EQ(num(liq["price"]), lp);
  // v3 lists only symbols with a position or open orders.
  EXPECT_TRUE(body(f.call(usdm, "GET", "/fapi/v3/positionRisk",
                          "symbol=BTCUSDT"))
                .empty());
  auto pnl = body(f.call(usdm, "GET", "/fapi/v1/income",
                         "incomeType=REALIZED_PNL"));
  auto fee = body(f.call(usdm, "GET", "/fapi/v1/income",
                         "incomeType=INSURANCE_CLEAR"));
  ASSERT_EQ(pnl.size(), 1u);
  ASSERT_EQ(fee.size(), 1u);
  EXPECT_EQ(num(pnl[0]["income"]), num(liq["realized_pnl"]));
  EXPECT_EQ(num(fee[0]["income"]), -num(liq["clearance_fee"]));
  // The margin is gone: what is left is the entry commission's rounding.
  auto wallet = num(body(f.call(usdm, "GET", "/fapi/v3/balance", ""))[0]
                      ["balance"]);
  EXPECT_LT(wallet.abs(), dec("0.01"));
  bool order_seen = false, account_seen = false;
  for (auto& fr : f.sim.take_private(usdm, f.now)) {
    auto e = json::parse(fr.default_text);
    if (e["e"] == "ORDER_TRADE_UPDATE") {
      order_seen = true;
      EXPECT_EQ(e["o"]["o"], "LIQUIDATION");
      EXPECT_EQ(e["o"]["c"].get<std::string>().rfind("autoclose-", 0), 0u);
      EXPECT_EQ(e["o"]["X"], "FILLED");
    }
    if (e["e"] == "ACCOUNT_UPDATE") {
      account_seen = true;
      EXPECT_TRUE(num(e["a"]["P"][0]["pa"]).is_zero());
    }
  }
  EXPECT_TRUE(order_seen);
  EXPECT_TRUE(account_seen);
}

TEST(PerpBasis, TheBasisFaultMovesThePerpetualAloneAndItsMarkFollows) {
  fixture f;
  f.step(5);
  auto mid = [&] {
    auto t = body(f.pub(usdm, "/fapi/v1/ticker/bookTicker?symbol=BTCUSDT"));
    return (num(t["bidPrice"]) + num(t["askPrice"])).to_double() / 2;
  };
  auto before = mid();
  auto mark0 = num(premium(f)["markPrice"]).to_double();
  f.admin("POST", "/fault",
          R"({"venue":"binance_usdm","fault":"basis","market":"BTCUSDT",)"
          R"("bp":80})");
  f.step(30); // the premium EMA moves 20 % a step
  // The fair price moves between steps; 80 bp dwarfs that drift.
  EXPECT_NEAR(mid() / before - 1, 0.008, 0.003);
  EXPECT_NEAR(num(premium(f)["markPrice"]).to_double() / mark0 - 1, 0.008,
              0.003);
  f.admin("POST", "/fault", R"({"venue":"binance_usdm","fault":"clear"})");
  f.step(30);
  EXPECT_NEAR(mid() / before - 1, 0.0, 0.003);
}
