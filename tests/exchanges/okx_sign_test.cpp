// OKX signing (exchanges.md §8.4 vectors), the signed request headers, the
// WebSocket login, the clOrdId codec and the contract conversions.

#include <cctype>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "exchanges/okx/client_id.hpp"
#include "exchanges/okx/contracts.hpp"
#include "exchanges/okx/sign.hpp"
#include "signed_request_check.hpp"

using namespace karb;
using karb::test::header_of;

namespace {

constexpr const char* docs_secret = "22582BD0CFF14C41EDBF1AB98506286D";

credentials docs_creds() {
  return credentials{"docs-api-key", secret{docs_secret},
                     secret{"docs-passphrase"}};
}

// 2020-12-08T09:08:57.715Z
constexpr int64_t docs_ms = 1607418537715;

} // namespace

TEST(OkxSign, RestVectors) {
  EXPECT_EQ(okx::sign(docs_secret,
                      "2020-12-08T09:08:57.715ZGET/api/v5/account/"
                      "balance?ccy=BTC"),
            "HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=");
  EXPECT_EQ(okx::sign(docs_secret,
                      "2020-12-08T09:08:57.715ZPOST/api/v5/account/"
                      "set-leverage{\"instId\":\"BTC-USDT\",\"lever\":\"5\","
                      "\"mgnMode\":\"isolated\"}"),
            "eCnnCgWLjlQ9XnpUkrcny3qNq3WW/81KNrDr/XR6Xv8=");
}

TEST(OkxSign, WsLoginVector) {
  EXPECT_EQ(okx::sign(docs_secret, "1538054050GET/users/self/verify"),
            "+LdIr8lkkvhr5hoA3g9TMC0+uQJ849ftAcocA/ouu4M=");
  signing_context ctx{"", 1538054050123}; // seconds = 1538054050
  auto msg = nlohmann::json::parse(okx::login_message(docs_creds(), ctx));
  EXPECT_EQ(msg["op"], "login");
  ASSERT_EQ(msg["args"].size(), 1u);
  auto& arg = msg["args"][0];
  EXPECT_EQ(arg["apiKey"], "docs-api-key");
  EXPECT_EQ(arg["passphrase"], "docs-passphrase");
  EXPECT_EQ(arg["timestamp"], "1538054050");
  EXPECT_EQ(arg["sign"], "+LdIr8lkkvhr5hoA3g9TMC0+uQJ849ftAcocA/ouu4M=");
}

TEST(OkxSign, IsoTimestamp) {
  EXPECT_EQ(okx::iso_timestamp(docs_ms), "2020-12-08T09:08:57.715Z");
  EXPECT_EQ(okx::iso_timestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(okx::iso_timestamp(1700000000005), "2023-11-14T22:13:20.005Z");
}

TEST(OkxSign, SignedGetCarriesTheFourHeaders) {
  signing_context ctx{"", docs_ms};
  auto req = okx::signed_request("GET", "/api/v5/account/balance",
                                 {{"ccy", "BTC"}}, {}, docs_creds(), ctx);
  EXPECT_EQ(req.method, "GET");
  EXPECT_EQ(req.target, "/api/v5/account/balance?ccy=BTC");
  EXPECT_TRUE(req.body.empty());
  EXPECT_TRUE(req.idempotent);
  EXPECT_EQ(header_of(req, "OK-ACCESS-KEY"), "docs-api-key");
  EXPECT_EQ(header_of(req, "OK-ACCESS-SIGN"),
            "HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=");
  EXPECT_EQ(header_of(req, "OK-ACCESS-TIMESTAMP"), "2020-12-08T09:08:57.715Z");
  EXPECT_EQ(header_of(req, "OK-ACCESS-PASSPHRASE"), "docs-passphrase");
  EXPECT_EQ(header_of(req, "Content-Type"), "");
}

TEST(OkxSign, SignedPostSignsTheBody) {
  signing_context ctx{"", docs_ms};
  auto req = okx::signed_request(
    "POST", "/api/v5/account/set-leverage", {},
    R"({"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"})", docs_creds(),
    ctx);
  EXPECT_EQ(req.target, "/api/v5/account/set-leverage");
  EXPECT_FALSE(req.idempotent);
  EXPECT_EQ(header_of(req, "OK-ACCESS-SIGN"),
            "eCnnCgWLjlQ9XnpUkrcny3qNq3WW/81KNrDr/XR6Xv8=");
  EXPECT_EQ(header_of(req, "Content-Type"), "application/json");
}

TEST(OkxClientId, RoundTripsOurIds) {
  for (const std::string& ours : std::vector<std::string>{
         "karb-sx1abcx1-0-1", "karb-a_b-12-3", "x", "plain_id-2",
         "karb-" + std::string(31, 'z')}) {
    auto enc = okx::encode_client_id(ours);
    ASSERT_TRUE(enc) << ours << ": " << enc.error().message;
    EXPECT_LE(enc->size(), 32u);
    for (char c : *enc)
      EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c))) << *enc;
    EXPECT_EQ(okx::decode_client_id(*enc), ours);
  }
  EXPECT_EQ(*okx::encode_client_id("karb-sx1abcx1-0-1"), "Ksx1abcx1D0D1");
}

TEST(OkxClientId, RefusesWhatItCannotCarry) {
  auto upper = okx::encode_client_id("karb-ABC-0-1");
  ASSERT_FALSE(upper);
  EXPECT_EQ(upper.error().code, venue_errc::bad_request);
  EXPECT_NE(upper.error().message.find("[a-z0-9_-]"), std::string::npos);
  auto too_long = okx::encode_client_id(std::string(33, 'a'));
  ASSERT_FALSE(too_long);
  EXPECT_NE(too_long.error().message.find("32"), std::string::npos);
  EXPECT_FALSE(okx::encode_client_id(""));
  EXPECT_FALSE(okx::encode_client_id("karb-a.b"));
  EXPECT_TRUE(okx::encode_client_id("karb-" + std::string(31, 'a')));
  EXPECT_FALSE(okx::encode_client_id("karb-" + std::string(32, 'a')));
}

TEST(OkxClientId, ForeignIdsDecodeToThemselves) {
  EXPECT_EQ(okx::decode_client_id("oktswap6"), "oktswap6");
  EXPECT_EQ(okx::decode_client_id("ABC123"), "ABC123");
  EXPECT_EQ(okx::decode_client_id(""), "");
}

TEST(OkxContracts, ConvertExactlyOrRefuse) {
  venue::contract_size_fn sizes = [](std::string_view id)
    -> std::optional<decimal> {
    if (id == "BTC-USDT-SWAP")
      return dec("0.01");
    return std::nullopt;
  };
  auto size = okx::contract_size(sizes, "BTC-USDT-SWAP");
  ASSERT_TRUE(size);
  EXPECT_EQ(*size, dec("0.01"));
  auto unknown = okx::contract_size(sizes, "ETH-USDT-SWAP");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, venue_errc::unknown_market);
  EXPECT_NE(unknown.error().message.find("ETH-USDT-SWAP"), std::string::npos);
  EXPECT_FALSE(okx::contract_size({}, "BTC-USDT-SWAP"));
  EXPECT_EQ(*okx::to_base(dec("250"), dec("0.01")), dec("2.5"));
  EXPECT_EQ(*okx::to_contracts(dec("2.5"), dec("0.01")), dec("250"));
  EXPECT_EQ(*okx::to_contracts(dec("0.015"), dec("0.01")), dec("1.5"));
  auto odd = okx::to_contracts(dec("0.00000001"), dec("0.03"));
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().code, venue_errc::invalid_volume);
}
