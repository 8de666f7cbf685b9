// Bybit v5 orders through the pure router: place / amend / cancel / query
// on spot and linear with balances and positions checked, the UNIFIED
// USDT, retCode refusals, order shapes against the fixtures.

#include <gtest/gtest.h>

#include "bn_test_client.hpp"
#include "by_test_client.hpp"

using namespace bytest;
using karb::dec;
using karb::sim::ddiv;
using karb::sim::dmul;

namespace {

std::string best(fixture& f, const char* cat, const char* side,
                 const std::string& symbol = "BTCUSDT") {
  auto b = result(f.pub(std::string{"/v5/market/orderbook?category="} + cat
                        + "&symbol=" + symbol));
  return b[side][0][0].get<std::string>();
}

json order(fixture& f, const char* cat, const std::string& id) {
  auto r = result(f.get("/v5/order/realtime",
                        std::string{"category="} + cat + "&orderId=" + id));
  return r["list"].empty() ? json{} : r["list"][0];
}

json limit(const char* cat, const char* side, const std::string& qty,
           const std::string& price, const std::string& link = {}) {
  json j = {{"category", cat}, {"symbol", "BTCUSDT"}, {"side", side},
            {"orderType", "Limit"}, {"qty", qty}, {"price", price}};
  if (!link.empty())
    j["orderLinkId"] = link;
  return j;
}

} // namespace

TEST(BybitSpot, PlaceAmendCancelQuery) {
  fixture f;
  f.step(2);
  auto usdt0 = dec(coin(f, "USDT")["walletBalance"].get<std::string>());
  auto placed = f.post("/v5/order/create", limit("spot", "Buy", "0.01", "50000", "spot-1"));
  ASSERT_EQ(ret(placed), 0) << placed.response.body;
  bntest::same_fields(bntest::fixture_json("bybit/rest_create_order_docs_example.json"),
                      body(placed));
  auto id = result(placed)["orderId"].get<std::string>();
  EXPECT_EQ(result(placed)["orderLinkId"], "spot-1");
  auto o = order(f, "spot", id);
  bntest::same_fields(
    bntest::fixture_json("bybit/rest_order_realtime_docs_example.json")["result"]["list"][0],
    o, {}, {"marketUnit"});
  EXPECT_EQ(o["orderStatus"], "New");
  EXPECT_EQ(o["price"], "50000.00");
  EXPECT_EQ(o["leavesQty"], "0.0100");
  auto u = coin(f, "USDT");
  EXPECT_EQ(dec(u["locked"].get<std::string>()), dec("500"));
  EXPECT_EQ(dec(u["walletBalance"].get<std::string>()), usdt0);
  // open orders by default; by orderLinkId
  auto open = result(f.get("/v5/order/realtime", "category=spot"));
  ASSERT_EQ(open["list"].size(), 1u);
  auto by_link = result(f.get("/v5/order/realtime", "category=spot&orderLinkId=spot-1"));
  EXPECT_EQ(by_link["list"][0]["orderId"], id);
  // amend: price and qty; the lock follows
  auto amended = f.post("/v5/order/amend", {{"category", "spot"}, {"symbol", "BTCUSDT"},
                                            {"orderId", id}, {"price", "40000"},
                                            {"qty", "0.02"}});
  ASSERT_EQ(ret(amended), 0) << amended.response.body;
  o = order(f, "spot", id);
  EXPECT_EQ(o["price"], "40000.00");
  EXPECT_EQ(o["qty"], "0.0200");
  EXPECT_EQ(dec(coin(f, "USDT")["locked"].get<std::string>()), dec("800"));
  EXPECT_EQ(ret(f.post("/v5/order/amend", {{"category", "spot"}, {"symbol", "BTCUSDT"},
                                           {"orderId", id}, {"price", "40000"}})),
            10001); // nothing changes
  // cancel
  auto cancelled = f.post("/v5/order/cancel", {{"category", "spot"}, {"symbol", "BTCUSDT"},
                                               {"orderLinkId", "spot-1"}});
  ASSERT_EQ(ret(cancelled), 0);
  bntest::same_fields(bntest::fixture_json("bybit/rest_cancel_order_docs_example.json"),
                      body(cancelled));
  EXPECT_EQ(result(cancelled)["orderId"], id);
  EXPECT_EQ(order(f, "spot", id)["orderStatus"], "Cancelled");
  EXPECT_TRUE(result(f.get("/v5/order/realtime", "category=spot"))["list"].empty());
  auto closed = result(f.get("/v5/order/realtime", "category=spot&openOnly=1"));
  EXPECT_EQ(closed["list"].size(), 1u);
  EXPECT_EQ(dec(coin(f, "USDT")["locked"].get<std::string>()), dec("0"));
  EXPECT_EQ(ret(f.post("/v5/order/cancel", {{"category", "spot"}, {"symbol", "BTCUSDT"},
                                            {"orderId", id}})),
            170213);
  // orderLinkId is taken for good
  EXPECT_EQ(ret(f.post("/v5/order/create", limit("spot", "Buy", "0.01", "50000", "spot-1"))),
            170141);
  auto hist = result(f.get("/v5/order/history", "category=spot"));
  EXPECT_EQ(hist["list"].size(), 1u);
}

