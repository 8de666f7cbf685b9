#include <gtest/gtest.h>

#include "actors/funding/funding_core.hpp"

namespace karb::funding {
namespace {

funding_rate rate_of(const char* symbol, const char* r, int64_t next = 1000) {
  funding_rate f;
  f.symbol = symbol;
  f.rate = dec(r);
  f.next_funding_ns = next;
  f.funding_interval_s = 8 * 3600;
  return f;
}

mark_price mark_of(exchange venue, const char* base, const char* symbol,
                   const char* mark, const char* index) {
  mark_price m;
  m.symbol = {venue, base, "USDT", symbol, contract_type::perpetual};
  m.mark = dec(mark);
  m.index = dec(index);
  return m;
}

funding_payment payment(const char* id, const char* amount, int64_t ts,
                        const char* currency = "USDT") {
  funding_payment p;
  p.symbol = "BTCUSDT";
  p.asset = "BTC";
  p.currency = currency;
  p.amount = dec(amount);
  p.id = id;
  p.ts_ns = ts;
  return p;
}

// -- prediction -------------------------------------------------------------

TEST(FundingPrediction, SmallPremiumGivesTheInterestRate) {
  // P = 100.02 / 100 - 1 = 0.0002; clamp(0.0001 - 0.0002) = -0.0001;
  // rate = 0.0002 - 0.0001 = 0.0001.
  EXPECT_EQ(premium_prediction(dec("100.02"), dec("100")), dec("0.0001"));
}

TEST(FundingPrediction, LargePremiumPassesThroughBeyondTheBand) {
  // P = 0.003; 0.0001 - 0.003 = -0.0029 -> clamped -0.0005; 0.0025.
  EXPECT_EQ(premium_prediction(dec("100.3"), dec("100")), dec("0.0025"));
}

TEST(FundingPrediction, DiscountBelowTheBand) {
  // P = -0.002; 0.0001 + 0.002 = 0.0021 -> 0.0005; rate -0.0015.
  EXPECT_EQ(premium_prediction(dec("99.8"), dec("100")), dec("-0.0015"));
}

TEST(FundingPrediction, ClampedToTheCap) {
  // P = 0.02 -> 0.0195, capped at 0.0075; P = -0.02 -> -0.0195 -> -0.0075.
  EXPECT_EQ(premium_prediction(dec("102"), dec("100")), dec("0.0075"));
  EXPECT_EQ(premium_prediction(dec("98"), dec("100")), dec("-0.0075"));
}

TEST(FundingPrediction, NoneWithoutAnIndex) {
  EXPECT_FALSE(premium_prediction(dec("100"), decimal{}).has_value());
}

TEST(FundingBase, FromDashOrQuoteSuffix) {
  EXPECT_EQ(base_of("BTC-USDT-SWAP", "USDT"), "BTC");
  EXPECT_EQ(base_of("ETHUSDT", "USDT"), "ETH");
  EXPECT_EQ(base_of("USDT", "USDT"), "");
  EXPECT_EQ(base_of("ETHBTC", "USDT"), "");
}

// -- rates --------------------------------------------------------------------

TEST(FundingCore, FillsThePredictionFromThePremiumWhenTheVenueHasNone) {
  funding_core core;
  auto changed = core.take_rates(
    exchange::binance_usdm, {rate_of("BTCUSDT", "0.0001")},
    {mark_of(exchange::binance_usdm, "BTC", "BTCUSDT", "100.3", "100")});
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].venue, exchange::binance_usdm);
  EXPECT_TRUE(changed[0].has_predicted);
  EXPECT_EQ(changed[0].predicted_rate, dec("0.0025"));
  EXPECT_EQ(core.base(exchange::binance_usdm, "BTCUSDT"), "BTC");
}

TEST(FundingCore, KeepsTheVenuesOwnPrediction) {
  funding_core core;
  auto f = rate_of("BTCUSDT", "0.0001");
  f.has_predicted = true;
  f.predicted_rate = dec("0.0003");
  auto changed = core.take_rates(
    exchange::okx_swap, {f},
    {mark_of(exchange::okx_swap, "BTC", "BTCUSDT", "100.3", "100")});
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].predicted_rate, dec("0.0003"));
}

