// Bithumb API 2.0 request builders: targets, bodies, HS256 JWT with the
// timestamp claim; the official query_hash of exchanges.md §8.3.

#include <gtest/gtest.h>

#include "exchanges/bithumb/endpoints.hpp"
#include "exchanges/common/crypto.hpp"
#include "signed_request_check.hpp"

using namespace karb;
using namespace karb::test;

namespace {

constexpr int64_t ts = 1712230310689;

credentials creds() {
  return {test_access, secret{test_secret}};
}

bithumb::signing_context ctx() {
  return {test_nonce, ts};
}

std::string payload_for(const std::string& query) {
  std::string out = std::string{R"({"access_key":"test-access-key","nonce":")"}
                    + test_nonce + R"(","timestamp":1712230310689)";
  if (!query.empty())
    out += R"(,"query_hash":")"
           + crypto::hash_hex(crypto::digest::sha512, query)
           + R"(","query_hash_alg":"SHA512")";
  return out + "}";
}

} // namespace

TEST(BithumbEndpoints, OfficialDocsPayloadExample) {
  // The docs' payload example: access key, nonce and timestamp as printed,
  // query currency=BTC&net_type=BTC.
  credentials docs{"L7rVaYfBIc2BDsnlQGfkR93d6DoOAJCw7mJr5Eso", secret{"s"}};
  auto r = korea::signed_request("GET", "/v1/withdraws/chance",
                                 {{"currency", "BTC"}, {"net_type", "BTC"}},
                                 docs, ctx(), bithumb::auth);
  EXPECT_EQ(r.target, "/v1/withdraws/chance?currency=BTC&net_type=BTC");
  auto v = jwt::verify(token_of(r), "s");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->algorithm, jwt::alg::hs256);
  EXPECT_EQ(v->payload_json,
            std::string{R"({"access_key":"L7rVaYfBIc2BDsnlQGfkR93d6DoOAJCw7mJr5Eso",)"}
              + R"("nonce":"6f5570df-d8bc-4daf-85b4-976733feb624",)"
              + R"("timestamp":1712230310689,"query_hash":")"
              + "1c2362ca9d79947582cae192acf63efb8756caa49af1eb64b12ba45617165431"
                "a3dd3e47d0476bc2a347b7a1ea512db7f316f56144084b1493166e3c9113a8eb"
              + R"(","query_hash_alg":"SHA512"})");
}

TEST(BithumbEndpoints, PublicQuotationTargets) {
  EXPECT_EQ(bithumb::ticker({"KRW-BTC"}).target, "/v1/ticker?markets=KRW-BTC");
  EXPECT_EQ(bithumb::orderbook({"KRW-BTC", "KRW-ETH"}).target,
            "/v1/orderbook?markets=KRW-BTC,KRW-ETH");
  EXPECT_EQ(bithumb::recent_trades("KRW-BTC", 10).target,
            "/v1/trades/ticks?market=KRW-BTC&count=10");
}

TEST(BithumbEndpoints, PlaceLimitUsesV2Keys) {
  auto r = bithumb::place_limit(creds(), ctx(), "KRW-BTC", side::buy,
                                dec("0.0005"), dec("10000000"), "arb-7");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->method, "POST");
  EXPECT_EQ(r->target, "/v2/orders");
  EXPECT_FALSE(r->idempotent);
  EXPECT_EQ(r->body, R"({"market":"KRW-BTC","side":"bid","volume":"0.0005",)"
                     R"("price":"10000000","order_type":"limit","client_order_id":"arb-7"})");
  EXPECT_EQ(payload_of(*r),
            payload_for("market=KRW-BTC&side=bid&volume=0.0005&price=10000000&"
                        "order_type=limit&client_order_id=arb-7"));
}

TEST(BithumbEndpoints, MarketOrders) {
  auto buy = bithumb::market_buy(creds(), ctx(), "KRW-XRP", dec("5000"), "b1");
  ASSERT_TRUE(buy.ok());
  EXPECT_EQ(buy->body, R"({"market":"KRW-XRP","side":"bid","price":"5000","order_type":"price","client_order_id":"b1"})");
  auto sell = bithumb::market_sell(creds(), ctx(), "KRW-XRP", dec("12.5"));
  ASSERT_TRUE(sell.ok());
  EXPECT_EQ(sell->body, R"({"market":"KRW-XRP","side":"ask","volume":"12.5","order_type":"market"})");
  EXPECT_EQ(payload_of(*sell),
            payload_for("market=KRW-XRP&side=ask&volume=12.5&order_type=market"));
  // Bithumb client ids: at most 36 characters.
  EXPECT_FALSE(bithumb::market_sell(creds(), ctx(), "KRW-XRP", dec("1"),
                                    std::string(37, 'a')).ok());
}

TEST(BithumbEndpoints, CancelAndLookup) {
  auto c = bithumb::cancel_by_order_id(creds(), ctx(), "C0101000000001");
  EXPECT_EQ(c.method, "DELETE");
  EXPECT_EQ(c.target, "/v2/order?order_id=C0101000000001");
  EXPECT_FALSE(c.idempotent);
  EXPECT_EQ(payload_of(c), payload_for("order_id=C0101000000001"));
  auto cc = bithumb::cancel_by_client_id(creds(), ctx(), "arb-7");
  EXPECT_EQ(cc.target, "/v2/order?client_order_id=arb-7");
  EXPECT_EQ(bithumb::order_by_uuid(creds(), ctx(), "u-1").target,
            "/v1/order?uuid=u-1");
  EXPECT_EQ(bithumb::order_by_client_id(creds(), ctx(), "arb-7").target,
            "/v2/order?client_order_id=arb-7");
  auto open = bithumb::open_orders(creds(), ctx(), "KRW-BTC");
  EXPECT_EQ(open.target, "/v1/orders?market=KRW-BTC&state=wait");
  EXPECT_EQ(payload_of(open), payload_for("market=KRW-BTC&state=wait"));
  auto acc = bithumb::accounts(creds(), ctx());
  EXPECT_EQ(acc.target, "/v1/accounts");
  EXPECT_EQ(payload_of(acc), payload_for(""));
  EXPECT_EQ(bithumb::order_chance(creds(), ctx(), "KRW-BTC").target,
            "/v1/orders/chance?market=KRW-BTC");
}
