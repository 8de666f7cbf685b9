// OKX venue over the REST router: signing vectors and auth errors,
// instruments, spot and swap trading with balances and positions, sCode
// errors, funding fast-forward.

#include <set>

#include <gtest/gtest.h>

#include "okx_test_client.hpp"
#include "tools/karb-sim/okx_book.hpp"

using namespace okxtest;

namespace {

TEST(OkxSigning, DocVectors) {
  // reference §8.4 (COMPUTED with the docs' example secret)
  const std::string s = "22582BD0CFF14C41EDBF1AB98506286D";
  EXPECT_EQ(karb::sim::okx_sign(s, "2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC"),
            "HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=");
  EXPECT_EQ(karb::sim::okx_sign(s, R"(2020-12-08T09:08:57.715ZPOST/api/v5/account/set-leverage{"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"})"),
            "eCnnCgWLjlQ9XnpUkrcny3qNq3WW/81KNrDr/XR6Xv8=");
  EXPECT_EQ(karb::sim::okx_sign(s, "1538054050GET/users/self/verify"),
            "+LdIr8lkkvhr5hoA3g9TMC0+uQJ849ftAcocA/ouu4M=");
  EXPECT_EQ(karb::sim::parse_okx_iso("2020-12-08T09:08:57.715Z"),
            std::optional<int64_t>{1607418537715});
  EXPECT_EQ(karb::sim::okx_iso_ms(1607418537715), "2020-12-08T09:08:57.715Z");
}

TEST(OkxChecksum, DocVectorsBothImplementations) {
  for (auto [text, want] : {std::pair{"3366.1:7:3366.8:9:3366:6:3368:8", -1881014294},
                            std::pair{"3366.1:7:3366.8:9:3368:8:3372:8", 831078360}}) {
    EXPECT_EQ(crc32_signed(text), want);
    EXPECT_EQ(static_cast<int32_t>(karb::sim::crc32_zlib(text)), want);
  }
}

TEST(OkxAuth, Errors) {
  fixture f;
  auto code = [](const karb::sim::reply& r) { return body(r)["code"].get<std::string>(); };
  auto ok = f.call("GET", "/api/v5/account/balance");
  EXPECT_EQ(ok.response.status, 200);
  EXPECT_EQ(code(ok), "0");
  auto r = f.call("GET", "/api/v5/account/balance", "", {{"OK-ACCESS-KEY", ""}});
  EXPECT_EQ(r.response.status, 401);
  EXPECT_EQ(code(r), "50103");
  EXPECT_EQ(code(f.call("GET", "/api/v5/account/balance", "", {{"OK-ACCESS-PASSPHRASE", ""}})), "50104");
  EXPECT_EQ(code(f.call("GET", "/api/v5/account/balance", "", {{"OK-ACCESS-SIGN", ""}})), "50106");
  EXPECT_EQ(code(f.call("GET", "/api/v5/account/balance", "", {{"OK-ACCESS-TIMESTAMP", ""}})), "50107");
  EXPECT_EQ(code(f.call("GET", "/api/v5/account/balance", "", {{"OK-ACCESS-KEY", "nobody"}})), "50111");
  EXPECT_EQ(code(f.call("GET", "/api/v5/account/balance", "", {{"OK-ACCESS-PASSPHRASE", "wrong"}})), "50105");
  EXPECT_EQ(code(f.call("GET", "/api/v5/account/balance", "", {{"OK-ACCESS-SIGN", "AAAA"}})), "50113");
  auto old = karb::sim::okx_iso_ms(karb::sim::now_ms() - 60'000);
  EXPECT_EQ(code(f.call("GET", "/api/v5/account/balance", "",
                        {{"OK-ACCESS-TIMESTAMP", old},
                         {"OK-ACCESS-SIGN", sign(secret, old + "GET/api/v5/account/balance")}})),
            "50102");
  EXPECT_EQ(code(f.call("GET", "/api/v5/account/balance", "", {{"OK-ACCESS-TIMESTAMP", "yesterday"}})), "50112");
}

TEST(OkxMarket, InstrumentsAndBooks) {
  fixture f;
  auto spot = body(f.pub("/api/v5/public/instruments?instType=SPOT"));
  ASSERT_EQ(spot["code"], "0");
  ASSERT_EQ(spot["data"].size(), 3u);
  EXPECT_EQ(spot["data"][0]["instId"], "BTC-USDT");
  EXPECT_EQ(spot["data"][0]["state"], "live");
  auto swap = body(f.pub("/api/v5/public/instruments?instType=SWAP&instId=BTC-USDT-SWAP"));
  ASSERT_EQ(swap["data"].size(), 1u);
  EXPECT_EQ(swap["data"][0]["ctVal"], "0.01");
  EXPECT_EQ(swap["data"][0]["settleCcy"], "USDT");
  EXPECT_EQ(swap["data"][0]["ctType"], "linear");
  auto eth = body(f.pub("/api/v5/public/instruments?instType=SWAP&instId=ETH-USDT-SWAP"));
  EXPECT_EQ(eth["data"][0]["ctVal"], "0.1");
  auto books = body(f.pub("/api/v5/market/books?instId=BTC-USDT&sz=5"));
  ASSERT_EQ(books["data"][0]["asks"].size(), 5u);
  EXPECT_TRUE(books["data"][0]["asks"][0][0].is_string());
  EXPECT_EQ(books["data"][0]["asks"][0][2], "0");
  EXPECT_EQ(body(f.pub("/api/v5/market/books?instId=NOPE-USDT"))["code"], "51001");
  auto t = body(f.pub("/api/v5/public/time"));
  EXPECT_TRUE(t["data"][0]["ts"].is_string());
  auto fr = body(f.pub("/api/v5/public/funding-rate?instId=BTC-USDT-SWAP"));
  EXPECT_EQ(fr["data"][0]["instId"], "BTC-USDT-SWAP");
  auto mark = body(f.pub("/api/v5/public/mark-price?instType=SWAP"));
  EXPECT_EQ(mark["data"].size(), 3u);
}

/// A string field as a decimal (a failure naming the field when absent).
karb::decimal D(const json& j, const char* what) {
  if (!j.is_string()) {
    ADD_FAILURE() << what << " is not a string: " << j.dump();
    return {};
  }
  return karb::dec(j.get<std::string>());
}

json place(fixture& f, json o) {
  return body(f.call("POST", "/api/v5/trade/order", o.dump()));
}

TEST(OkxTrade, SpotLimitAmendCancel) {
  fixture f;
  auto bid = karb::dec(body(f.pub("/api/v5/market/books?instId=BTC-USDT"))["data"][0]["bids"][0][0].get<std::string>());
  auto px = karb::decimal::round_to(karb::sim::dmul(bid, karb::dec("0.9")), karb::dec("0.01"), karb::rounding::down);
  auto r = place(f, {{"instId", "BTC-USDT"}, {"tdMode", "cash"}, {"side", "buy"},
                     {"ordType", "limit"}, {"px", px.to_string()}, {"sz", "0.01"},
                     {"clOrdId", "karb1"}});
  ASSERT_EQ(r["code"], "0") << r;
  EXPECT_EQ(r["data"][0]["sCode"], "0");
  auto id = r["data"][0]["ordId"].get<std::string>();
  auto q = body(f.call("GET", "/api/v5/trade/order?instId=BTC-USDT&ordId=" + id));
  EXPECT_EQ(q["data"][0]["state"], "live");
  EXPECT_EQ(q["data"][0]["clOrdId"], "karb1");
  auto bal = body(f.call("GET", "/api/v5/account/balance?ccy=USDT"))["data"][0]["details"][0];
  auto locked = karb::sim::dmul(px, karb::dec("0.01"));
  EXPECT_EQ(karb::dec(bal["frozenBal"].get<std::string>()), locked);
  EXPECT_EQ(karb::dec(bal["cashBal"].get<std::string>()), karb::dec("100000"));
  // duplicate clOrdId
  auto dup = place(f, {{"instId", "BTC-USDT"}, {"tdMode", "cash"}, {"side", "buy"},
                       {"ordType", "limit"}, {"px", px.to_string()}, {"sz", "0.01"},
                       {"clOrdId", "karb1"}});
  EXPECT_EQ(dup["code"], "1");
  EXPECT_EQ(dup["data"][0]["sCode"], "51016");
  // amend size
  auto a = body(f.call("POST", "/api/v5/trade/amend-order",
                       json{{"instId", "BTC-USDT"}, {"ordId", id}, {"newSz", "0.02"}}.dump()));
  EXPECT_EQ(a["data"][0]["sCode"], "0") << a;
  q = body(f.call("GET", "/api/v5/trade/order?instId=BTC-USDT&clOrdId=karb1"));
  EXPECT_EQ(q["data"][0]["sz"], "0.02");
  EXPECT_EQ(q["data"][0]["ordId"], id);
  auto pend = body(f.call("GET", "/api/v5/trade/orders-pending?instType=SPOT"));
  EXPECT_EQ(pend["data"].size(), 1u);
  auto c = body(f.call("POST", "/api/v5/trade/cancel-order",
                       json{{"instId", "BTC-USDT"}, {"ordId", id}}.dump()));
  EXPECT_EQ(c["data"][0]["sCode"], "0");
  q = body(f.call("GET", "/api/v5/trade/order?instId=BTC-USDT&ordId=" + id));
  EXPECT_EQ(q["data"][0]["state"], "canceled");
  auto again = body(f.call("POST", "/api/v5/trade/cancel-order",
                           json{{"instId", "BTC-USDT"}, {"ordId", id}}.dump()));
  EXPECT_EQ(again["code"], "1");
  EXPECT_EQ(again["data"][0]["sCode"], "51400");
  EXPECT_EQ(body(f.call("GET", "/api/v5/trade/order?instId=BTC-USDT&ordId=1"))["code"], "51603");
  // insufficient
  auto big = place(f, {{"instId", "BTC-USDT"}, {"tdMode", "cash"}, {"side", "sell"},
                       {"ordType", "limit"}, {"px", px.to_string()}, {"sz", "5"}});
  EXPECT_EQ(big["data"][0]["sCode"], "51008");
}

TEST(OkxTrade, SpotMarketBuyInQuote) {
  fixture f;
  auto r = place(f, {{"instId", "BTC-USDT"}, {"tdMode", "cash"}, {"side", "buy"},
                     {"ordType", "market"}, {"sz", "1000"}});
  ASSERT_EQ(r["code"], "0") << r;
  auto q = body(f.call("GET", "/api/v5/trade/order?instId=BTC-USDT&ordId="
                              + r["data"][0]["ordId"].get<std::string>()))["data"][0];
  EXPECT_EQ(q["state"], "filled");
  EXPECT_EQ(q["tgtCcy"], "quote_ccy");
  EXPECT_EQ(q["feeCcy"], "BTC");
  EXPECT_TRUE(karb::dec(q["fee"].get<std::string>()).is_negative());
  auto filled = karb::dec(q["accFillSz"].get<std::string>());
  auto bal = body(f.call("GET", "/api/v5/account/balance?ccy=BTC"))["data"][0]["details"][0];
  EXPECT_EQ(karb::dec(bal["cashBal"].get<std::string>()),
            karb::dec("1") + filled + karb::dec(q["fee"].get<std::string>()));
}

TEST(OkxTrade, SwapPositionUnifiedUsdtAndFunding) {
  fixture f;
  auto r = place(f, {{"instId", "BTC-USDT-SWAP"}, {"tdMode", "cross"}, {"side", "buy"},
                     {"ordType", "market"}, {"sz", "2"}});
  ASSERT_EQ(r["data"][0]["sCode"], "0") << r;
  auto pos = body(f.call("GET", "/api/v5/account/positions?instId=BTC-USDT-SWAP"))["data"];
  ASSERT_EQ(pos.size(), 1u);
  EXPECT_EQ(pos[0]["pos"], "2");
  EXPECT_EQ(pos[0]["mgnMode"], "cross");
  EXPECT_EQ(pos[0]["posSide"], "net");
  auto q = body(f.call("GET", "/api/v5/trade/order?instId=BTC-USDT-SWAP&ordId="
                              + r["data"][0].value("ordId", std::string{})))["data"][0];
  EXPECT_EQ(q["accFillSz"], "2");
  auto avg = D(q["avgPx"], "q['avgPx']");
  EXPECT_EQ(D(pos[0]["avgPx"], "pos[0]['avgPx']"), avg);
  // the taker fee (0.05 %) left the one USDT cash balance
  auto fee = D(q["fee"], "q['fee']");
  EXPECT_EQ(fee, -karb::sim::dmul(karb::sim::dmul(avg, karb::dec("0.02")), karb::dec("0.0005")));
  auto usdt = body(f.call("GET", "/api/v5/account/balance?ccy=USDT"))["data"][0]["details"][0];
  EXPECT_EQ(D(usdt["cashBal"], "usdt['cashBal']"), karb::dec("100000") + fee);
  // reduce-only larger than the position refused; a close flattens
  auto ro = place(f, {{"instId", "BTC-USDT-SWAP"}, {"tdMode", "cross"}, {"side", "buy"},
                      {"ordType", "market"}, {"sz", "1"}, {"reduceOnly", true}});
  EXPECT_EQ(ro["data"][0]["sCode"], "51169");
  // funding fast-forward
  auto before = D(body(f.call("GET", "/api/v5/account/balance?ccy=USDT"))["data"][0]["details"][0]["cashBal"], "T'))['data'][0]['details'][0]['cashBal']");
  ASSERT_FALSE(f.sim.settle_funding({{"venue", "okx"}}, karb::sim::now_ms()));
  auto hist = body(f.pub("/api/v5/public/funding-rate-history?instId=BTC-USDT-SWAP"))["data"];
  ASSERT_EQ(hist.size(), 1u);
  auto rate = D(hist[0]["fundingRate"], "hist[0]['fundingRate']");
  auto after = D(body(f.call("GET", "/api/v5/account/balance?ccy=USDT"))["data"][0]["details"][0]["cashBal"], "T'))['data'][0]['details'][0]['cashBal']");
  auto mark = D(f.state()["funding"]["instruments"]["BTC-USDT-SWAP"]["mark"], "['instruments']['BTC-USDT-SWAP']['mark']");
  (void)mark;
  if (rate.is_zero())
    EXPECT_EQ(after, before);
  else
    EXPECT_NE(after, before);
  auto close = place(f, {{"instId", "BTC-USDT-SWAP"}, {"tdMode", "cross"}, {"side", "sell"},
                         {"ordType", "market"}, {"sz", "2"}, {"reduceOnly", "true"}});
  EXPECT_EQ(close["data"][0]["sCode"], "0") << close;
  EXPECT_EQ(body(f.call("GET", "/api/v5/account/positions"))["data"].size(), 0u);
}

TEST(OkxTrade, FeesAndLeverage) {
  fixture f;
  auto fee = body(f.call("GET", "/api/v5/account/trade-fee?instType=SPOT"))["data"][0];
  EXPECT_EQ(fee["maker"], "-0.0008");
  EXPECT_EQ(fee["taker"], "-0.001");
  auto sw = body(f.call("GET", "/api/v5/account/trade-fee?instType=SWAP"))["data"][0];
  EXPECT_EQ(sw["makerU"], "-0.0002");
  EXPECT_EQ(sw["takerU"], "-0.0005");
  auto lev = body(f.call("POST", "/api/v5/account/set-leverage",
                         json{{"instId", "BTC-USDT-SWAP"}, {"lever", "10"}, {"mgnMode", "isolated"}}.dump()));
  EXPECT_EQ(lev["code"], "0") << lev;
  EXPECT_EQ(lev["data"][0]["lever"], "10");
  auto bad = body(f.call("POST", "/api/v5/account/set-leverage",
                         json{{"instId", "BTC-USDT-SWAP"}, {"lever", "200"}, {"mgnMode", "cross"}}.dump()));
  EXPECT_EQ(bad["code"], "51000");
}

// What ccxt's okx class calls: POST /trade/batch-orders (its createOrder),
// GET /trade/fills-history (fetchMyTrades), GET /asset/currencies
// (loadMarkets), and numbers where OKX documents strings (`lever`).
TEST(OkxTrade, BatchOrdersFillsHistoryCurrencies) {
  fixture f;
  auto bid = karb::dec(body(f.pub("/api/v5/market/books?instId=BTC-USDT"))["data"][0]["bids"][0][0].get<std::string>());
  auto px = karb::decimal::round_to(karb::sim::dmul(bid, karb::dec("0.9")), karb::dec("0.01"), karb::rounding::down);
  json good{{"instId", "BTC-USDT"}, {"tdMode", "cash"}, {"side", "buy"},
            {"ordType", "limit"}, {"px", px.to_string()}, {"sz", "0.01"}, {"clOrdId", "batch1"}};
  json taker{{"instId", "BTC-USDT"}, {"tdMode", "cash"}, {"side", "sell"},
             {"ordType", "market"}, {"sz", "0.001"}};
  auto all = body(f.call("POST", "/api/v5/trade/batch-orders", json::array({good, taker}).dump()));
  ASSERT_EQ(all["code"], "0") << all;
  ASSERT_EQ(all["data"].size(), 2u);
  EXPECT_EQ(all["data"][0]["clOrdId"], "batch1");
  EXPECT_EQ(all["data"][1]["sCode"], "0");
  // one refused (duplicate clOrdId), one placed: code 2, per-order sCode
  auto some = body(f.call("POST", "/api/v5/trade/batch-orders",
                          json::array({good, taker}).dump()));
  EXPECT_EQ(some["code"], "2") << some;
  EXPECT_EQ(some["data"][0]["sCode"], "51016");
  EXPECT_EQ(some["data"][1]["sCode"], "0");
  auto none = body(f.call("POST", "/api/v5/trade/batch-orders", json::array({good}).dump()));
  EXPECT_EQ(none["code"], "1");
  EXPECT_EQ(body(f.call("POST", "/api/v5/trade/batch-orders", good.dump()))["code"], "50002");
  EXPECT_EQ(body(f.call("POST", "/api/v5/trade/batch-orders", "[]"))["code"], "51000");
  // fills-history: instType required; the same rows as /trade/fills
  EXPECT_EQ(body(f.call("GET", "/api/v5/trade/fills-history"))["code"], "50014");
  auto hist = body(f.call("GET", "/api/v5/trade/fills-history?instType=SPOT&instId=BTC-USDT"));
  auto recent = body(f.call("GET", "/api/v5/trade/fills?instType=SPOT&instId=BTC-USDT"));
  ASSERT_EQ(hist["code"], "0");
  EXPECT_GE(hist["data"].size(), 2u);
  EXPECT_EQ(hist["data"], recent["data"]);
  // currencies: USDT and the bases, `ccy` filter
  auto ccys = body(f.call("GET", "/api/v5/asset/currencies"))["data"];
  std::set<std::string> names;
  for (auto& c : ccys)
    names.insert(c["ccy"].get<std::string>());
  EXPECT_TRUE(names.count("USDT") && names.count("BTC") && names.count("ETH"));
  auto btc = body(f.call("GET", "/api/v5/asset/currencies?ccy=BTC"))["data"];
  ASSERT_EQ(btc.size(), 1u);
  EXPECT_EQ(btc[0]["chain"], "BTC-Bitcoin");
  // lever as a JSON number (as ccxt sends it); a non-scalar is refused
  auto lev = body(f.call("POST", "/api/v5/account/set-leverage",
                         json{{"instId", "BTC-USDT-SWAP"}, {"lever", 7}, {"mgnMode", "cross"}}.dump()));
  EXPECT_EQ(lev["code"], "0") << lev;
  EXPECT_EQ(lev["data"][0]["lever"], "7");
  auto odd = body(f.call("POST", "/api/v5/account/set-leverage",
                         json{{"instId", json::array()}, {"lever", 7}, {"mgnMode", "cross"}}.dump()));
  EXPECT_EQ(odd["code"], "51001");
}

} // namespace
