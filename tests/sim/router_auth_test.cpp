// Authentication as the venues check it, through the pure router.

#include <gtest/gtest.h>

#include "sim_test_client.hpp"

using namespace simtest;

namespace {

std::string error_name(const karb::sim::reply& r) {
  auto j = json_of(r.response);
  return j["error"]["name"].is_string() ? j["error"]["name"].get<std::string>()
                                        : j["error"]["name"].dump();
}

} // namespace

TEST(RouterAuth, AcceptsCorrectlySignedUpbitAndBithumbCalls) {
  sim_fixture f;
  auto a = f.get(0, "/v1/accounts");
  EXPECT_EQ(a.response.status, 200);
  EXPECT_EQ(a.auth, "ok");
  EXPECT_EQ(json_of(a.response)[0]["currency"], "KRW");
  EXPECT_EQ(json_of(a.response)[0]["balance"], "100000000");
  auto b = f.get(1, "/v1/orders/chance?market=KRW-BTC");
  EXPECT_EQ(b.response.status, 200);
  EXPECT_EQ(json_of(b.response)["bid_fee"], "0.0005");
  EXPECT_EQ(json_of(b.response)["market"]["bid"]["min_total"], "5000");
}

TEST(RouterAuth, AcceptsHs512) {
  sim_fixture f;
  f.up.alg = "HS512";
  EXPECT_EQ(f.get(0, "/v1/orders/chance?market=KRW-ETH").response.status, 200);
}

TEST(RouterAuth, MissingOrMalformedTokenIsJwtVerification) {
  sim_fixture f;
  auto r = f.get(0, "/v1/accounts", false);
  EXPECT_EQ(r.response.status, 401);
  EXPECT_EQ(error_name(r), "jwt_verification");
  auto req = make("GET", "/v1/accounts");
  authorize(req, "Bearer not.a-token");
  r = f.send(0, req, false);
  EXPECT_EQ(r.response.status, 401);
  EXPECT_EQ(error_name(r), "jwt_verification");
}

TEST(RouterAuth, WrongSecretIsJwtVerification) {
  sim_fixture f;
  f.up.secret = "wrong-secret";
  auto r = f.get(0, "/v1/accounts");
  EXPECT_EQ(r.response.status, 401);
  EXPECT_EQ(error_name(r), "jwt_verification");
  EXPECT_EQ(r.auth, "jwt_verification");
}

TEST(RouterAuth, UnknownAccessKeyIsRefused) {
  sim_fixture f;
  f.up.access = "nobody";
  auto r = f.get(0, "/v1/accounts");
  EXPECT_EQ(r.response.status, 401);
  EXPECT_EQ(error_name(r), "invalid_access_key");
}

TEST(RouterAuth, ReusedNonceIsNonceUsed) {
  sim_fixture f;
  auto req = make("GET", "/v1/accounts");
  authorize(req, f.up.bearer("", f.now));
  EXPECT_EQ(f.send(0, req, false).response.status, 200);
  auto again = f.send(0, req, false);
  EXPECT_EQ(again.response.status, 401);
  EXPECT_EQ(error_name(again), "nonce_used");
}

TEST(RouterAuth, QueryHashMustMatchTheQuery) {
  sim_fixture f;
  auto req = make("GET", "/v1/orders/chance?market=KRW-BTC");
  authorize(req, f.up.bearer("market=KRW-ETH", f.now));
  auto r = f.send(0, req, false);
  EXPECT_EQ(r.response.status, 401);
  EXPECT_EQ(error_name(r), "invalid_query_payload");
  auto missing = make("GET", "/v1/orders/chance?market=KRW-BTC");
  authorize(missing, f.up.bearer("", f.now));
  r = f.send(0, missing, false);
  EXPECT_EQ(error_name(r), "invalid_query_payload");
}

TEST(RouterAuth, ArrayParamsAreHashedUnescaped) {
  sim_fixture f;
  auto req = make("GET", "/v1/orders/open?market=KRW-BTC&states%5B%5D=wait");
  authorize(req, f.up.bearer("market=KRW-BTC&states[]=wait", f.now));
  EXPECT_EQ(f.send(0, req, false).response.status, 200);
}

TEST(RouterAuth, PostBodyHashCoversBodyFields) {
  sim_fixture f;
  std::string body = R"({"market":"KRW-BTC","side":"bid","volume":"0.0005",)"
                     R"("price":"10000000","ord_type":"limit"})";
  auto req = make("POST", "/v1/orders", body);
  authorize(req, f.up.bearer("market=KRW-BTC&side=bid", f.now)); // truncated
  auto r = f.send(0, req, false);
  EXPECT_EQ(r.response.status, 401);
  EXPECT_EQ(error_name(r), "invalid_query_payload");
  EXPECT_EQ(f.post(0, "/v1/orders", body).response.status, 201);
}

TEST(RouterAuth, BithumbNeedsAFreshMillisecondTimestamp) {
  sim_fixture f;
  f.bt.bithumb = false; // no timestamp claim
  auto r = f.get(1, "/v1/accounts");
  EXPECT_EQ(r.response.status, 401);
  EXPECT_EQ(error_name(r), "jwt_verification");
  f.bt.bithumb = true;
  auto old = make("GET", "/v1/accounts");
  authorize(old, f.bt.bearer("", f.now - 10 * 60 * 1000));
  r = f.send(1, old, false);
  EXPECT_EQ(r.response.status, 401);
  EXPECT_EQ(error_name(r), "expired_jwt");
  EXPECT_EQ(f.get(1, "/v1/accounts").response.status, 200);
}

TEST(RouterAuth, UpbitIgnoresATimestampClaim) {
  sim_fixture f;
  f.up.bithumb = true; // adds a timestamp claim Upbit does not need
  EXPECT_EQ(f.get(0, "/v1/accounts").response.status, 200);
}

TEST(RouterAuth, PublicEndpointsNeedNoAuth) {
  sim_fixture f;
  auto r = f.get(0, "/v1/market/all", false);
  EXPECT_EQ(r.response.status, 200);
  EXPECT_EQ(r.auth, "public");
}