TEST(BybitSpot, MarketBuyInQuoteAndSellInBase) {
  fixture f;
  f.step(2);
  auto btc0 = dec(coin(f, "BTC")["walletBalance"].get<std::string>());
  auto usdt0 = dec(coin(f, "USDT")["walletBalance"].get<std::string>());
  auto buy = f.post("/v5/order/create", {{"category", "spot"}, {"symbol", "BTCUSDT"},
                                         {"side", "Buy"}, {"orderType", "Market"},
                                         {"qty", "1000"}});
  ASSERT_EQ(ret(buy), 0) << buy.response.body;
  auto o = order(f, "spot", result(buy)["orderId"]);
  EXPECT_EQ(o["orderStatus"], "Filled") << o.dump();
  EXPECT_EQ(o["qty"], "1000");
  EXPECT_EQ(o["marketUnit"], "quoteCoin");
  auto got = dec(o["cumExecQty"].get<std::string>());
  auto fee = dec(o["cumExecFee"].get<std::string>());
  EXPECT_EQ(fee, dmul(got, dec("0.001")));
  EXPECT_EQ(dec(coin(f, "BTC")["walletBalance"].get<std::string>()), btc0 + got - fee);
  auto spent = dec(o["cumExecValue"].get<std::string>());
  EXPECT_LE(spent, dec("1000"));
  EXPECT_EQ(dec(coin(f, "USDT")["walletBalance"].get<std::string>()), usdt0 - spent);
  auto fills = result(f.get("/v5/execution/list", "category=spot"));
  ASSERT_GE(fills["list"].size(), 1u);
  EXPECT_EQ(fills["list"][0]["feeCurrency"], "BTC");
  EXPECT_EQ(fills["list"][0]["isMaker"], false);
  // a market Sell counts base coin
  auto sell = f.post("/v5/order/create", {{"category", "spot"}, {"symbol", "BTCUSDT"},
                                          {"side", "Sell"}, {"orderType", "Market"},
                                          {"qty", "0.01"}});
  ASSERT_EQ(ret(sell), 0) << sell.response.body;
  auto s = order(f, "spot", result(sell)["orderId"]);
  EXPECT_EQ(s["cumExecQty"], "0.0100");
  EXPECT_EQ(dec(coin(f, "BTC")["walletBalance"].get<std::string>()),
            btc0 + got - fee - dec("0.01"));
  // marketUnit=baseCoin on a Buy
  auto base = f.post("/v5/order/create", {{"category", "spot"}, {"symbol", "BTCUSDT"},
                                          {"side", "Buy"}, {"orderType", "Market"},
                                          {"qty", "0.001"}, {"marketUnit", "baseCoin"}});
  ASSERT_EQ(ret(base), 0) << base.response.body;
  EXPECT_EQ(order(f, "spot", result(base)["orderId"])["cumExecQty"], "0.0010");
}

TEST(BybitSpot, RefusalsCarrySpotCodes) {
  fixture f;
  f.step(2);
  auto bad = limit("spot", "Buy", "0.01", "50000");
  bad["symbol"] = "NOPEUSDT";
  EXPECT_EQ(ret(f.post("/v5/order/create", bad)), 170121);
  EXPECT_EQ(ret(f.post("/v5/order/create", limit("spot", "Buy", "0.01", "50000.005"))), 170134);
  EXPECT_EQ(ret(f.post("/v5/order/create", limit("spot", "Buy", "0.00015", "50000"))), 170137);
  EXPECT_EQ(ret(f.post("/v5/order/create", limit("spot", "Buy", "0.0001", "40000"))), 170140);
  EXPECT_EQ(ret(f.post("/v5/order/create", limit("spot", "Buy", "5", "50000"))), 170131);
  EXPECT_EQ(ret(f.post("/v5/order/create", limit("spot", "Sell", "2", "500000"))), 170131);
  auto no_cat = limit("spot", "Buy", "0.01", "50000");
  no_cat.erase("category");
  EXPECT_EQ(ret(f.post("/v5/order/create", no_cat)), 10001);
  auto side = limit("spot", "BUY", "0.01", "50000");
  EXPECT_EQ(ret(f.post("/v5/order/create", side)), 10001);
  EXPECT_EQ(ret(f.post("/v5/order/create",
                       limit("spot", "Buy", "0.01", "50000",
                             std::string(37, 'x')))),
            10001);
  EXPECT_EQ(ret(f.post("/v5/order/cancel", {{"category", "spot"}, {"symbol", "BTCUSDT"},
                                            {"orderId", "12345"}})),
            170213);
}

