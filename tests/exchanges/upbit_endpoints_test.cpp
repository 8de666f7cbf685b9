// Upbit request builders: exact targets, bodies and JWT payloads, checked
// against the COMPUTED vectors of exchanges.md §8.2.

#include <gtest/gtest.h>

#include "exchanges/common/crypto.hpp"
#include "exchanges/upbit/endpoints.hpp"
#include "signed_request_check.hpp"

using namespace karb;
using namespace karb::test;

namespace {

credentials creds() {
  return {test_access, secret{test_secret}};
}

upbit::signing_context ctx() {
  return {test_nonce, 0};
}

std::string payload_for(const std::string& query) {
  std::string out = std::string{R"({"access_key":"test-access-key","nonce":")"}
                    + test_nonce + "\"";
  if (!query.empty())
    out += R"(,"query_hash":")"
           + crypto::hash_hex(crypto::digest::sha512, query)
           + R"(","query_hash_alg":"SHA512")";
  return out + "}";
}

} // namespace

TEST(UpbitEndpoints, PublicQuotationTargets) {
  auto t = upbit::ticker({"KRW-BTC", "KRW-ETH"});
  EXPECT_EQ(t.method, "GET");
  EXPECT_EQ(t.target, "/v1/ticker?markets=KRW-BTC,KRW-ETH");
  EXPECT_TRUE(t.headers.empty());
  EXPECT_TRUE(t.idempotent);
  EXPECT_EQ(upbit::orderbook({"KRW-BTC"}, 30).target,
            "/v1/orderbook?markets=KRW-BTC&count=30");
  EXPECT_EQ(upbit::orderbook({"KRW-BTC"}).target, "/v1/orderbook?markets=KRW-BTC");
  EXPECT_EQ(upbit::recent_trades("KRW-BTC", 50).target,
            "/v1/trades/ticks?market=KRW-BTC&count=50");
}

TEST(UpbitEndpoints, OpenOrdersTokenMatchesHs512Vector) {
  auto r = upbit::open_orders(creds(), ctx(), "KRW-BTC");
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/v1/orders/open?market=KRW-BTC&states[]=wait&states[]=watch");
  EXPECT_TRUE(r.body.empty());
  auto token = token_of(r);
  EXPECT_EQ(token.substr(token.rfind('.') + 1),
            "_h2hrDE36EYam6OozN_-D4GzbKL1EijOdQ6g_I50rLqKxXOZ3ToaLrh9L00IFNPxuZvCZ"
            "MY2KmtNmfFVKwnHyg");
  EXPECT_EQ(payload_of(r),
            std::string{R"({"access_key":"test-access-key","nonce":")"}
              + test_nonce
              + R"(","query_hash":"c01bbcb80094d2225c90eda65128baf7ef800471fbdeb)"
                R"(76579856d1532cd263060e41ede9c52bfc926a0b46c4b7797a61e4327cda59)"
                R"(d236f829cde4c875dfe77","query_hash_alg":"SHA512"})");
}

TEST(UpbitEndpoints, AccountsHasNoQueryHash) {
  auto r = upbit::accounts(creds(), ctx());
  EXPECT_EQ(r.target, "/v1/accounts");
  EXPECT_EQ(payload_of(r), payload_for(""));
  EXPECT_TRUE(jwt::verify(token_of(r), test_secret).has_value());
  EXPECT_FALSE(jwt::verify(token_of(r), "wrong-secret").has_value());
}

TEST(UpbitEndpoints, PlaceLimitBodyAndHashMatchVector) {
  auto r = upbit::place_limit(creds(), ctx(), "KRW-BTC", side::buy,
                              dec("0.0005"), dec("10000000"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->method, "POST");
  EXPECT_EQ(r->target, "/v1/orders");
  EXPECT_FALSE(r->idempotent);
  EXPECT_EQ(r->body, R"({"market":"KRW-BTC","side":"bid","volume":"0.0005",)"
                     R"("price":"10000000","ord_type":"limit"})");
  EXPECT_EQ(header_of(*r, "Content-Type"), "application/json; charset=utf-8");
  EXPECT_NE(payload_of(*r).find(
              "69098b6c4f1518a87f8b03932e893084bd4034f58a80cfed692567f62fa79838"
              "42426d5fe5f4425222af7e759b0580ad494d9830e6d20ec87bcb55a3f91e0a42"),
            std::string::npos);
}

TEST(UpbitEndpoints, PlaceLimitWithIdentifierAppendsIt) {
  auto r = upbit::place_limit(creds(), ctx(), "KRW-ETH", side::sell,
                              dec("1.5"), dec("4000000"), "arb-42_x");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->body, R"({"market":"KRW-ETH","side":"ask","volume":"1.5",)"
                     R"("price":"4000000","ord_type":"limit","identifier":"arb-42_x"})");
  EXPECT_EQ(payload_of(*r),
            payload_for("market=KRW-ETH&side=ask&volume=1.5&price=4000000&"
                        "ord_type=limit&identifier=arb-42_x"));
}

