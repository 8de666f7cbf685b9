// The tests' own signer against the reference's computed vectors (§8.2,
// §8.3), then the simulator's verifier against that signer.

#include <gtest/gtest.h>

#include "sim_test_client.hpp"

using namespace simtest;

namespace {
constexpr const char* nonce = "6f5570df-d8bc-4daf-85b4-976733feb624";
}

TEST(TestSigner, ReproducesUpbitNoParamToken) {
  auto token = jwt("HS256", payload("test-access-key", nonce, 0, ""),
                   "test-secret-key");
  EXPECT_EQ(token,
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2Nlc3Nfa2V5IjoidGVzdC1h"
            "Y2Nlc3Mta2V5Iiwibm9uY2UiOiI2ZjU1NzBkZi1kOGJjLTRkYWYtODViNC05NzY3M"
            "zNmZWI2MjQifQ.D_WsBtOs6qc6bewTVqdNvpEOew5rv4oc9GLa0sq2-jY");
}

TEST(TestSigner, ReproducesUpbitQueryTokensHs256AndHs512) {
  std::string q = "market=KRW-BTC&states[]=wait&states[]=watch";
  EXPECT_EQ(karb::crypto::hash_hex(karb::crypto::digest::sha512, q),
            "c01bbcb80094d2225c90eda65128baf7ef800471fbdeb76579856d1532cd2630"
            "60e41ede9c52bfc926a0b46c4b7797a61e4327cda59d236f829cde4c875dfe77");
  auto p = payload("test-access-key", nonce, 0, q);
  auto t256 = jwt("HS256", p, "test-secret-key");
  auto t512 = jwt("HS512", p, "test-secret-key");
  EXPECT_EQ(t256.substr(t256.rfind('.') + 1),
            "nVASRRJNlC1X5bYUMWH3Ydh72yblMWFAa7GgE6bpaXU");
  EXPECT_EQ(t512.substr(t512.rfind('.') + 1),
            "_h2hrDE36EYam6OozN_-D4GzbKL1EijOdQ6g_I50rLqKxXOZ3ToaLrh9L00IFNPx"
            "uZvCZMY2KmtNmfFVKwnHyg");
}

TEST(TestSigner, HashesPostBodyFieldsInBodyOrder) {
  auto q = body_query(R"({"market":"KRW-BTC","side":"bid","volume":"0.0005",)"
                      R"("price":"10000000","ord_type":"limit"})");
  EXPECT_EQ(q, "market=KRW-BTC&side=bid&volume=0.0005&price=10000000&ord_type=limit");
  EXPECT_EQ(karb::crypto::hash_hex(karb::crypto::digest::sha512, q),
            "69098b6c4f1518a87f8b03932e893084bd4034f58a80cfed692567f62fa79838"
            "42426d5fe5f4425222af7e759b0580ad494d9830e6d20ec87bcb55a3f91e0a42");
}

TEST(TestSigner, BithumbOfficialQueryHash) {
  EXPECT_EQ(karb::crypto::hash_hex(karb::crypto::digest::sha512,
                                   "currency=BTC&net_type=BTC"),
            "1c2362ca9d79947582cae192acf63efb8756caa49af1eb64b12ba45617165431"
            "a3dd3e47d0476bc2a347b7a1ea512db7f316f56144084b1493166e3c9113a8eb");
}

TEST(SimulatorBodyHash, MatchesTheDocumentedString) {
  EXPECT_EQ(karb::sim::body_query_string(
              R"({"market":"KRW-BTC","side":"bid","volume":"0.0005",)"
              R"("price":"10000000","ord_type":"limit"})"),
            "market=KRW-BTC&side=bid&volume=0.0005&price=10000000&ord_type=limit");
  EXPECT_EQ(karb::sim::body_query_string(R"({"states":["wait","watch"],"n":5})"),
            "states[]=wait&states[]=watch&n=5");
  EXPECT_FALSE(karb::sim::body_query_string("[1,2]"));
}
