// The book actor's pure core: health, publishing decisions, resync and
// buffering, latency; plus the conflation slot and the event throttle.

#include "actors/book/book_core.hpp"

#include <gtest/gtest.h>

#include "actors/book/conflation.hpp"
#include "actors/market_data/event_throttle.hpp"
#include "tests/actors/book_actor_fixtures.hpp"

using namespace karb;
using namespace karb::book;
using namespace karb::book::test;

namespace {

constexpr int64_t sec = 1'000'000'000;

book_core full_core() {
  book_core_config cfg;
  cfg.mode = sync_mode::full_snapshot;
  cfg.stale_after_ns = 5 * sec;
  cfg.depth = 2;
  return book_core{cfg};
}

book_core gap_core() {
  book_core_config cfg;
  cfg.mode = sync_mode::gap_tolerant;
  cfg.stale_after_ns = 5 * sec;
  cfg.depth = 2;
  return book_core{cfg};
}

order_book snapshot(int64_t seq) {
  auto b = frame({{"100", "1"}, {"99", "2"}}, {{"101", "1"}, {"102", "2"}},
                 seq, 0, krw_btc(exchange::custom));
  b.sequence = seq;
  return b;
}

} // namespace

TEST(BookCore, StartsStaleAndBecomesHealthyOnFirstFrame) {
  auto c = full_core();
  EXPECT_EQ(c.health(), book_health::stale);
  auto r = c.on_book(frame("100", "101", 1000), 10 * sec);
  EXPECT_TRUE(r.applied);
  EXPECT_TRUE(r.health_changed);
  EXPECT_TRUE(r.publish);
  EXPECT_TRUE(c.healthy());
  auto v = c.view(krw_btc(), 2);
  EXPECT_TRUE(v.healthy);
  EXPECT_EQ(v.reason, "");
  EXPECT_EQ(v.book.bids.at(0).price, dec("100"));
  EXPECT_EQ(v.book.asks.at(0).price, dec("101"));
  EXPECT_EQ(v.ts_applied_ns, 10 * sec);
  EXPECT_EQ(v.book.ts_event_ns, 1000 * 1'000'000);
}

TEST(BookCore, DropsBackwardsTimestampsAndAcceptsEqualOnes) {
  auto c = full_core();
  c.on_book(frame("100", "101", 2000), sec);
  auto r = c.on_book(frame("90", "91", 1999), sec);
  EXPECT_TRUE(r.dropped);
  EXPECT_FALSE(r.applied);
  EXPECT_EQ(c.book().best_bid().price, dec("100"));
  r = c.on_book(frame("95", "96", 2000), sec);
  EXPECT_TRUE(r.applied);
  EXPECT_EQ(c.book().best_bid().price, dec("95"));
  EXPECT_EQ(c.stats(krw_btc()).dropped, 1u);
}

TEST(BookCore, PublishesOnlyWhenThePublishedDepthChanges) {
  auto c = full_core();
  c.on_book(frame({{"100", "1"}, {"99", "1"}, {"98", "1"}}, {{"101", "1"}}, 1),
            sec);
  // Same top two levels, a change at level three (beyond depth 2).
  auto r = c.on_book(frame({{"100", "1"}, {"99", "1"}, {"98", "7"}},
                           {{"101", "1"}}, 2),
                     sec);
  EXPECT_TRUE(r.applied);
  EXPECT_FALSE(r.publish);
  r = c.on_book(frame({{"100", "1"}, {"99", "3"}}, {{"101", "1"}}, 3), sec);
  EXPECT_TRUE(r.publish);
}

TEST(BookCore, CrossedAndEmptyBooksAreUnhealthy) {
  auto c = full_core();
  c.on_book(frame("101", "101", 1), sec);
  EXPECT_EQ(c.health(), book_health::crossed);
  EXPECT_EQ(c.view(krw_btc(), 2).reason, "crossed");
  c.on_book(frame({{"100", "1"}}, {}, 2), sec);
  EXPECT_EQ(c.health(), book_health::empty);
  auto r = c.on_book(frame("100", "101", 3), sec);
  EXPECT_TRUE(r.health_changed);
  EXPECT_TRUE(c.healthy());
}

TEST(BookCore, StaleAfterTheWindowAndFreshAgainOnTheNextFrame) {
  auto c = full_core();
  c.on_book(frame("100", "101", 1), 10 * sec);
  auto r = c.on_tick(15 * sec); // exactly the window: still fresh
  EXPECT_FALSE(r.health_changed);
  EXPECT_TRUE(c.healthy());
  r = c.on_tick(15 * sec + 1);
  EXPECT_TRUE(r.health_changed);
  EXPECT_TRUE(r.publish);
  EXPECT_EQ(c.health(), book_health::stale);
  r = c.on_book(frame("100", "101", 2), 16 * sec);
  EXPECT_TRUE(r.health_changed);
  EXPECT_TRUE(c.healthy());
  EXPECT_EQ(c.stats(krw_btc()).unhealthy_count, 1u);
}