TEST(UpbitEndpoints, MarketBuySpendsKrwAndMarketSellSellsVolume) {
  auto buy = upbit::market_buy(creds(), ctx(), "KRW-BTC", dec("10000"));
  ASSERT_TRUE(buy.ok());
  EXPECT_EQ(buy->body, R"({"market":"KRW-BTC","side":"bid","price":"10000","ord_type":"price"})");
  EXPECT_EQ(payload_of(*buy),
            payload_for("market=KRW-BTC&side=bid&price=10000&ord_type=price"));
  EXPECT_FALSE(buy->idempotent);

  auto sell = upbit::market_sell(creds(), ctx(), "KRW-BTC", dec("0.00009713"));
  ASSERT_TRUE(sell.ok());
  EXPECT_EQ(sell->body, R"({"market":"KRW-BTC","side":"ask","volume":"0.00009713","ord_type":"market"})");
  EXPECT_EQ(payload_of(*sell),
            payload_for("market=KRW-BTC&side=ask&volume=0.00009713&ord_type=market"));
}

TEST(UpbitEndpoints, InvalidOrdersAreRefusedLocally) {
  EXPECT_EQ(upbit::place_limit(creds(), ctx(), "KRW-BTC", side::buy, dec("0"),
                               dec("100"))
              .error().code,
            venue_errc::bad_request);
  EXPECT_FALSE(upbit::place_limit(creds(), ctx(), "KRW-BTC", side::buy,
                                  dec("1"), dec("-5")).ok());
  EXPECT_FALSE(upbit::place_limit(creds(), ctx(), "KRW-BTC", side::buy,
                                  dec("1"), dec("5"), "bad id&x=1").ok());
  EXPECT_FALSE(upbit::place_limit(creds(), ctx(), "krw btc", side::buy,
                                  dec("1"), dec("5")).ok());
  EXPECT_FALSE(upbit::market_buy(creds(), ctx(), "KRW-BTC", dec("0")).ok());
}

TEST(UpbitEndpoints, CancelAndLookupByUuidOrIdentifier) {
  const std::string uuid = "82fe9b72-eb0f-462b-8e0e-e74ad844acea";
  auto c = upbit::cancel_by_uuid(creds(), ctx(), uuid);
  EXPECT_EQ(c.method, "DELETE");
  EXPECT_EQ(c.target, "/v1/order?uuid=" + uuid);
  EXPECT_FALSE(c.idempotent);
  EXPECT_EQ(payload_of(c), payload_for("uuid=" + uuid));

  auto ci = upbit::cancel_by_identifier(creds(), ctx(), "arb-1");
  EXPECT_EQ(ci.target, "/v1/order?identifier=arb-1");
  EXPECT_EQ(payload_of(ci), payload_for("identifier=arb-1"));

  auto g = upbit::order_by_uuid(creds(), ctx(), uuid);
  EXPECT_EQ(g.method, "GET");
  EXPECT_EQ(g.target, "/v1/order?uuid=" + uuid);
  EXPECT_TRUE(g.idempotent);
  auto gi = upbit::order_by_identifier(creds(), ctx(), "arb-1");
  EXPECT_EQ(gi.target, "/v1/order?identifier=arb-1");

  auto ch = upbit::order_chance(creds(), ctx(), "KRW-BTC");
  EXPECT_EQ(ch.target, "/v1/orders/chance?market=KRW-BTC");
  EXPECT_EQ(payload_of(ch), payload_for("market=KRW-BTC"));
}

TEST(UpbitEndpoints, FreshContextsUseDistinctNonces) {
  auto a = upbit::signing_context::fresh(0);
  auto b = upbit::signing_context::fresh(0);
  EXPECT_EQ(a.nonce.size(), 36u);
  EXPECT_NE(a.nonce, b.nonce);
}
