// The liquidation-distance guard: fires below the distance, on the side
// that closes, with the fraction rounded up to the position's precision,
// once per cooldown; and the statistics behind VaR and correlation.

#include <gtest/gtest.h>

#include "actors/risk/liquidation_guard.hpp"
#include "actors/risk/price_returns.hpp"

using namespace karb;
using namespace karb::risk;
using namespace std::chrono_literals;

namespace {

using time_point = liquidation_guard::time_point;
const time_point t0 = time_point{} + 1h;

position near(side s, std::string amount, std::string mark,
              std::string liquidation) {
  position p;
  p.symbol = {exchange::binance_usdm, "BTC", "USDT", "BTCUSDT",
              contract_type::perpetual};
  p.position_side = s;
  p.amount = dec(amount);
  p.mark_price = dec(mark);
  p.liquidation_price = dec(liquidation);
  return p;
}

position_book book_of(std::vector<position> xs) {
  position_book b;
  b.positions = std::move(xs);
  return b;
}

} // namespace

TEST(LiquidationGuard, ClosesHalfOfAPositionInsideTheDistance) {
  liquidation_guard g;
  config::liquidation_guard_settings s; // 0.05, 0.5, 30 s
  // Long 0.015 BTC at 70,000, liquidation 67,000: 4.3 % away.
  auto xs = g.scan(book_of({near(side::buy, "0.015", "70000", "67000")}), t0,
                   s);
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].order_side, side::sell);
  EXPECT_EQ(xs[0].amount, dec("0.008")); // 0.0075 up to 0.001
  EXPECT_EQ(xs[0].reason, "liquidation_guard");
  EXPECT_EQ(xs[0].symbol.venue_symbol, "BTCUSDT");
  // A short 2.9 % from its liquidation is bought back.
  xs = g.scan(book_of({near(side::sell, "0.2", "70000", "72000")}), t0, s);
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].order_side, side::buy);
  EXPECT_EQ(xs[0].amount, dec("0.1"));
  EXPECT_EQ(g.closes(), 2);
}

TEST(LiquidationGuard, LeavesPositionsAtOrBeyondTheDistanceAlone) {
  liquidation_guard g;
  config::liquidation_guard_settings s;
  // Exactly 5 % away; 6 % away; no liquidation price; no mark.
  auto b = book_of({near(side::buy, "1", "70000", "66500"),
                    near(side::buy, "1", "70000", "65800"),
                    near(side::buy, "1", "70000", "0"),
                    near(side::buy, "1", "0", "69000")});
  EXPECT_TRUE(g.scan(b, t0, s).empty());
  s.distance = 0; // off
  EXPECT_TRUE(
    g.scan(book_of({near(side::buy, "1", "70000", "69900")}), t0, s).empty());
}

TEST(LiquidationGuard, FiresOncePerPositionPerCooldown) {
  liquidation_guard g;
  config::liquidation_guard_settings s;
  auto b = book_of({near(side::buy, "0.015", "70000", "67000")});
  EXPECT_EQ(g.scan(b, t0, s).size(), 1u);
  EXPECT_TRUE(g.scan(b, t0 + 29s, s).empty());
  // The other side of the same market is another position.
  EXPECT_EQ(
    g.scan(book_of({near(side::sell, "0.01", "70000", "72000")}), t0 + 29s, s)
      .size(),
    1u);
  EXPECT_EQ(g.scan(b, t0 + 30s, s).size(), 1u);
}

TEST(LiquidationGuard, SizesRoundUpToThePositionsPrecision) {
  EXPECT_EQ(guard_size(dec("0.015"), 0.5), dec("0.008"));
  EXPECT_EQ(guard_size(dec("3"), 0.5), dec("1.5"));
  EXPECT_EQ(guard_size(dec("0.001"), 0.5), dec("0.001"));
  EXPECT_EQ(guard_size(dec("0.00015"), 0.5), dec("0.00008"));
  EXPECT_EQ(guard_size(dec("-0.2"), 0.25), dec("0.05"));
  EXPECT_EQ(guard_size(dec("0.7"), 1.0), dec("0.7"));
  EXPECT_EQ(guard_size(dec("0"), 0.5), decimal{});
}

TEST(LiquidationGuard, DistancesNearestFirst) {
  auto xs = liquidation_guard::distances(
    book_of({near(side::buy, "1", "70000", "63000"),
             near(side::sell, "-2", "70000", "71400"),
             near(side::buy, "1", "70000", "0")}));
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(xs[0].position_side, side::sell);
  EXPECT_EQ(xs[0].amount, dec("2"));
  EXPECT_NEAR(xs[0].distance, 0.02, 1e-12);
  EXPECT_NEAR(xs[1].distance, 0.1, 1e-12);
}

// -- price returns ----------------------------------------------------------------

TEST(PriceReturns, SigmaIsTheSampleDeviationScaledToTheHorizon) {
  price_returns r{100, 3};
  auto t = t0;
  for (double p : {100.0, 101.0, 100.0}) {
    r.record(t, {{"BTC/USDT", p}});
    t += 5s;
  }
  EXPECT_FALSE(r.sigma("BTC/USDT", 5s)) << "2 returns < 3";
  r.record(t, {{"BTC/USDT", 101.0}});
  // Returns 0.01, -0.00990099, 0.01: mean 0.00336634, sample deviation
  // 0.01148984...; over 20 s (4 intervals of 5 s) twice that.
  auto s = r.sigma("BTC/USDT", 5s);
  ASSERT_TRUE(s);
  EXPECT_NEAR(*s, 0.0114898419908, 1e-12);
  EXPECT_NEAR(*r.sigma("BTC/USDT", 20s), 2 * *s, 1e-12);
  EXPECT_FALSE(r.sigma("ETH/USDT", 5s));
}

TEST(PriceReturns, CorrelationOverTheSamplesBothPriced) {
  price_returns r{100, 3};
  auto t = t0;
  std::vector<std::map<std::string, double>> samples = {
    {{"A", 100}, {"B", 50}, {"C", 10}},
    {{"A", 101}, {"B", 50.5}, {"C", 9.9}},
    {{"A", 100}, {"B", 50}}, // C missing: a gap, not a zero return
    {{"A", 102}, {"B", 51}, {"C", 10}},
    {{"A", 101}, {"B", 50.5}, {"C", 10.1}},
  };
  for (auto& s : samples) {
    r.record(t, s);
    t += 5s;
  }
  ASSERT_TRUE(r.correlation("A", "B"));
  EXPECT_NEAR(*r.correlation("A", "B"), 1.0, 1e-9);
  EXPECT_NEAR(*r.correlation("B", "A"), 1.0, 1e-9);
  // C has 2 returns (the gap breaks two): unknown.
  EXPECT_FALSE(r.correlation("A", "C"));
  EXPECT_EQ(r.correlation("A", "A"), 1.0);
}

TEST(PriceReturns, KeepsOnlyTheWindow) {
  price_returns r{3, 2};
  auto t = t0;
  for (double p : {100.0, 200.0, 100.0, 101.0, 102.01}) {
    r.record(t, {{"X", p}});
    t += 5s;
  }
  EXPECT_EQ(r.samples(), 3u);
  // Only 100 -> 101 -> 102.01: both returns 1 %, no deviation.
  EXPECT_NEAR(*r.sigma("X", 5s), 0.0, 1e-12);
}
