// Bybit v5 through the pure router: signature and time window, the
// envelope, instruments per category, market data shapes against the
// fixtures, per-UID rate limits, funding fast-forward.

#include <gtest/gtest.h>

#include "bn_test_client.hpp"
#include "by_test_client.hpp"

using namespace bytest;
using karb::dec;

TEST(BybitAuth, KeyWindowAndSignature) {
  fixture f;
  auto path = std::string{"/v5/account/wallet-balance"};
  auto q = std::string{"accountType=UNIFIED"};
  auto ok = f.get(path, q);
  EXPECT_EQ(ret(ok), 0) << ok.response.body;
  EXPECT_EQ(body(ok)["retMsg"], "OK");
  EXPECT_TRUE(body(ok)["retExtInfo"].is_object());
  EXPECT_TRUE(body(ok)["time"].is_number());
  // no key, unknown key
  auto none = f.send("GET", path + "?" + q);
  EXPECT_EQ(ret(none), 10003);
  EXPECT_EQ(none.response.status, 401);
  auto unknown = f.send("GET", path + "?" + q, {},
                        fixture::headers(q, f.now + 150, "nobody"));
  EXPECT_EQ(ret(unknown), 10003);
  // the window: server_time - recv_window <= ts < server_time + 1000
  auto old = f.send("GET", path + "?" + q, {}, fixture::headers(q, f.now - 5000));
  EXPECT_EQ(ret(old), 10002) << old.response.body;
  auto edge = f.send("GET", path + "?" + q, {},
                     fixture::headers(q, f.now + 150 - 5000));
  EXPECT_EQ(ret(edge), 0) << edge.response.body;
  auto future = f.send("GET", path + "?" + q, {},
                       fixture::headers(q, f.now + 150 + 1000));
  EXPECT_EQ(ret(future), 10002);
  auto wide = f.send("GET", path + "?" + q, {},
                     fixture::headers(q, f.now - 8000, key, secret, "20000"));
  EXPECT_EQ(ret(wide), 0) << wide.response.body;
  // a wrong secret, a query changed after signing
  auto bad = f.send("GET", path + "?" + q, {},
                    fixture::headers(q, f.now + 150, key, "wrong"));
  EXPECT_EQ(ret(bad), 10004);
  auto changed = f.send("GET", path + "?accountType=UNIFIED&coin=BTC", {},
                        fixture::headers(q, f.now + 150));
  EXPECT_EQ(ret(changed), 10004);
  // a POST signs the body bytes
  auto text = std::string{R"({"category":"spot","symbol":"BTCUSDT"})"};
  auto post = f.send("POST", "/v5/order/cancel-all", text,
                     fixture::headers(text, f.now + 150));
  EXPECT_EQ(ret(post), 0) << post.response.body;
  auto spaced = f.send("POST", "/v5/order/cancel-all",
                       R"({"category": "spot","symbol":"BTCUSDT"})",
                       fixture::headers(text, f.now + 150));
  EXPECT_EQ(ret(spaced), 10004);
  // the reference's computed vectors (secret test-secret-key)
  EXPECT_EQ(hmac("test-secret-key",
                 "1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C"),
            "a342244e9559147b26e2bd106406ab8b7a120c6775cc2130f8f4d16339429db2");
  EXPECT_EQ(karb::sim::by_ws_sign("test-secret-key", 1662350400000),
            "cbd70263e011c8296f113b43f2b9c70e5f900604c78e0ea495629f64d2e09811");
}

