// The spread calculator: depth walking with exact decimals, both
// directions, unhealthy books, ranking, found / expired.

#include <gtest/gtest.h>

#include "actors/strategy/depth_walk.hpp"
#include "actors/strategy/opportunity_tracker.hpp"
#include "actors/strategy/spread_core.hpp"
#include "tests/actors/strategy_fixtures.hpp"

using namespace karb;
using namespace karb::strategy;
using karb::test::levels;
using karb::test::make_view;

namespace {

const auto fee = dec("0.0005");

// Selling into these bids and buying from these asks clears 0.5% net up
// to 0.36204593 BTC (worked out level by level in the test below).
const test::level_list deep_bids = {{"101000000", "0.1"},
                                    {"100800000", "0.2"},
                                    {"100000000", "1"}};
const test::level_list deep_asks = {{"100000000", "0.15"},
                                    {"100200000", "0.3"}};

scan_params params(decimal max_size = {}) {
  return {"s1", dec("0.005"), max_size, 500'000'000};
}

} // namespace

TEST(DepthWalk, PicksTheLargestSizeThatClearsTheThreshold) {
  // Pairs: 0.1 @ 101.0M/100.0M, 0.05 @ 100.8M/100.0M, 0.15 @ 100.8M/100.2M
  // all clear; then 100.0M/100.2M loses 801,100 of slack per BTC against
  // 49,705 left: 49,705 / 801,100 = 0.06204593 (rounded down).
  auto r = walk_to_threshold(levels(deep_bids), levels(deep_asks),
                             {fee, fee, dec("0.005"), {}});
  EXPECT_EQ(r.size, dec("0.36204593"));
  EXPECT_EQ(r.proceeds, dec("36464593"));
  EXPECT_EQ(r.cost, dec("36247002.186"));
  // 36,464,593 * 0.9995 - 36,247,002.186 * 1.0005
  EXPECT_EQ(r.net_profit, dec("181235.016407"));
  EXPECT_EQ(r.sell_limit, dec("100000000"));
  EXPECT_EQ(r.buy_limit, dec("100200000"));
  EXPECT_EQ(r.sell_levels, 3u);
  EXPECT_EQ(r.buy_levels, 2u);
}

TEST(DepthWalk, CapsAtMaxSize) {
  auto r = walk_to_threshold(levels(deep_bids), levels(deep_asks),
                             {fee, fee, dec("0.005"), dec("0.2")});
  EXPECT_EQ(r.size, dec("0.2"));
  EXPECT_EQ(r.proceeds, dec("20180000"));
  EXPECT_EQ(r.cost, dec("20010000"));
  EXPECT_EQ(r.net_profit, dec("149905")); // 20,169,910 - 20,020,005
  EXPECT_EQ(r.sell_limit, dec("100800000"));
  EXPECT_EQ(r.buy_limit, dec("100200000"));
}

TEST(DepthWalk, MaxProfitStopsWhereTheMarginalPairLoses) {
  auto r = walk_to_max_profit(levels(deep_bids), levels(deep_asks), fee, fee);
  EXPECT_EQ(r.size, dec("0.3"));
  EXPECT_EQ(r.net_profit, dec("199855")); // 30,244,870 - 30,045,015
}

TEST(DepthWalk, TopLevelBelowThresholdGivesNothing) {
  // Gross 0.08% against 0.1% of fees: not even the first satoshi clears.
  auto r = walk_to_threshold(levels({{"100080000", "1"}}),
                             levels({{"100000000", "1"}}),
                             {fee, fee, decimal{}, {}});
  EXPECT_EQ(r.size, decimal{});
  EXPECT_EQ(r.net_profit, decimal{});
}

TEST(DepthWalk, SkipsEmptyLevelsAndFixedSize) {
  auto r = walk_size(levels({{"101000000", "0"}, {"100900000", "0.5"}}),
                     levels({{"100000000", "0.2"}, {"100100000", "1"}}), fee,
                     fee, dec("0.3"));
  EXPECT_EQ(r.size, dec("0.3"));
  EXPECT_EQ(r.proceeds, dec("30270000"));
  EXPECT_EQ(r.cost, dec("30010000"));
  EXPECT_EQ(r.sell_levels, 2u);
}

TEST(DepthWalk, EstimatesSlippageFromVwap) {
  // 0.3 from asks: 0.15 @ 100.0M + 0.15 @ 100.2M = VWAP 100.1M.
  EXPECT_EQ(estimate_slippage(levels(deep_asks), dec("0.3")), dec("100000"));
  EXPECT_EQ(estimate_slippage(levels(deep_asks), dec("0.1")), decimal{});
  // Bids slip downwards.
  EXPECT_EQ(estimate_slippage(levels(deep_bids), dec("0.2")), dec("-100000"));
}

