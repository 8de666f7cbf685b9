// Known-answer tests from ../shared/reference/exchanges.md §8.

#include "exchanges/common/crypto.hpp"
#include "exchanges/common/jwt.hpp"

#include <gtest/gtest.h>

using namespace karb;

TEST(Crypto, BinanceOfficialHmacSha256Vector) {
  EXPECT_EQ(crypto::hmac_hex(
              crypto::digest::sha256,
              "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
              "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&"
              "price=0.1&recvWindow=5000&timestamp=1499827319559"),
            "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
}

TEST(Crypto, BithumbOfficialQueryHash) {
  EXPECT_EQ(crypto::hash_hex(crypto::digest::sha512, "currency=BTC&net_type=BTC"),
            "1c2362ca9d79947582cae192acf63efb8756caa49af1eb64b12ba45617165431"
            "a3dd3e47d0476bc2a347b7a1ea512db7f316f56144084b1493166e3c9113a8eb");
}

TEST(Crypto, BithumbLegacyApiSignIsBase64OfHex) {
  std::string msg = "/info/balance";
  msg += '\0';
  msg += "currency=BTC&endpoint=%2Finfo%2Fbalance";
  msg += '\0';
  msg += "1655280216476";
  auto hex = crypto::hmac_hex(crypto::digest::sha512, "test-secret-key", msg);
  EXPECT_EQ(hex, "10ba2a0e9e2bff053b482254b8499f295c7d854b4e0759524f98206f16abf70c"
                 "a4d982f79874c72c1f11cdbc9110067e8769e372f171bf2b0e03315387a4ae08");
  EXPECT_EQ(crypto::base64(hex),
            "MTBiYTJhMGU5ZTJiZmYwNTNiNDgyMjU0Yjg0OTlmMjk1YzdkODU0YjRlMDc1OTUy"
            "NGY5ODIwNmYxNmFiZjcwY2E0ZDk4MmY3OTg3NGM3MmMxZjExY2RiYzkxMTAwNjdl"
            "ODc2OWUzNzJmMTcxYmYyYjBlMDMzMTUzODdhNGFlMDg=");
}

TEST(Crypto, BybitComputedVector) {
  EXPECT_EQ(crypto::hmac_hex(crypto::digest::sha256, "test-secret-key",
                             "GET/realtime1662350400000"),
            "cbd70263e011c8296f113b43f2b9c70e5f900604c78e0ea495629f64d2e09811");
}

TEST(Crypto, Uuid4HasCanonicalShapeAndDiffers) {
  auto a = crypto::uuid_v4();
  auto b = crypto::uuid_v4();
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[8], '-');
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(a, b);
}

namespace {

jwt::claims upbit_vector_claims(std::string query) {
  return {"test-access-key", "6f5570df-d8bc-4daf-85b4-976733feb624", 0,
          std::move(query)};
}

std::string signature_of(const std::string& token) {
  return token.substr(token.rfind('.') + 1);
}

} // namespace

TEST(Jwt, UpbitNoParamHs256TokenMatchesVector) {
  EXPECT_EQ(jwt::make_token(jwt::alg::hs256, upbit_vector_claims(""),
                            "test-secret-key"),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2Nlc3Nfa2V5IjoidGVzdC1"
            "hY2Nlc3Mta2V5Iiwibm9uY2UiOiI2ZjU1NzBkZi1kOGJjLTRkYWYtODViNC05NzY"
            "3MzNmZWI2MjQifQ.D_WsBtOs6qc6bewTVqdNvpEOew5rv4oc9GLa0sq2-jY");
}

TEST(Jwt, UpbitQueryHashVectorsHs256AndHs512) {
  auto c = upbit_vector_claims("market=KRW-BTC&states[]=wait&states[]=watch");
  auto payload = jwt::payload_json(c);
  EXPECT_NE(payload.find("c01bbcb80094d2225c90eda65128baf7ef800471fbdeb765"
                         "79856d1532cd263060e41ede9c52bfc926a0b46c4b7797a61e"
                         "4327cda59d236f829cde4c875dfe77"),
            std::string::npos);
  EXPECT_EQ(signature_of(jwt::make_token(jwt::alg::hs256, c, "test-secret-key")),
            "nVASRRJNlC1X5bYUMWH3Ydh72yblMWFAa7GgE6bpaXU");
  EXPECT_EQ(signature_of(jwt::make_token(jwt::alg::hs512, c, "test-secret-key")),
            "_h2hrDE36EYam6OozN_-D4GzbKL1EijOdQ6g_I50rLqKxXOZ3ToaLrh9L00IFNPxuZv"
            "CZMY2KmtNmfFVKwnHyg");
}

TEST(Jwt, UpbitPostBodyHashVector) {
  auto c = upbit_vector_claims(
    "market=KRW-BTC&side=bid&volume=0.0005&price=10000000&ord_type=limit");
  EXPECT_NE(jwt::payload_json(c).find(
              "69098b6c4f1518a87f8b03932e893084bd4034f58a80cfed692567f62fa79838"
              "42426d5fe5f4425222af7e759b0580ad494d9830e6d20ec87bcb55a3f91e0a42"),
            std::string::npos);
}

TEST(Jwt, BithumbPayloadCarriesMillisecondTimestamp) {
  jwt::claims c{"ak", "n", 1712230310689, "currency=BTC&net_type=BTC"};
  auto p = jwt::payload_json(c);
  EXPECT_EQ(p.find(R"("timestamp":1712230310689)") != std::string::npos, true);
  EXPECT_LT(p.find("timestamp"), p.find("query_hash"));
}

TEST(Jwt, VerifyAcceptsOwnTokenAndRejectsTampering) {
  auto token = jwt::make_token(jwt::alg::hs512, upbit_vector_claims("a=b"),
                               "secret");
  auto ok = jwt::verify(token, "secret");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->algorithm, jwt::alg::hs512);
  EXPECT_NE(ok->payload_json.find(R"("access_key":"test-access-key")"),
            std::string::npos);
  jwt::verify_error why{};
  EXPECT_FALSE(jwt::verify(token, "wrong", &why));
  EXPECT_EQ(why, jwt::verify_error::bad_signature);
  auto tampered = token;
  tampered[tampered.find('.') + 3] ^= 1;
  EXPECT_FALSE(jwt::verify(tampered, "secret"));
  EXPECT_FALSE(jwt::verify("abc", "secret", &why));
  EXPECT_EQ(why, jwt::verify_error::malformed);
}