TEST(FundingCore, ReportsOnlyChangesAndRecordsThemInTheHistory) {
  funding_core core{2};
  auto v = exchange::bybit_linear;
  EXPECT_EQ(core.take_rates(v, {rate_of("BTCUSDT", "0.0001")}, {}).size(), 1u);
  auto same = rate_of("BTCUSDT", "0.0001");
  same.ts_ns = 99; // a newer stamp alone is no change
  EXPECT_TRUE(core.take_rates(v, {same}, {}).empty());
  EXPECT_EQ(core.take_rates(v, {rate_of("BTCUSDT", "0.0002")}, {}).size(), 1u);
  EXPECT_EQ(core.take_rates(v, {rate_of("BTCUSDT", "0.0002", 2000)}, {}).size(),
            1u);
  auto h = core.history(v, "BTCUSDT");
  ASSERT_EQ(h.size(), 2u); // bounded: the oldest went
  EXPECT_EQ(h[0].rate, dec("0.0002"));
  EXPECT_EQ(h[0].next_funding_ns, 1000);
  EXPECT_EQ(h[1].next_funding_ns, 2000);
  EXPECT_TRUE(core.history(v, "ETHUSDT").empty());
}

TEST(FundingCore, SpreadAcrossVenuesPerAsset) {
  funding_core core;
  core.take_rates(exchange::binance_usdm,
                  {rate_of("BTCUSDT", "0.0001"), rate_of("ETHUSDT", "0.0004")},
                  {});
  core.take_rates(exchange::okx_swap, {rate_of("BTC-USDT-SWAP", "-0.0002")},
                  {});
  core.take_rates(exchange::bybit_linear, {rate_of("BTCUSDT", "0.0003")}, {});
  auto spread = core.spread();
  // BTC: 0.0003 - (-0.0002); ETH is quoted by one venue only.
  EXPECT_EQ(spread.size(), 1u);
  EXPECT_EQ(spread["BTC"], dec("0.0005"));
  auto board = core.board(42);
  EXPECT_EQ(board.rates.size(), 4u);
  EXPECT_EQ(board.spread, spread);
  EXPECT_EQ(board.ts_ns, 42);
}

// -- payments -------------------------------------------------------------------

TEST(FundingCore, DeduplicatesPaymentsByVenueAndId) {
  funding_core core;
  auto first = core.take_payments(exchange::binance_usdm,
                                  {payment("1", "-0.5", 10),
                                   payment("2", "0.25", 20)});
  EXPECT_EQ(first.size(), 2u);
  auto again = core.take_payments(exchange::binance_usdm,
                                  {payment("2", "0.25", 20),
                                   payment("3", "1", 30)});
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].id, "3");
  // The same id on another venue is another payment.
  EXPECT_EQ(core.take_payments(exchange::okx_swap, {payment("1", "2", 10)})
              .size(),
            1u);
  // -0.5 + 0.25 + 1 + 2
  EXPECT_EQ(core.funding_pnl().at("USDT"), dec("2.75"));
  EXPECT_EQ(core.board(0).recent.size(), 4u);
}

TEST(FundingCore, PnlPerCurrencyAndNewestLastInTheBoard) {
  funding_core core{500, 2};
  core.take_payments(exchange::okx_swap,
                     {payment("b", "1", 20, "USDC"), payment("a", "-2", 10)});
  core.take_payments(exchange::okx_swap, {payment("c", "3", 30)});
  EXPECT_EQ(core.funding_pnl().at("USDT"), dec("1"));
  EXPECT_EQ(core.funding_pnl().at("USDC"), dec("1"));
  auto recent = core.board(0).recent;
  ASSERT_EQ(recent.size(), 2u); // bounded
  EXPECT_EQ(recent[0].id, "b");
  EXPECT_EQ(recent[1].id, "c");
}

TEST(FundingCore, AsksFromTheLatestPaymentLessTheOverlap) {
  funding_core core{500, 100, 100};
  auto v = exchange::binance_usdm;
  EXPECT_EQ(core.payments_since(v, 50), 50); // nothing seen: from start
  core.take_payments(v, {payment("1", "1", 1000)});
  EXPECT_EQ(core.payments_since(v, 50), 900);
  EXPECT_EQ(core.payments_since(v, 950), 950); // never before start
  // Ids older than the window are forgotten; newer ones still deduplicate.
  core.take_payments(v, {payment("2", "1", 1200)});
  EXPECT_TRUE(core.take_payments(v, {payment("2", "1", 1200)}).empty());
  EXPECT_EQ(core.take_payments(v, {payment("1", "1", 1000)}).size(), 1u);
}

} // namespace
} // namespace karb::funding
