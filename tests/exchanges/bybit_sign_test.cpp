// Bybit v5 signing: the three computed vectors of exchanges.md §8.6, and
// the headers and signed bytes of a GET, a POST and the WebSocket login.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exchanges/bybit/sign.hpp"
#include "exchanges/bybit/ws_build.hpp"
#include "signed_request_check.hpp"

using namespace karb;
using karb::test::header_of;

namespace {

constexpr const char* vector_secret = "test-secret-key";
constexpr const char* vector_key = "XXXXXXXXXX";

credentials vector_credentials() {
  return credentials{vector_key, secret{vector_secret}, {}};
}

signing_context at(int64_t ms) {
  signing_context ctx;
  ctx.timestamp_ms = ms;
  return ctx;
}

} // namespace

TEST(BybitSign, GetVector) {
  EXPECT_EQ(bybit::sign(vector_secret, 1658384314791, vector_key, 5000,
                        "category=option&symbol=BTC-29JUL22-25000-C"),
            "a342244e9559147b26e2bd106406ab8b7a120c6775cc2130f8f4d16339429db2");
}

TEST(BybitSign, PostVector) {
  EXPECT_EQ(bybit::sign(vector_secret, 1658385579423, vector_key, 5000,
                        R"({"category": "option"})"),
            "21f440ddf92620b9a9891a74257350709ff04d656a2dcadba10b940ba01b7cf2");
}

TEST(BybitSign, WebSocketVector) {
  EXPECT_EQ(bybit::sign_ws_auth(vector_secret, 1662350400000),
            "cbd70263e011c8296f113b43f2b9c70e5f900604c78e0ea495629f64d2e09811");
}

TEST(BybitSign, SignedGetSignsTheQueryAsSent) {
  auto req = bybit::signed_get("/v5/order/realtime",
                               {{"category", "option"},
                                {"symbol", "BTC-29JUL22-25000-C"}},
                               vector_credentials(), at(1658384314791));
  EXPECT_EQ(req.method, "GET");
  EXPECT_EQ(req.target,
            "/v5/order/realtime?category=option&symbol=BTC-29JUL22-25000-C");
  EXPECT_TRUE(req.body.empty());
  EXPECT_TRUE(req.idempotent);
  EXPECT_EQ(header_of(req, "X-BAPI-API-KEY"), vector_key);
  EXPECT_EQ(header_of(req, "X-BAPI-TIMESTAMP"), "1658384314791");
  EXPECT_EQ(header_of(req, "X-BAPI-RECV-WINDOW"), "5000");
  EXPECT_EQ(header_of(req, "X-BAPI-SIGN"),
            "a342244e9559147b26e2bd106406ab8b7a120c6775cc2130f8f4d16339429db2");
}

TEST(BybitSign, SignedPostSignsTheExactBody) {
  auto req = bybit::signed_post("/v5/order/create", R"({"category": "option"})",
                                vector_credentials(), at(1658385579423));
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.target, "/v5/order/create");
  EXPECT_EQ(req.body, R"({"category": "option"})");
  EXPECT_FALSE(req.idempotent);
  EXPECT_EQ(header_of(req, "Content-Type"), "application/json");
  EXPECT_EQ(header_of(req, "X-BAPI-TIMESTAMP"), "1658385579423");
  EXPECT_EQ(header_of(req, "X-BAPI-SIGN"),
            "21f440ddf92620b9a9891a74257350709ff04d656a2dcadba10b940ba01b7cf2");
}

TEST(BybitSign, PublicGetCarriesNoKey) {
  auto req = bybit::public_get("/v5/market/time", {});
  EXPECT_EQ(req.target, "/v5/market/time");
  EXPECT_TRUE(req.headers.empty());
  EXPECT_EQ(bybit::join_query({{"a", "x y"}, {"b", "1/2"}}), "a=x%20y&b=1%2F2");
}

TEST(BybitSign, WebSocketLoginExpiresTenSecondsAhead) {
  // expires = timestamp + 10 s = the vector's 1662350400000.
  auto text = bybit::auth_message(vector_credentials(), at(1662350390000));
  auto msg = nlohmann::json::parse(text);
  EXPECT_EQ(msg["op"], "auth");
  ASSERT_EQ(msg["args"].size(), 3u);
  EXPECT_EQ(msg["args"][0], vector_key);
  EXPECT_EQ(msg["args"][1].get<int64_t>(), 1662350400000);
  EXPECT_EQ(msg["args"][2],
            "cbd70263e011c8296f113b43f2b9c70e5f900604c78e0ea495629f64d2e09811");
  EXPECT_EQ(text.find(vector_secret), std::string::npos);
}