TEST(BybitLinear, PositionLeverageAndReduceOnly) {
  fixture f;
  f.step(3);
  // leverage and modes: "not modified" answers
  EXPECT_EQ(ret(f.post("/v5/position/set-leverage",
                       {{"category", "linear"}, {"symbol", "BTCUSDT"},
                        {"buyLeverage", "10"}, {"sellLeverage", "10"}})),
            0);
  EXPECT_EQ(ret(f.post("/v5/position/set-leverage",
                       {{"category", "linear"}, {"symbol", "BTCUSDT"},
                        {"buyLeverage", "10"}, {"sellLeverage", "10"}})),
            110043);
  EXPECT_EQ(ret(f.post("/v5/position/switch-mode",
                       {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"mode", 0}})),
            110025);
  EXPECT_EQ(ret(f.post("/v5/position/switch-isolated",
                       {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"tradeMode", 0},
                        {"buyLeverage", "10"}, {"sellLeverage", "10"}})),
            110026);
  // reduce-only without a position
  auto ro = limit("linear", "Sell", "0.01", best(f, "linear", "b"));
  ro["reduceOnly"] = true;
  EXPECT_EQ(ret(f.post("/v5/order/create", ro)), 110017);
  // a resting limit reserves margin; amend and cancel it
  auto rest = f.post("/v5/order/create", limit("linear", "Buy", "0.01", "50000", "lin-1"));
  ASSERT_EQ(ret(rest), 0) << rest.response.body;
  auto rid = result(rest)["orderId"].get<std::string>();
  EXPECT_EQ(order(f, "linear", rid)["orderStatus"], "New");
  EXPECT_EQ(dec(coin(f, "USDT")["totalOrderIM"].get<std::string>()), dec("50"));
  ASSERT_EQ(ret(f.post("/v5/order/amend", {{"category", "linear"}, {"symbol", "BTCUSDT"},
                                           {"orderLinkId", "lin-1"}, {"price", "45000"}})),
            0);
  EXPECT_EQ(order(f, "linear", rid)["price"], "45000.0");
  EXPECT_EQ(dec(coin(f, "USDT")["totalOrderIM"].get<std::string>()), dec("45"));
  ASSERT_EQ(ret(f.post("/v5/order/cancel", {{"category", "linear"}, {"symbol", "BTCUSDT"},
                                            {"orderId", rid}})),
            0);
  EXPECT_EQ(ret(f.post("/v5/order/cancel", {{"category", "linear"}, {"symbol", "BTCUSDT"},
                                            {"orderId", rid}})),
            110001);
  EXPECT_EQ(ret(f.post("/v5/order/create", limit("linear", "Buy", "0.01", "50000", "lin-1"))),
            110072);
  // open a long at the ask
  auto wallet0 = dec(coin(f, "USDT")["walletBalance"].get<std::string>());
  auto ask = best(f, "linear", "a");
  auto buy = f.post("/v5/order/create", {{"category", "linear"}, {"symbol", "BTCUSDT"},
                                         {"side", "Buy"}, {"orderType", "Market"},
                                         {"qty", "0.01"}, {"positionIdx", 0}});
  ASSERT_EQ(ret(buy), 0) << buy.response.body;
  auto o = order(f, "linear", result(buy)["orderId"]);
  EXPECT_EQ(o["orderStatus"], "Filled");
  auto value = dec(o["cumExecValue"].get<std::string>());
  auto fee = dec(o["cumExecFee"].get<std::string>());
  EXPECT_EQ(fee, dmul(value, dec("0.00055")));
  auto pos = result(f.get("/v5/position/list", "category=linear&symbol=BTCUSDT"));
  ASSERT_EQ(pos["list"].size(), 1u);
  auto& p = pos["list"][0];
  bntest::same_fields(
    bntest::fixture_json("bybit/rest_position_list_docs_example.json")["result"]["list"][0],
    p);
  EXPECT_EQ(p["side"], "Buy");
  EXPECT_EQ(p["size"], "0.010");
  EXPECT_EQ(p["leverage"], "10");
  EXPECT_EQ(dec(p["avgPrice"].get<std::string>()), ddiv(value, dec("0.01")));
  EXPECT_FALSE(p["liqPrice"].get<std::string>().empty());
  EXPECT_TRUE(dec(p["markPrice"].get<std::string>()).is_positive());
  auto st = f.state();
  auto mark = dec(st["linear"]["BTCUSDT"]["mark"].get<std::string>());
  auto entry = dec(p["avgPrice"].get<std::string>());
  EXPECT_EQ(dec(p["unrealisedPnl"].get<std::string>()), dmul(dec("0.01"), mark - entry));
  // UNIFIED: the fee left the one USDT balance (spot view included)
  EXPECT_EQ(dec(coin(f, "USDT")["walletBalance"].get<std::string>()), wallet0 - fee);
  EXPECT_EQ(dec(st["accounts"][key]["spot"]["USDT"]["free"].get<std::string>()),
            wallet0 - fee);
  // settleCoin lists open positions only
  auto by_coin = result(f.get("/v5/position/list", "category=linear&settleCoin=USDT"));
  EXPECT_EQ(by_coin["list"].size(), 1u);
  // reduce-only twice the size refused, the size closes it
  auto close = json{{"category", "linear"}, {"symbol", "BTCUSDT"}, {"side", "Sell"},
                    {"orderType", "Market"}, {"qty", "0.02"}, {"reduceOnly", true}};
  EXPECT_EQ(ret(f.post("/v5/order/create", close)), 110017);
  close["qty"] = "0.01";
  ASSERT_EQ(ret(f.post("/v5/order/create", close)), 0);
  pos = result(f.get("/v5/position/list", "category=linear&symbol=BTCUSDT"));
  EXPECT_EQ(pos["list"][0]["size"], "0.000");
  EXPECT_EQ(pos["list"][0]["side"], "");
  auto fills = result(f.get("/v5/execution/list", "category=linear&symbol=BTCUSDT"));
  EXPECT_EQ(fills["list"].size(), 2u);
  (void)ask;
}