TEST(BybitMarket, InstrumentsPerCategory) {
  fixture f;
  auto spot = result(f.pub("/v5/market/instruments-info?category=spot"));
  ASSERT_EQ(spot["list"].size(), 3u);
  EXPECT_EQ(spot["category"], "spot");
  auto& s0 = spot["list"][0];
  EXPECT_EQ(s0["symbol"], "BTCUSDT");
  EXPECT_EQ(s0["priceFilter"]["tickSize"], "0.01");
  EXPECT_EQ(s0["lotSizeFilter"]["basePrecision"], "0.0001");
  EXPECT_EQ(s0["lotSizeFilter"]["minOrderAmt"], "5");
  EXPECT_FALSE(s0["lotSizeFilter"].contains("qtyStep"));
  auto linear = result(f.pub("/v5/market/instruments-info?category=linear&symbol=ETHUSDT"));
  ASSERT_EQ(linear["list"].size(), 1u);
  auto& l0 = linear["list"][0];
  EXPECT_EQ(l0["contractType"], "LinearPerpetual");
  EXPECT_EQ(l0["settleCoin"], "USDT");
  EXPECT_EQ(l0["fundingInterval"], 480);
  EXPECT_EQ(l0["lotSizeFilter"]["qtyStep"], "0.01");
  EXPECT_TRUE(l0["lotSizeFilter"].contains("minNotionalValue"));
  EXPECT_TRUE(l0["priceFilter"].contains("minPrice"));
  EXPECT_FALSE(l0["lotSizeFilter"].contains("basePrecision"));
  auto fx = bntest::fixture_json("bybit/rest_instruments_linear_docs_example.json");
  for (auto k : {"minPrice", "maxPrice", "tickSize"})
    EXPECT_TRUE(l0["priceFilter"][k].is_string()) << k;
  for (auto& [k, v] : fx["result"]["list"][0]["lotSizeFilter"].items())
    EXPECT_TRUE(l0["lotSizeFilter"].contains(k)) << k;
  EXPECT_EQ(ret(f.pub("/v5/market/instruments-info")), 10001);
  EXPECT_EQ(ret(f.pub("/v5/market/instruments-info?category=option")), 10001);
}

TEST(BybitMarket, ShapesMatchTheFixtures) {
  fixture f;
  f.step(5);
  auto book = body(f.pub("/v5/market/orderbook?category=spot&symbol=BTCUSDT"));
  bntest::same_fields(bntest::fixture_json("bybit/rest_orderbook_docs_example.json"),
                      book);
  bntest::same_fields(
    bntest::fixture_json("bybit/rest_orderbook_docs_example.json")["result"],
    book["result"]);
  EXPECT_EQ(book["result"]["b"].size(), 1u); // spot default limit 1
  auto deep = result(f.pub("/v5/market/orderbook?category=linear&symbol=BTCUSDT"));
  EXPECT_EQ(deep["b"].size(), 25u);
  EXPECT_LT(dec(deep["b"][0][0].get<std::string>()),
            dec(deep["a"][0][0].get<std::string>()));
  EXPECT_EQ(ret(f.pub("/v5/market/orderbook?category=spot&symbol=NOPEUSDT")), 170121);
  auto tick = result(f.pub("/v5/market/tickers?category=linear&symbol=BTCUSDT"));
  auto fx_tick = bntest::fixture_json("bybit/rest_tickers_docs_example.json");
  for (auto k : {"lastPrice", "indexPrice", "markPrice", "fundingRate",
                 "nextFundingTime", "bid1Price", "ask1Size", "volume24h",
                 "turnover24h", "fundingIntervalHour", "fundingCap"}) {
    ASSERT_TRUE(tick["list"][0].contains(k)) << k;
    EXPECT_STREQ(bntest::type_name(tick["list"][0][k]),
                 bntest::type_name(fx_tick["result"]["list"][0][k])) << k;
  }
  auto spot_tick = result(f.pub("/v5/market/tickers?category=spot"));
  EXPECT_EQ(spot_tick["list"].size(), 3u);
  EXPECT_FALSE(spot_tick["list"][0].contains("fundingRate"));
  auto trades = result(f.pub("/v5/market/recent-trade?category=spot&symbol=BTCUSDT"));
  ASSERT_TRUE(trades["list"].is_array());
  auto t = result(f.pub("/v5/market/time"));
  EXPECT_EQ(t["timeSecond"], std::to_string(f.now / 1000));
}

