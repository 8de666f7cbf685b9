// Funding payments the venues booked (venue_protocol::funding_payments and
// parse_funding_payments): the request each perpetual venue builds, its
// signature and rate-limit charge, the parsers on documented reply shapes
// (tests/exchanges/fixtures/README.md), and spot venues without the call.

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "exchanges/binance/rate_limits.hpp"
#include "exchanges/binance/sign.hpp"
#include "exchanges/bybit/sign.hpp"
#include "exchanges/okx/rate_limits.hpp"
#include "exchanges/okx/sign.hpp"
#include "exchanges/registry.hpp"
#include "signed_request_check.hpp"

using namespace karb;
using karb::test::header_of;

namespace {

constexpr int64_t now_ms = 1695033600000;
constexpr int64_t day_ms = 24 * 3600 * 1000;

credentials creds() {
  return credentials{"key", secret{"secret"}, secret{"pass"}};
}

signing_context ctx() {
  signing_context c;
  c.timestamp_ms = now_ms;
  return c;
}

std::string local_fixture(const std::string& name) {
  std::ifstream in(std::string{KARB_SOURCE_DIR} + "/tests/exchanges/fixtures/"
                     + name,
                   std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

decimal dec(const char* text) {
  return decimal::parse(text).value();
}

std::string query_of(const http::request& r) {
  auto q = r.target.find('?');
  return q == std::string::npos ? std::string{} : r.target.substr(q + 1);
}

} // namespace

// -- which venues have the call ------------------------------------------------

TEST(FundingPayments, OnlyPerpetualVenuesHaveTheCall) {
  for (auto v : {exchange::binance_usdm, exchange::okx_swap,
                 exchange::bybit_linear}) {
    auto p = venue::protocol_for(v);
    EXPECT_TRUE(p.funding_payments && p.parse_funding_payments)
      << to_string(v);
  }
  for (auto v : {exchange::binance_spot, exchange::okx_spot,
                 exchange::bybit_spot, exchange::upbit, exchange::bithumb}) {
    auto p = venue::protocol_for(v);
    EXPECT_FALSE(p.funding_payments || p.parse_funding_payments)
      << to_string(v);
  }
}

// -- Binance USD-M ---------------------------------------------------------------

TEST(FundingPayments, BinanceAsksIncomeOfTypeFundingFeeSinceTheGivenTime) {
  auto p = venue::protocol_for(exchange::binance_usdm);
  auto all = p.funding_payments(creds(), ctx(), "", now_ms - day_ms);
  EXPECT_EQ(all.method, "GET");
  auto query = "incomeType=FUNDING_FEE&startTime="
               + std::to_string(now_ms - day_ms)
               + "&limit=1000&recvWindow=5000&timestamp="
               + std::to_string(now_ms);
  EXPECT_EQ(all.target, "/fapi/v1/income?" + query + "&signature="
                          + binance::sign("secret", query));
  EXPECT_EQ(header_of(all, "X-MBX-APIKEY"), "key");
  auto one = p.funding_payments(creds(), ctx(), "BTCUSDT", 5);
  EXPECT_NE(one.target.find("startTime=5&limit=1000&symbol=BTCUSDT&"),
            std::string::npos)
    << one.target;
  EXPECT_EQ(binance::request_cost(exchange::binance_usdm, "GET", one.target),
            30);
}

TEST(FundingPayments, BinanceIncomeRowsBecomeSignedPayments) {
  auto p = venue::protocol_for(exchange::binance_usdm);
  auto out = p.parse_funding_payments(
    local_fixture("binance_usdm_income_funding_fee.json"));
  ASSERT_TRUE(out) << to_string(out.error());
  ASSERT_EQ(out->items.size(), 2u); // the COMMISSION row is left out
  auto& paid = out->items[0];
  EXPECT_EQ(paid.venue, exchange::binance_usdm);
  EXPECT_EQ(paid.symbol, "BTCUSDT");
  EXPECT_EQ(paid.asset, "BTC");
  EXPECT_EQ(paid.currency, "USDT");
  EXPECT_EQ(paid.amount, dec("-0.375"));
  EXPECT_TRUE(paid.rate.is_zero());
  EXPECT_EQ(paid.ts_ns, 1570608000000LL * 1'000'000);
  EXPECT_EQ(paid.id, "9689322392");
  EXPECT_EQ(out->items[1].amount, dec("0.0125"));
  EXPECT_EQ(out->items[1].asset, "ETH");
}

TEST(FundingPayments, BinanceRefusesABodyThatIsNoList) {
  auto p = venue::protocol_for(exchange::binance_usdm);
  EXPECT_FALSE(p.parse_funding_payments(R"({"code":-1022,"msg":"x"})"));
  auto no_income = p.parse_funding_payments(
    R"([{"symbol":"BTCUSDT","incomeType":"FUNDING_FEE","asset":"USDT",)"
    R"("time":1,"tranId":2}])"); // a row is skipped, the list stands
  ASSERT_TRUE(no_income);
  EXPECT_TRUE(no_income->items.empty());
  ASSERT_EQ(no_income->rejected.size(), 1u);
  EXPECT_NE(no_income->rejected[0].find("income"), std::string::npos);
}

// -- OKX -----------------------------------------------------------------------

TEST(FundingPayments, OkxAsksSwapBillsOfTypeEightFromBegin) {
  auto p = venue::protocol_for(exchange::okx_swap);
  auto all = p.funding_payments(creds(), ctx(), "", now_ms - day_ms);
  EXPECT_EQ(all.method, "GET");
  EXPECT_EQ(all.target, "/api/v5/account/bills?instType=SWAP&type=8&begin="
                          + std::to_string(now_ms - day_ms) + "&limit=100");
  auto ts = header_of(all, "OK-ACCESS-TIMESTAMP");
  EXPECT_EQ(header_of(all, "OK-ACCESS-SIGN"),
            okx::sign("secret", ts + all.method + all.target));
  EXPECT_EQ(header_of(all, "OK-ACCESS-PASSPHRASE"), "pass");
  auto one = p.funding_payments(creds(), ctx(), "BTC-USDT-SWAP", 7);
  EXPECT_EQ(query_of(one),
            "instType=SWAP&type=8&begin=7&limit=100&instId=BTC-USDT-SWAP");
  EXPECT_EQ(okx::rate_group_of("GET", one.target), "bills");
}

TEST(FundingPayments, OkxFundingBillsBecomeSignedPayments) {
  auto p = venue::protocol_for(exchange::okx_swap);
  auto out = p.parse_funding_payments(
    local_fixture("okx_account_bills_funding.json"));
  ASSERT_TRUE(out) << to_string(out.error());
  ASSERT_EQ(out->items.size(), 2u); // the trade bill (type 2) is left out
  auto& expense = out->items[0];
  EXPECT_EQ(expense.venue, exchange::okx_swap);
  EXPECT_EQ(expense.symbol, "BTC-USDT-SWAP");
  EXPECT_EQ(expense.asset, "BTC");
  EXPECT_EQ(expense.currency, "USDT");
  EXPECT_EQ(expense.amount, dec("-0.021933823221"));
  EXPECT_EQ(expense.ts_ns, 1695033600000LL * 1'000'000);
  EXPECT_EQ(expense.id, "623950854533513219");
  EXPECT_EQ(out->items[1].amount, dec("0.004"));
  EXPECT_EQ(out->items[1].asset, "ETH");
}

TEST(FundingPayments, OkxRefusesAnErrorEnvelope) {
  auto p = venue::protocol_for(exchange::okx_swap);
  EXPECT_FALSE(p.parse_funding_payments(R"({"code":"50113","msg":"x"})"));
}

// -- Bybit ---------------------------------------------------------------------

TEST(FundingPayments, BybitAsksSettlementsOfAtMostTheLastSevenDays) {
  auto p = venue::protocol_for(exchange::bybit_linear);
  auto recent = p.funding_payments(creds(), ctx(), "BTCUSDT", now_ms - day_ms);
  auto query = "accountType=UNIFIED&category=linear&type=SETTLEMENT&startTime="
               + std::to_string(now_ms - day_ms) + "&endTime="
               + std::to_string(now_ms) + "&limit=50&baseCoin=BTC";
  EXPECT_EQ(recent.target, "/v5/account/transaction-log?" + query);
  EXPECT_EQ(header_of(recent, "X-BAPI-SIGN"),
            bybit::sign("secret", now_ms, "key", 5000, query));
  // Older than the venue's 7-day window: the window ending now.
  auto old = p.funding_payments(creds(), ctx(), "", 0);
  EXPECT_EQ(query_of(old),
            "accountType=UNIFIED&category=linear&type=SETTLEMENT&startTime="
              + std::to_string(now_ms - 7 * day_ms) + "&endTime="
              + std::to_string(now_ms) + "&limit=50");
}

TEST(FundingPayments, BybitSettlementsBecomeSignedPaymentsWithTheirRate) {
  auto p = venue::protocol_for(exchange::bybit_linear);
  auto out = p.parse_funding_payments(
    local_fixture("bybit_transaction_log_settlement.json"));
  ASSERT_TRUE(out) << to_string(out.error());
  ASSERT_EQ(out->items.size(), 2u); // the TRADE row is left out
  auto& paid = out->items[0];
  EXPECT_EQ(paid.venue, exchange::bybit_linear);
  EXPECT_EQ(paid.symbol, "XRPUSDT");
  EXPECT_EQ(paid.asset, "XRP");
  EXPECT_EQ(paid.currency, "USDT");
  EXPECT_EQ(paid.amount, dec("-0.003676")); // a long paying 0.0001
  EXPECT_EQ(paid.rate, dec("0.0001"));
  EXPECT_EQ(paid.ts_ns, 1672128000000LL * 1'000'000);
  EXPECT_EQ(paid.id, "592324_XRPUSDT_161440249321");
  EXPECT_EQ(out->items[1].amount, dec("0.2"));
  EXPECT_TRUE(out->items[1].rate.is_zero()); // blank feeRate
}

TEST(FundingPayments, BybitRefusesAnErrorEnvelope) {
  auto p = venue::protocol_for(exchange::bybit_linear);
  EXPECT_FALSE(p.parse_funding_payments(
    R"({"retCode":10003,"retMsg":"API key is invalid.","result":{}})"));
}