TEST(BookCore, SequencedBookBuffersUntilTheSnapshotThenReplays) {
  auto c = gap_core();
  EXPECT_EQ(c.health(), book_health::resync);
  auto r = c.on_delta(delta(11, {{"100", "5"}}, {}), sec);
  EXPECT_FALSE(r.applied);
  EXPECT_TRUE(r.need_snapshot);
  r = c.on_delta(delta(12, {}, {{"101", "0"}}), sec);
  EXPECT_EQ(c.buffered(), 2u);
  r = c.on_book(snapshot(10), 2 * sec);
  EXPECT_TRUE(r.applied);
  EXPECT_FALSE(r.need_snapshot);
  EXPECT_TRUE(c.healthy());
  EXPECT_EQ(c.buffered(), 0u);
  EXPECT_EQ(c.book().best_bid(), (price_level{dec("100"), dec("5")}));
  EXPECT_EQ(c.book().best_ask().price, dec("102"));
  EXPECT_EQ(c.view(krw_btc(exchange::custom), 2).book.sequence, 12);
}

TEST(BookCore, GapDiscardsTheBookAndAsksForASnapshot) {
  auto c = gap_core();
  c.on_book(snapshot(10), sec);
  ASSERT_TRUE(c.healthy());
  auto r = c.on_delta(delta(11, {{"100", "3"}}, {}), sec);
  EXPECT_TRUE(r.applied);
  r = c.on_delta(delta(17, {{"100", "4"}}, {}), sec); // jump of 6 > 5
  EXPECT_TRUE(r.health_changed);
  EXPECT_TRUE(r.need_snapshot);
  EXPECT_EQ(c.health(), book_health::resync);
  EXPECT_FALSE(c.book().has_bid());
  EXPECT_EQ(c.stats(krw_btc(exchange::custom)).resyncs, 1u);
  r = c.on_book(snapshot(16), 2 * sec);
  EXPECT_TRUE(c.healthy());
  EXPECT_EQ(c.book().best_bid(), (price_level{dec("100"), dec("4")}));
}

TEST(BookCore, BinanceSpotBridgesTheSnapshot) {
  book_core_config cfg;
  cfg.mode = sync_mode::binance_spot;
  book_core c{cfg};
  auto d1 = delta(0, {{"100", "9"}}, {});
  d1.first_seq = 5;
  d1.seq = 8; // covered by the snapshot (id 8): dropped on replay
  auto d2 = delta(0, {{"100", "7"}}, {});
  d2.first_seq = 9;
  d2.seq = 12;
  c.on_delta(d1, sec);
  c.on_delta(d2, sec);
  auto s = snapshot(8);
  c.on_book(s, sec);
  EXPECT_TRUE(c.healthy());
  EXPECT_EQ(c.book().best_bid().volume, dec("7"));
}

TEST(BookCore, FullSnapshotVenuesIgnoreDeltas) {
  auto c = full_core();
  auto r = c.on_delta(delta(1, {{"100", "1"}}, {}), sec);
  EXPECT_TRUE(r.dropped);
  EXPECT_FALSE(r.need_snapshot);
}

TEST(BookCore, RecordsBothLatencies) {
  auto c = full_core();
  // venue stamped at wall 1000 ms; read at steady 5000 ns; applied at steady
  // 7000 ns while the wall clock says 1000 ms + 3000 ns.
  c.record_latency(1000 * 1'000'000LL, 5000, 7000,
                   1000 * 1'000'000LL + 3000);
  auto s = c.stats(krw_btc());
  EXPECT_EQ(s.exchange_to_receipt.count, 1u);
  EXPECT_EQ(s.exchange_to_receipt.max_ns, 1000u); // 3000 - (7000 - 5000)
  EXPECT_EQ(s.receipt_to_applied.max_ns, 2000u);
  EXPECT_EQ(s.clock_skew, 0u);
  c.record_latency(0, 5000, 5600, 0); // no venue time: only the local part
  s = c.stats(krw_btc());
  EXPECT_EQ(s.exchange_to_receipt.count, 1u);
  EXPECT_EQ(s.receipt_to_applied.count, 2u);
  c.record_latency(1, 0, 1, 1); // no receipt time: nothing
  EXPECT_EQ(c.stats(krw_btc()).receipt_to_applied.count, 2u);
}

TEST(ConflationSlot, HoldsNewerViewsUntilTheReply) {
  conflation_slot s;
  EXPECT_TRUE(s.offer());
  EXPECT_FALSE(s.offer());
  EXPECT_FALSE(s.offer());
  EXPECT_TRUE(s.on_reply()); // the latest goes out
  EXPECT_TRUE(s.in_flight());
  EXPECT_FALSE(s.on_reply()); // nothing newer
  EXPECT_FALSE(s.in_flight());
  EXPECT_TRUE(s.offer());
}

TEST(EventThrottle, AtMostOnePerIntervalAndHeldChangesFlushLater) {
  market_data::event_throttle t{100};
  EXPECT_TRUE(t.offer(1000));
  EXPECT_FALSE(t.offer(1050));
  EXPECT_TRUE(t.pending());
  EXPECT_FALSE(t.flush(1099));
  EXPECT_TRUE(t.flush(1100));
  EXPECT_FALSE(t.pending());
  EXPECT_FALSE(t.flush(1300));
  EXPECT_TRUE(t.offer(1300));
}