TEST(SpreadCalculator, SpreadBelowFeesYieldsNothing) {
  auto a = make_view(exchange::upbit, {{"100080000", "1"}},
                     {{"100150000", "1"}});
  auto b = make_view(exchange::bithumb, {{"99990000", "1"}},
                     {{"100000000", "1"}});
  spread_calculator calc{{"s1", decimal{}, {}, 500'000'000}};
  EXPECT_TRUE(calc.scan({&a, fee}, {&b, fee}, 1000).empty());
}

TEST(SpreadCalculator, BuildsEveryFieldOfTheOpportunity) {
  auto up = make_view(exchange::upbit, deep_bids, {{"101500000", "1"}}, 700);
  auto bt = make_view(exchange::bithumb, {{"99000000", "1"}}, deep_asks, 900);
  spread_calculator calc{params()};
  auto xs = calc.scan({&up, fee}, {&bt, fee}, 5'000);
  ASSERT_EQ(xs.size(), 1u);
  const auto& o = xs[0];
  EXPECT_EQ(o.id, "s1-1");
  EXPECT_EQ(o.type, arbitrage_type::cross_exchange);
  EXPECT_EQ(o.symbol, "BTC/KRW");
  EXPECT_EQ(o.exchanges, (std::vector<std::string>{"upbit", "bithumb"}));
  EXPECT_EQ(o.expected_profit, dec("181235.016407"));
  EXPECT_EQ(o.max_profit, dec("199855"));
  EXPECT_EQ(o.max_position_size, dec("0.36204593"));
  // 1 - 0.36204593 / min(1.3, 0.45)
  EXPECT_NEAR(o.liquidity_score, 1 - 0.36204593 / 0.45, 1e-12);
  // The net rate 0.005 sits on the threshold: no cushion.
  EXPECT_NEAR(o.risk_score, 0.5 + 0.5 * (0.36204593 / 0.45), 1e-12);
  EXPECT_EQ(o.urgency, priority::medium);
  EXPECT_EQ(o.created_ns, 5'000);
  EXPECT_EQ(o.valid_until_ns, 500'005'000);
  EXPECT_EQ(o.ts_tick_ns, 900);
  EXPECT_EQ(o.metadata.at("direction"), "upbit>bithumb");
  EXPECT_EQ(o.metadata.at("net_rate"), "0.005");
  ASSERT_EQ(o.entry_signals.size(), 2u);
  const auto& sell = o.entry_signals[0];
  const auto& buy = o.entry_signals[1];
  EXPECT_EQ(sell.id, "s1-1:sell");
  EXPECT_EQ(sell.strategy_id, "s1");
  EXPECT_EQ(sell.symbol.venue, exchange::upbit);
  EXPECT_EQ(sell.symbol.venue_symbol, "KRW-BTC");
  EXPECT_EQ(sell.signal_side, side::sell);
  EXPECT_EQ(sell.signal_type, "entry");
  EXPECT_TRUE(sell.has_price);
  EXPECT_EQ(sell.price, dec("100000000"));
  EXPECT_EQ(sell.amount, dec("0.36204593"));
  EXPECT_EQ(sell.valid_until_ns, 500'005'000);
  EXPECT_EQ(buy.symbol.venue, exchange::bithumb);
  EXPECT_EQ(buy.signal_side, side::buy);
  EXPECT_EQ(buy.price, dec("100200000"));
  EXPECT_EQ(buy.amount, dec("0.36204593"));
}

TEST(SpreadCalculator, RoundsTheSizeDownToBothVenuesLots) {
  auto up = make_view(exchange::upbit, deep_bids, {{"101500000", "1"}}, 700);
  auto bt = make_view(exchange::bithumb, {{"99000000", "1"}}, deep_asks, 900);
  spread_calculator calc{params()};
  venue_book sell{&up, fee, dec("0.001")};
  venue_book buy{&bt, fee, dec("0.01")};
  auto xs = calc.scan(sell, buy, 5'000);
  ASSERT_EQ(xs.size(), 1u);
  // 0.36204593 walked; 0.36 is on both lots (0.001 and 0.01).
  EXPECT_EQ(xs[0].max_position_size, dec("0.36"));
  EXPECT_EQ(xs[0].entry_signals[0].amount, dec("0.36"));
  EXPECT_EQ(xs[0].entry_signals[1].amount, dec("0.36"));
  // The profit is the walk's at that size, not a share of the larger one.
  EXPECT_EQ(xs[0].expected_profit,
            calculate_profit({&up, fee}, {&bt, fee}, dec("0.36")));
}

TEST(SpreadCalculator, SkipsASizeBelowEitherVenuesMinimum) {
  auto up = make_view(exchange::upbit, deep_bids, {{"101500000", "1"}}, 700);
  auto bt = make_view(exchange::bithumb, {{"99000000", "1"}}, deep_asks, 900);
  spread_calculator calc{params(dec("0.01"))};
  // 0.01 BTC at 100M is 1M of quote: a 2M minimum notional refuses it, a
  // lot of 0.1 rounds it to nothing, a minimum quantity of 0.02 too.
  EXPECT_TRUE(calc.scan({&up, fee, {}, {}, dec("2000000")}, {&bt, fee}, 0)
                .empty());
  EXPECT_TRUE(calc.scan({&up, fee}, {&bt, fee, dec("0.1")}, 0).empty());
  EXPECT_TRUE(calc.scan({&up, fee, {}, dec("0.02")}, {&bt, fee}, 0).empty());
  EXPECT_EQ(calc.scan({&up, fee, {}, {}, dec("500000")}, {&bt, fee}, 0).size(),
            1u);
}

TEST(SpreadCalculator, FindsTheOtherDirection) {
  auto up = make_view(exchange::upbit, {{"99000000", "1"}}, deep_asks);
  auto bt = make_view(exchange::bithumb, deep_bids, {{"101500000", "1"}});
  spread_calculator calc{params(dec("0.2"))};
  auto xs = calc.scan({&up, fee}, {&bt, fee}, 0);
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].exchanges,
            (std::vector<std::string>{"bithumb", "upbit"}));
  EXPECT_EQ(xs[0].expected_profit, dec("149905"));
  EXPECT_EQ(xs[0].entry_signals[0].symbol.venue, exchange::bithumb);
  EXPECT_EQ(xs[0].entry_signals[1].symbol.venue, exchange::upbit);
}

TEST(SpreadCalculator, NeverUsesAnUnhealthyBook) {
  auto up = make_view(exchange::upbit, deep_bids, {{"101500000", "1"}}, 0,
                      false);
  auto bt = make_view(exchange::bithumb, {{"99000000", "1"}}, deep_asks);
  spread_calculator calc{params()};
  EXPECT_TRUE(calc.scan({&up, fee}, {&bt, fee}, 0).empty());
  EXPECT_TRUE(calc.scan({&bt, fee}, {&up, fee}, 0).empty());
}

TEST(SpreadCalculator, RefusesMismatchedAssets) {
  auto up = make_view(exchange::upbit, deep_bids, {{"101500000", "1"}});
  auto bt = make_view(exchange::bithumb, {{"99000000", "1"}}, deep_asks);
  bt.book.symbol.base = "ETH";
  spread_calculator calc{params()};
  EXPECT_TRUE(calc.scan({&up, fee}, {&bt, fee}, 0).empty());
}

TEST(SpreadCalculator, ProfitAtAGivenSize) {
  auto up = make_view(exchange::upbit, deep_bids, {});
  auto bt = make_view(exchange::bithumb, {}, deep_asks);
  EXPECT_EQ(calculate_profit({&up, fee}, {&bt, fee}, dec("0.2")),
            dec("149905"));
  EXPECT_EQ(calculate_profit({&up, fee}, {&bt, fee}, dec("5")), decimal{});
}

TEST(SpreadCalculator, TopSpread) {
  auto up = make_view(exchange::upbit, {{"100500000", "1"}}, {});
  auto bt = make_view(exchange::bithumb, {}, {{"100000000", "1"}});
  EXPECT_EQ(top_spread(up.book, bt.book), dec("0.005"));
}

// -- engine -----------------------------------------------------------------

namespace {

arbitrage_opportunity opp(std::string id, std::string dir,
                          std::string profit, double liquidity,
                          int64_t valid_until = 0) {
  arbitrage_opportunity o;
  o.id = std::move(id);
  o.metadata["direction"] = std::move(dir);
  o.expected_profit = dec(profit);
  o.liquidity_score = liquidity;
  o.valid_until_ns = valid_until;
  return o;
}

std::vector<std::string> ids(const std::vector<arbitrage_opportunity>& xs) {
  std::vector<std::string> out;
  for (const auto& x : xs)
    out.push_back(x.id);
  return out;
}

} // namespace

TEST(OpportunityEngine, RanksByProfitThenLiquidity) {
  auto xs = rank({opp("a", "x", "100", 0.1), opp("b", "y", "300", 0.1),
                  opp("c", "z", "100", 0.9)});
  EXPECT_EQ(ids(xs), (std::vector<std::string>{"b", "c", "a"}));
}

TEST(OpportunityEngine, FiltersByMinimumProfitAndLiquidity) {
  auto xs = filter({opp("a", "x", "100", 0.1), opp("b", "y", "300", 0.1),
                    opp("c", "z", "250", 0.9)},
                   dec("200"), 0.5);
  EXPECT_EQ(ids(xs), (std::vector<std::string>{"c"}));
}

TEST(OpportunityEngine, ReportsFoundOnceAndExpiredWhenGone) {
  opportunity_tracker t;
  auto u1 = t.update({opp("1", "upbit>bithumb", "10", 0.5)}, 0);
  EXPECT_EQ(ids(u1.found), (std::vector<std::string>{"1"}));
  EXPECT_TRUE(u1.expired.empty());
  // Same direction refreshed: not found again; the live copy is the new one.
  auto u2 = t.update({opp("2", "upbit>bithumb", "12", 0.5),
                      opp("3", "bithumb>upbit", "20", 0.5)},
                     1);
  EXPECT_EQ(ids(u2.found), (std::vector<std::string>{"3"}));
  EXPECT_TRUE(u2.expired.empty());
  EXPECT_EQ(ids(t.live()), (std::vector<std::string>{"3", "2"}));
  EXPECT_EQ(ids(t.top(1)), (std::vector<std::string>{"3"}));
  auto u3 = t.update({opp("4", "bithumb>upbit", "20", 0.5)}, 2);
  EXPECT_TRUE(u3.found.empty());
  EXPECT_EQ(ids(u3.expired), (std::vector<std::string>{"2"}));
  EXPECT_EQ(t.found_count(), 2u);
  EXPECT_EQ(t.expired_count(), 1u);
}

TEST(OpportunityEngine, ExpiresPastValidUntil) {
  opportunity_tracker t;
  t.update({opp("1", "a>b", "10", 0.5, 100), opp("2", "b>a", "5", 0.5, 300)},
           0);
  auto gone = t.expire(200);
  EXPECT_EQ(ids(gone), (std::vector<std::string>{"1"}));
  EXPECT_EQ(ids(t.live()), (std::vector<std::string>{"2"}));
  // A scan result already past its validity is never live.
  auto u = t.update({opp("3", "b>a", "5", 0.5, 250)}, 260);
  EXPECT_EQ(ids(u.expired), (std::vector<std::string>{"2"}));
  EXPECT_TRUE(t.live().empty());
}

namespace {

book_view usdt_view(exchange venue, test::level_list bids,
                    test::level_list asks, bool healthy = true) {
  auto v = make_view(venue, bids, asks, 0, healthy);
  v.book.symbol.quote = "USDT";
  return v;
}

} // namespace

TEST(SpreadCalculator, ScanAllRanksEveryPairOfThreeVenuesBestFirst) {
  // OKX rich, Bybit a little rich, Binance cheap; 0.1 % taker everywhere.
  auto bn = usdt_view(exchange::binance_spot, {{"69990", "1"}}, {{"70000", "1"}});
  auto ok = usdt_view(exchange::okx_spot, {{"70400", "1"}}, {{"70410", "1"}});
  auto by = usdt_view(exchange::bybit_spot, {{"70300", "1"}}, {{"70310", "1"}});
  auto taker = dec("0.001");
  spread_calculator calc{{"s3", dec("0.002"), dec("0.1"), 500'000'000}};
  std::vector<venue_book> books{{&bn, taker}, {&ok, taker}, {&by, taker}};
  auto xs = calc.scan_all(books, 1'000);
  // okx>binance (0.57 % gross) and bybit>binance (0.43 %) clear 0.2 % net;
  // okx>bybit (0.13 %) does not, nor does anything buying OKX or Bybit.
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(xs[0].exchanges,
            (std::vector<std::string>{"okx_spot", "binance_spot"}));
  EXPECT_EQ(xs[1].exchanges,
            (std::vector<std::string>{"bybit_spot", "binance_spot"}));
  // 0.1 BTC: 7040 * 0.999 - 7000 * 1.001 = 7032.96 - 7007
  EXPECT_EQ(xs[0].expected_profit, dec("25.96"));
  EXPECT_EQ(xs[1].expected_profit, dec("15.97")); // 7022.97 - 7007
  EXPECT_EQ(xs[0].symbol, "BTC/USDT");
  // An unhealthy OKX book takes it out: the best pair is Bybit's.
  ok.healthy = false;
  xs = calc.scan_all(books, 2'000);
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].exchanges,
            (std::vector<std::string>{"bybit_spot", "binance_spot"}));
}
