#include <gtest/gtest.h>

#include "actors/portfolio/portfolio_core.hpp"

namespace karb::portfolio {
namespace {

constexpr int64_t ns_per_day = 86'400'000'000'000;

funding_payment paid(const char* amount, const char* currency = "USDT") {
  funding_payment p;
  p.venue = exchange::binance_usdm;
  p.symbol = "BTCUSDT";
  p.currency = currency;
  p.amount = dec(amount);
  return p;
}

TEST(PortfolioFunding, BooksPaymentsIntoRealisedDailyAndFundingPnl) {
  portfolio_core core{0}; // UTC days
  int64_t day1 = 20'000 * ns_per_day + 1;
  core.apply_funding(paid("1.5"), day1);
  core.apply_funding(paid("-0.25"), day1);
  core.apply_funding(paid("2", "USDC"), day1);
  EXPECT_EQ(core.realised_pnl(), dec("3.25"));
  EXPECT_EQ(core.daily_pnl(), dec("3.25"));
  EXPECT_EQ(core.funding_pnl().at("USDT"), dec("1.25"));
  auto s = core.snapshot(day1);
  EXPECT_EQ(s.funding_pnl.at("USDT"), dec("1.25"));
  EXPECT_EQ(s.funding_pnl.at("USDC"), dec("2"));
  EXPECT_EQ(s.realised_pnl_krw, dec("3.25"));
  EXPECT_EQ(s.trades, 0); // a payment is not a trade
}

TEST(PortfolioFunding, APaymentOnANewDayStartsTheDailyPnl) {
  portfolio_core core{0};
  int64_t day1 = 20'000 * ns_per_day;
  core.apply_funding(paid("1"), day1);
  core.apply_funding(paid("-3"), day1 + ns_per_day);
  EXPECT_EQ(core.daily_pnl(), dec("-3"));
  EXPECT_EQ(core.realised_pnl(), dec("-2"));
  EXPECT_EQ(core.funding_pnl().at("USDT"), dec("-2"));
}

} // namespace
} // namespace karb::portfolio
