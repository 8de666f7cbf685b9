// Binance spot through the pure router: signing, shapes against the
// fixtures, filters, orders, weights, user data events.

#include <gtest/gtest.h>

#include "bn_test_client.hpp"
#include "tools/karb-sim/bn_auth.hpp"
#include "tools/karb-sim/bn_ws_api.hpp"

using namespace bntest;

namespace {

const std::string vector_secret =
  "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
const std::string vector_key =
  "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const std::string v1 =
  "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
  "&recvWindow=5000&timestamp=1499827319559";

std::string vector_accounts() {
  return json{{"binance_spot", {{{"access_key", vector_key},
                                 {"secret_key", vector_secret},
                                 {"balances", {{"USDT", "1"}}}}}}}
    .dump();
}

} // namespace

TEST(BinanceSigning, OfficialVectors) {
  EXPECT_EQ(hmac(vector_secret, v1),
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  EXPECT_EQ(karb::sim::bn_sign(vector_secret,
                               "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC"
                               "quantity=1&price=0.1&recvWindow=5000"
                               "&timestamp=1499827319559"),
            "0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77");
}

TEST(BinanceSigning, SimulatorAcceptsTheVectorsInQueryAndBody) {
  fixture f(vector_accounts());
  f.now = 1499827319559 + 200;
  auto send = [&](std::string target, std::string body) {
    karb::http::request r;
    r.method = "POST";
    r.target = std::move(target);
    r.body = std::move(body);
    r.headers.emplace_back("X-MBX-APIKEY", vector_key);
    return f.sim.handle_http(spot, r, f.now);
  };
  // Signature accepted: the order fails on the symbol, not on auth.
  auto r = send("/api/v3/order?" + v1 + "&signature="
                  "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
                "");
  EXPECT_EQ(code(r), -1121) << r.response.body;
  EXPECT_EQ(r.auth, "ok");
  r = send("/api/v3/order?symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
           "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
           "&signature=0FD168B8DDB4876A0358A8D14D0C9F3DA0E9B20C5D52B2A00FCF7D1C602F9A77");
  EXPECT_EQ(code(r), -1121) << r.response.body; // uppercase hex accepted
  r = send("/api/v3/order?symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95"
           "%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
           "&recvWindow=5000&timestamp=1499827319559&signature="
           "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3",
           "");
  EXPECT_EQ(code(r), -1121) << r.response.body;
  r = send("/api/v3/order?" + v1 + "&signature="
             "d8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
           "");
  EXPECT_EQ(r.response.status, 400);
  EXPECT_EQ(code(r), -1022);
}

TEST(BinanceSigning, TimestampWindowAndKeys) {
  fixture f;
  auto at = [&](time_ms ts, std::string extra = "") {
    auto q = "symbol=BTCUSDT" + extra + "&timestamp=" + std::to_string(ts);
    return f.send(spot, "GET", "/api/v3/openOrders?" + q + "&signature="
                                 + hmac(fixture::secret(spot), q),
                  {}, fixture::key(spot));
  };
  EXPECT_EQ(at(f.now + 150 - 5000).response.status, 200);       // edge: 5000
  EXPECT_EQ(code(at(f.now + 150 - 5001)), -1021);
  EXPECT_EQ(code(at(f.now + 150 + 999)), 0);                     // < +1000
  EXPECT_EQ(code(at(f.now + 150 + 1000)), -1021);
  EXPECT_EQ(at(f.now + 150 - 20000, "&recvWindow=30000").response.status, 200);
  EXPECT_EQ(code(at(f.now, "&recvWindow=70000")), -1131);
  auto r = f.send(spot, "GET", "/api/v3/account?timestamp=1&signature=ab");
  EXPECT_EQ(r.response.status, 401);
  EXPECT_EQ(code(r), -2014);
  r = f.send(spot, "GET", "/api/v3/account?timestamp=1&signature=ab", {},
             "nobody");
  EXPECT_EQ(r.response.status, 401);
  EXPECT_EQ(code(r), -2015);
}

TEST(BinanceSpotShapes, MatchTheFixtures) {
  fixture f;
  auto info = body(f.pub(spot, "/api/v3/exchangeInfo"));
  auto want = fixture_json("binance_spot/rest_exchangeInfo_excerpt_2021.json");
  same_fields(want, info);
  same_fields(want["symbols"][0], info["symbols"][0], {},
              {"allowTrailingStop", "cancelReplaceAllowed", "permissionSets",
               "defaultSelfTradePreventionMode",
               "allowedSelfTradePreventionModes"});
  auto& filters = info["symbols"][0]["filters"];
  EXPECT_EQ(filters[0]["filterType"], "PRICE_FILTER");
  EXPECT_EQ(filters[0]["tickSize"], "0.01000000");
  EXPECT_EQ(filters[1]["filterType"], "LOT_SIZE");
  EXPECT_EQ(filters[1]["stepSize"], "0.00010000");
  EXPECT_EQ(filters[2]["filterType"], "MARKET_LOT_SIZE");
  EXPECT_EQ(filters[3]["filterType"], "NOTIONAL");
  EXPECT_EQ(filters[3]["minNotional"], "5.00000000");
  std::set<std::string> limits;
  for (auto& l : info["rateLimits"])
    limits.insert(l["rateLimitType"].get<std::string>() + "/"
                  + std::to_string(l["limit"].get<int>()));
  EXPECT_EQ(limits, (std::set<std::string>{"REQUEST_WEIGHT/6000", "ORDERS/100",
                                           "ORDERS/200000",
                                           "RAW_REQUESTS/61000"}));
  auto d = body(f.pub(spot, "/api/v3/depth?symbol=BTCUSDT&limit=5"));
  auto want_depth = fixture_json("binance_spot/rest_depth_NKNUSDT_limit1000.json");
  same_fields(want_depth, d);
  ASSERT_EQ(d["bids"].size(), 5u);
  EXPECT_TRUE(d["bids"][0][0].is_string());
  auto acct = body(f.call(spot, "GET", "/api/v3/account", ""));
  same_fields(fixture_json("binance_spot/rest_account_docs_example.json"), acct);
  same_fields(fixture_json("binance_spot/rest_account_docs_example.json")["balances"][0],
              acct["balances"][0]);
  EXPECT_EQ(acct["commissionRates"]["maker"], "0.00100000");
  auto err = body(f.pub(spot, "/api/v3/depth?symbol=LTCBTC"));
  EXPECT_EQ(err, fixture_json("binance_spot/rest_error_docs_example.json"));
  auto placed = body(f.call(spot, "POST", "/api/v3/order",
                            "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                            "&quantity=0.001&price=50000&newClientOrderId=s1"));
  auto cancelled = body(f.call(spot, "DELETE", "/api/v3/order",
                               "symbol=BTCUSDT&origClientOrderId=s1"));
  same_fields(fixture_json("binance_spot/rest_cancel_order_docs_example.json"),
              cancelled);
  EXPECT_EQ(cancelled["orderId"], placed["orderId"]);
  EXPECT_EQ(cancelled["status"], "CANCELED");
  auto ticker = body(f.pub(spot, "/api/v3/ticker/24hr?symbol=BTCUSDT"));
  // This fixture's body is the 24 h ticker (mislabelled in the capture).
  same_fields(fixture_json("binance_spot/rest_new_order_FULL_docs_example.json"),
              ticker);
  auto bt = body(f.pub(spot, "/api/v3/ticker/bookTicker?symbol=ETHUSDT"));
  same_fields({{"symbol", ""}, {"bidPrice", ""}, {"bidQty", ""},
               {"askPrice", ""}, {"askQty", ""}},
              bt);
  EXPECT_EQ(body(f.pub(spot, "/api/v3/ticker/price")).size(), 3u);
  EXPECT_EQ(body(f.pub(spot, "/api/v3/time"))["serverTime"], f.now);
}

TEST(BinanceSpotFilters, RefusedWithTheDocumentedErrors) {
  fixture f;
  auto place = [&](std::string p) {
    return f.call(spot, "POST", "/api/v3/order", "symbol=BTCUSDT&" + p);
  };
  auto msg = [](const karb::sim::reply& r) { return body(r)["msg"]; };
  auto r = place("side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=50000.001");
  EXPECT_EQ(code(r), -1013);
  EXPECT_EQ(msg(r), "Filter failure: PRICE_FILTER");
  r = place("side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.00015&price=50000");
  EXPECT_EQ(msg(r), "Filter failure: LOT_SIZE");
  r = place("side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.0001&price=40000");
  EXPECT_EQ(msg(r), "Filter failure: NOTIONAL");
  r = place("side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.000000001&price=50000");
  EXPECT_EQ(code(r), -1111);
  r = place("side=BUY&type=LIMIT&timeInForce=GTC&quantity=3&price=50000");
  EXPECT_EQ(code(r), -2010);
  EXPECT_EQ(msg(r), "Account has insufficient balance for requested action.");
  r = place("side=BUY&type=LIMIT&quantity=0.001&price=50000");
  EXPECT_EQ(code(r), -1102);
  r = f.call(spot, "POST", "/api/v3/order",
             "symbol=DOGEBTC&side=BUY&type=MARKET&quantity=1");
  EXPECT_EQ(code(r), -1121);
  r = place("side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=50000"
            "&newClientOrderId=dup");
  EXPECT_EQ(r.response.status, 200);
  r = place("side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=50000"
            "&newClientOrderId=dup");
  EXPECT_EQ(code(r), -2010);
  EXPECT_EQ(msg(r), "Duplicate order sent.");
  auto ask = body(f.pub(spot, "/api/v3/ticker/bookTicker?symbol=BTCUSDT"))["askPrice"]
               .get<std::string>();
  r = place("side=BUY&type=LIMIT_MAKER&quantity=0.001&price=" + ask);
  EXPECT_EQ(msg(r), "Order would immediately match and take.");
  r = f.call(spot, "DELETE", "/api/v3/order", "symbol=BTCUSDT&orderId=1");
  EXPECT_EQ(code(r), -2011);
  r = f.call(spot, "GET", "/api/v3/order", "symbol=BTCUSDT&orderId=1");
  EXPECT_EQ(code(r), -2013);
}

TEST(BinanceSpotOrders, LimitRestsThenFillsOnACrossAndCancelReleases) {
  fixture f;
  auto r = f.call(spot, "POST", "/api/v3/order",
                  "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                  "&quantity=0.01&price=60000&newClientOrderId=rest-1");
  ASSERT_EQ(r.response.status, 200) << r.response.body;
  EXPECT_EQ(body(r)["status"], "NEW");
  auto usdt = [&] {
    auto acct = body(f.call(spot, "GET", "/api/v3/account", ""));
    for (auto& b : acct["balances"])
      if (b["asset"] == "USDT")
        return b;
    return json{};
  };
  EXPECT_EQ(usdt()["locked"], "600.00000000");
  auto q = body(f.call(spot, "GET", "/api/v3/order",
                       "symbol=BTCUSDT&origClientOrderId=rest-1"));
  EXPECT_EQ(q["status"], "NEW");
  EXPECT_EQ(q["clientOrderId"], "rest-1");
  // Move the venue's mid far down: the resting bid becomes marketable.
  f.admin("POST", "/fault",
          R"({"venue":"binance_spot","fault":"shift_mid","bp":-2000})");
  f.step(2);
  q = body(f.call(spot, "GET", "/api/v3/order",
                  "symbol=BTCUSDT&origClientOrderId=rest-1"));
  EXPECT_EQ(q["status"], "FILLED");
  EXPECT_EQ(q["executedQty"], "0.01000000");
  EXPECT_EQ(q["cummulativeQuoteQty"], "600.00000000"); // maker at its price
  auto trades = body(f.call(spot, "GET", "/api/v3/myTrades", "symbol=BTCUSDT"));
  ASSERT_EQ(trades.size(), 1u);
  EXPECT_EQ(trades[0]["isMaker"], true);
  EXPECT_EQ(trades[0]["commission"], "0.00001000"); // 0.1 % of 0.01 BTC
  EXPECT_EQ(usdt()["locked"], "0.00000000");
  // A taker cross: FULL reply with fills.
  auto ask = body(f.pub(spot, "/api/v3/ticker/bookTicker?symbol=BTCUSDT"))["askPrice"]
               .get<std::string>();
  r = f.call(spot, "POST", "/api/v3/order",
             "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.001"
             "&price=" + ask);
  EXPECT_EQ(body(r)["status"], "FILLED") << r.response.body;
  EXPECT_EQ(body(r)["fills"].size(), 1u);
  // Cancel of a resting order releases its lock.
  f.call(spot, "POST", "/api/v3/order",
         "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1"
         "&price=9000&newClientOrderId=c-1");
  r = f.call(spot, "DELETE", "/api/v3/order",
             "symbol=ETHUSDT&origClientOrderId=c-1");
  EXPECT_EQ(body(r)["status"], "CANCELED");
  EXPECT_EQ(code(f.call(spot, "DELETE", "/api/v3/order",
                        "symbol=ETHUSDT&origClientOrderId=c-1")),
            -2011);
  auto open = body(f.call(spot, "GET", "/api/v3/openOrders", ""));
  EXPECT_TRUE(open.empty());
  auto all = body(f.call(spot, "GET", "/api/v3/allOrders", "symbol=ETHUSDT"));
  EXPECT_EQ(all.size(), 1u);
}

TEST(BinanceSpotOrders, MarketByQuoteAmountSpendsAtMostIt) {
  fixture f;
  auto r = f.call(spot, "POST", "/api/v3/order",
                  "symbol=XRPUSDT&side=BUY&type=MARKET&quoteOrderQty=100");
  ASSERT_EQ(r.response.status, 200) << r.response.body;
  auto o = body(r);
  EXPECT_EQ(o["status"], "FILLED");
  auto spent = karb::dec(o["cummulativeQuoteQty"].get<std::string>());
  EXPECT_LE(spent, karb::dec("100"));
  EXPECT_GT(spent, karb::dec("99"));
}

TEST(BinanceWeights, HeadersThen429ThenBan) {
  fixture f;
  auto r = f.pub(spot, "/api/v3/depth?symbol=BTCUSDT&limit=5000"); // 250
  EXPECT_EQ(r.response.get("X-MBX-USED-WEIGHT-1M"), "250");
  r = f.call(spot, "POST", "/api/v3/order",
             "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001"
             "&price=50000");
  EXPECT_EQ(r.response.get("X-MBX-USED-WEIGHT-1M"), "251");
  EXPECT_EQ(r.response.get("X-MBX-ORDER-COUNT-10S"), "1");
  EXPECT_EQ(r.response.get("X-MBX-ORDER-COUNT-1D"), "1");
  f.now = (f.now / 60'000 + 1) * 60'000; // a fresh minute
  for (int i = 0; i < 24; ++i) // 24 * 250 = 6000
    ASSERT_EQ(f.pub(spot, "/api/v3/depth?symbol=BTCUSDT&limit=5000")
                .response.status, 200);
  r = f.pub(spot, "/api/v3/ping");
  EXPECT_EQ(r.response.status, 429);
  EXPECT_EQ(code(r), -1003);
  auto retry = std::stoi(std::string{r.response.get("Retry-After")});
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 60);
  r = f.pub(spot, "/api/v3/ping"); // during Retry-After: banned
  EXPECT_EQ(r.response.status, 418);
  EXPECT_EQ(code(r), -1003);
  EXPECT_EQ(r.response.get("Retry-After"), "120");
  f.now += 121'000;
  EXPECT_EQ(f.pub(spot, "/api/v3/ping").response.status, 200);
}

TEST(BinanceSpotUserData, SubscribeBySignatureThenExecutionReports) {
  fixture f;
  auto ts = std::to_string(f.now);
  auto payload = "apiKey=" + fixture::key(spot) + "&timestamp=" + ts;
  auto req = json{{"id", "s1"},
                  {"method", "userDataStream.subscribe.signature"},
                  {"params", {{"apiKey", fixture::key(spot)},
                              {"timestamp", std::stoll(ts)},
                              {"signature", hmac(fixture::secret(spot), payload)}}}};
  auto r = f.sim.ws_api(spot, req.dump(), f.now);
  ASSERT_TRUE(r.subscribed) << r.reply;
  auto reply = json::parse(r.reply);
  EXPECT_EQ(reply["status"], 200);
  EXPECT_EQ(reply["result"]["subscriptionId"], 0);
  req["params"]["signature"] = std::string(64, '0');
  EXPECT_EQ(json::parse(f.sim.ws_api(spot, req.dump(), f.now).reply)["error"]["code"],
            -1022);
  auto logon = json::parse(f.sim.ws_api(
    spot, R"({"id":1,"method":"session.logon","params":{}})", f.now).reply);
  EXPECT_EQ(logon["status"], 400);
  f.sim.take_private(spot, f.now);
  auto ask = body(f.pub(spot, "/api/v3/ticker/bookTicker?symbol=BTCUSDT"))["askPrice"]
               .get<std::string>();
  f.call(spot, "POST", "/api/v3/order",
         "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001"
         "&newClientOrderId=u1&price=" + ask);
  auto frames = f.sim.take_private(spot, f.now);
  std::vector<std::string> kinds;
  for (auto& fr : frames) {
    auto e = json::parse(fr.default_text);
    kinds.push_back(e["e"].get<std::string>()
                    + (e.contains("x") ? ":" + e["x"].get<std::string>() : ""));
    if (e["e"] == "executionReport")
      EXPECT_EQ(e["c"], "u1");
    EXPECT_EQ(fr.account, fixture::key(spot));
  }
  ASSERT_GE(kinds.size(), 3u);
  EXPECT_EQ(kinds[0], "executionReport:NEW");
  EXPECT_EQ(kinds[1], "executionReport:TRADE");
  EXPECT_EQ(kinds.back(), "outboundAccountPosition");
  auto wrapped = json::parse(karb::sim::ws_api_event(frames[1].default_text));
  EXPECT_EQ(wrapped["subscriptionId"], 0);
  EXPECT_EQ(wrapped["event"]["X"], "FILLED");
}