TEST(BybitLinear, MarginRefusalsAndFees) {
  fixture f;
  f.step(2);
  auto fee = result(f.get("/v5/account/fee-rate", "category=linear&symbol=BTCUSDT"));
  EXPECT_EQ(fee["list"][0]["takerFeeRate"], "0.00055");
  EXPECT_EQ(fee["list"][0]["makerFeeRate"], "0.0002");
  auto spot_fee = result(f.get("/v5/account/fee-rate", "category=spot"));
  EXPECT_EQ(spot_fee["list"].size(), 3u);
  EXPECT_EQ(spot_fee["list"][0]["takerFeeRate"], "0.001");
  // 100 BTC at leverage 20 needs far more than 100,000 USDT
  EXPECT_EQ(ret(f.post("/v5/order/create", limit("linear", "Buy", "100", "50000"))), 110007);
  EXPECT_EQ(ret(f.post("/v5/order/create", limit("linear", "Buy", "0.0001", "50000"))),
            10001); // off the 0.001 step
  EXPECT_EQ(ret(f.post("/v5/order/create", limit("linear", "Buy", "0.001", "1000"))),
            110094); // notional 1 < 5
  EXPECT_EQ(ret(f.post("/v5/order/create", limit("linear", "Buy", "0.01", "50000.05"))),
            10001); // off the 0.1 tick
  auto idx = limit("linear", "Buy", "0.01", "50000");
  idx["positionIdx"] = 1;
  EXPECT_EQ(ret(f.post("/v5/order/create", idx)), 10001);
  EXPECT_EQ(ret(f.get("/v5/position/list", "category=linear")), 10001);
  EXPECT_EQ(ret(f.get("/v5/account/wallet-balance", "accountType=CONTRACT")), 10001);
  auto w = result(f.get("/v5/account/wallet-balance", "accountType=UNIFIED"));
  bntest::same_fields(
    bntest::fixture_json("bybit/rest_wallet_balance_docs_example.json")["result"]["list"][0],
    w["list"][0]);
  bntest::same_fields(
    bntest::fixture_json("bybit/rest_wallet_balance_docs_example.json")["result"]["list"][0]
      ["coin"][0],
    w["list"][0]["coin"][0]);
}
