// L2 book unit tests: updates, ordering, health flags, conversion, and a
// randomized comparison with a std::map model.

#include <gtest/gtest.h>

#include <random>

#include "actors/book/l2_book.hpp"
#include "book_fixtures.hpp"

using namespace karb;
using namespace karb::book;
using namespace karb::book::test;

namespace {

constexpr auto bid = book_side_id::bid;
constexpr auto ask = book_side_id::ask;

l2_book small_book() {
  l2_book b;
  std::vector<price_level> bids{{dec("99"), dec("1")}, {dec("100"), dec("2")},
                                {dec("98"), dec("3")}};
  std::vector<price_level> asks{{dec("102"), dec("5")}, {dec("101"), dec("4")}};
  b.apply_snapshot(bids, asks, 1'000);
  return b;
}

} // namespace

TEST(BookL2, SnapshotInAnyOrderIsSortedBestFirst) {
  auto b = small_book();
  EXPECT_EQ(b.top(bid, 10), (std::vector<price_level>{
                              {dec("100"), dec("2")},
                              {dec("99"), dec("1")},
                              {dec("98"), dec("3")}}));
  EXPECT_EQ(b.top(ask, 1),
            (std::vector<price_level>{{dec("101"), dec("4")}}));
  EXPECT_EQ(b.last_update_ns(), 1'000);
}

TEST(BookL2, SnapshotSkipsZeroSizesAndKeepsLastDuplicate) {
  l2_book b;
  std::vector<price_level> bids{{dec("10"), dec("1")}, {dec("11"), dec("0")},
                                {dec("10"), dec("7")}};
  b.apply_snapshot(bids, {}, 5);
  ASSERT_EQ(b.bid_levels(), 1u);
  EXPECT_EQ(b.best_bid(), (price_level{dec("10"), dec("7")}));
  EXPECT_FALSE(b.ask().has_value());
}

TEST(BookL2, DeltasInsertReplaceAndRemove) {
  auto b = small_book();
  EXPECT_TRUE(b.apply(bid, dec("100.5"), dec("9")));  // new best
  EXPECT_TRUE(b.apply(bid, dec("99"), dec("1.5")));   // replace
  EXPECT_TRUE(b.apply(bid, dec("98"), dec("0")));     // remove
  EXPECT_TRUE(b.apply(bid, dec("50"), dec("0")));     // unknown: no-op
  EXPECT_TRUE(b.apply(ask, dec("101"), dec("0")));    // best ask removed
  EXPECT_EQ(b.top(bid, 10), (std::vector<price_level>{
                              {dec("100.5"), dec("9")},
                              {dec("100"), dec("2")},
                              {dec("99"), dec("1.5")}}));
  EXPECT_EQ(b.best_ask(), (price_level{dec("102"), dec("5")}));
  EXPECT_EQ(b.qty_at(bid, dec("99")), dec("1.5"));
  EXPECT_EQ(b.qty_at(bid, dec("98")), dec("0"));
  EXPECT_EQ(b.best_bid_raw(), dec("100.5").raw);
}

TEST(BookL2, RefusesCorruptLevels) {
  auto b = small_book();
  EXPECT_FALSE(b.apply(bid, dec("100"), dec("-1")));
  EXPECT_FALSE(b.apply(ask, dec("0"), dec("1")));
  EXPECT_EQ(b.best_bid(), (price_level{dec("100"), dec("2")}));
  std::vector<level_change> batch{{bid, dec("97"), dec("1")},
                                  {ask, dec("103"), dec("-2")}};
  EXPECT_FALSE(b.apply(batch, 2'000));
  EXPECT_EQ(b.last_update_ns(), 1'000); // not stamped
}

TEST(BookL2, FlagsCrossedBook) {
  auto b = small_book();
  EXPECT_FALSE(b.crossed());
  b.apply(bid, dec("101"), dec("1")); // bid == best ask: locked counts
  EXPECT_TRUE(b.crossed());
  b.apply(bid, dec("101"), dec("0"));
  EXPECT_FALSE(b.crossed());
  b.apply(ask, dec("99.5"), dec("1"));
  EXPECT_TRUE(b.crossed());
}

TEST(BookL2, FlagsStaleBookWithInjectedNow) {
  l2_book b;
  EXPECT_TRUE(b.stale(0, 1'000)); // never updated
  b.apply_snapshot(std::vector<price_level>{{dec("1"), dec("1")}}, {}, 10'000);
  EXPECT_FALSE(b.stale(11'000, 1'000));
  EXPECT_TRUE(b.stale(11'001, 1'000));
  b.touch(20'000); // heartbeat
  EXPECT_FALSE(b.stale(20'500, 1'000));
  b.clear();
  EXPECT_TRUE(b.stale(20'500, 1'000));
  EXPECT_EQ(b.bid_levels(), 0u);
}

TEST(BookL2, VwapWalksTheOppositeSide) {
  auto b = small_book();
  auto buy = b.vwap(side::buy, dec("6")); // 4 @ 101 + 2 @ 102
  EXPECT_EQ(buy.avg_price, dec("101.33333333"));
  EXPECT_EQ(buy.filled, dec("6"));
  EXPECT_EQ(buy.worst_price, dec("102"));
  EXPECT_TRUE(buy.sufficient);
  auto sell = b.vwap(side::sell, dec("10")); // 2@100 + 1@99 + 3@98 = 6
  EXPECT_EQ(sell.filled, dec("6"));
  EXPECT_EQ(sell.avg_price, dec("98.83333333"));
  EXPECT_FALSE(sell.sufficient);
  EXPECT_EQ(b.vwap(side::buy, dec("0")).filled, dec("0"));
}

TEST(BookL2, ConvertsToAndFromOrderBookMessage) {
  auto b = small_book();
  instrument sym{exchange::binance_spot, "BTC", "USDT", "BTCUSDT",
                 contract_type::spot};
  auto msg = b.to_order_book(sym, 2);
  EXPECT_EQ(msg.symbol, sym);
  EXPECT_EQ(msg.bids, (std::vector<price_level>{{dec("100"), dec("2")},
                                                {dec("99"), dec("1")}}));
  EXPECT_EQ(msg.asks.size(), 2u);
  EXPECT_EQ(msg.ts_event_ns, 1'000);
  l2_book copy;
  copy.apply_snapshot(msg);
  EXPECT_EQ(copy.top(bid, 5), msg.bids);
  EXPECT_EQ(copy.top(ask, 5), msg.asks);
  EXPECT_EQ(copy.last_update_ns(), 1'000);
}

TEST(BookL2, MatchesMapModelOnRandomUpdates) {
  std::mt19937_64 rng{42};
  l2_book b;
  map_model m;
  std::uniform_int_distribution<int> price(1, 400), qty(0, 3), pick(0, 1);
  for (int i = 0; i < 20'000; ++i) {
    level_change c{pick(rng) ? bid : ask, decimal::from_int(price(rng)),
                   decimal::from_int(qty(rng))};
    b.apply(c.side, c.price, c.qty);
    m.apply({c});
  }
  EXPECT_GT(b.bid_levels(), 200u);
  EXPECT_TRUE(same_levels(b, m));
}