TEST(BybitLimits, HeadersAndRetCode10006) {
  fixture f;
  auto cancel_all = json{{"category", "spot"}};
  karb::sim::reply last;
  for (int i = 0; i < 20; ++i) {
    // all within one second of the sim clock
    auto text = cancel_all.dump();
    last = f.send("POST", "/v5/order/cancel-all", text,
                  fixture::headers(text, f.now + 1), 1);
    ASSERT_EQ(ret(last), 0) << i << last.response.body;
  }
  EXPECT_EQ(header(last, "X-Bapi-Limit"), "20");
  EXPECT_EQ(header(last, "X-Bapi-Limit-Status"), "0");
  EXPECT_EQ(header(last, "X-Bapi-Limit-Reset-Timestamp"),
            std::to_string((f.now / 1000 + 1) * 1000));
  auto text = cancel_all.dump();
  auto over = f.send("POST", "/v5/order/cancel-all", text,
                     fixture::headers(text, f.now + 1), 1);
  EXPECT_EQ(ret(over), 10006);
  // linear has its own budget (10/s); the next second starts afresh
  auto lin = f.post("/v5/order/cancel-all", {{"category", "linear"}});
  EXPECT_EQ(header(lin, "X-Bapi-Limit"), "10");
  f.now += 1000;
  EXPECT_EQ(ret(f.post("/v5/order/cancel-all", cancel_all)), 0);
  // --no-rate-limit
  fixture free(false);
  for (int i = 0; i < 25; ++i) {
    auto t2 = cancel_all.dump();
    last = free.send("POST", "/v5/order/cancel-all", t2,
                     fixture::headers(t2, free.now + 1), 1);
  }
  EXPECT_EQ(ret(last), 0);
  EXPECT_EQ(header(last, "X-Bapi-Limit-Status"), "0");
  // public market data: no per-UID headers
  EXPECT_EQ(header(f.pub("/v5/market/time"), "X-Bapi-Limit"), "");
}

TEST(BybitFunding, FastForwardSettlesLinearPositions) {
  fixture f;
  f.step(3);
  auto ask = result(f.pub("/v5/market/orderbook?category=linear&symbol=BTCUSDT"))["a"][0][0];
  auto placed = f.post("/v5/order/create",
                       {{"category", "linear"}, {"symbol", "BTCUSDT"}, {"side", "Buy"},
                        {"orderType", "Limit"}, {"qty", "0.01"}, {"price", ask},
                        {"timeInForce", "IOC"}});
  ASSERT_EQ(ret(placed), 0) << placed.response.body;
  auto before = dec(coin(f, "USDT")["walletBalance"].get<std::string>());
  auto tick = result(f.pub("/v5/market/tickers?category=linear&symbol=BTCUSDT"))["list"][0];
  auto next = std::stoll(tick["nextFundingTime"].get<std::string>());
  EXPECT_EQ(next % (8 * 3600 * 1000), 0);
  f.admin("POST", "/funding", R"({"venue":"bybit"})");
  auto hist = result(f.pub("/v5/market/funding/history?category=linear&symbol=BTCUSDT"));
  ASSERT_EQ(hist["list"].size(), 1u);
  bntest::same_fields(
    bntest::fixture_json("bybit/rest_funding_history_docs_example.json")["result"]["list"][0],
    hist["list"][0]);
  auto rate = dec(hist["list"][0]["fundingRate"].get<std::string>());
  auto st = f.state();
  auto mark = dec(st["linear"]["BTCUSDT"]["mark"].get<std::string>());
  auto after = dec(coin(f, "USDT")["walletBalance"].get<std::string>());
  auto paid = karb::sim::dmul(karb::sim::dmul(dec("0.01"), mark), rate);
  EXPECT_EQ(after, before - paid);
  auto tick2 = result(f.pub("/v5/market/tickers?category=linear&symbol=BTCUSDT"))["list"][0];
  EXPECT_EQ(std::stoll(tick2["nextFundingTime"].get<std::string>()),
            next + 8 * 3600 * 1000);
  // spot has no funding history
  EXPECT_EQ(ret(f.pub("/v5/market/funding/history?category=spot&symbol=BTCUSDT")), 10001);
}
