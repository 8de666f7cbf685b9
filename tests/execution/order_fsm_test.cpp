// The order table edge by edge, refused edges, fill accounting and the
// client order id.

#include "actors/execution/order_fsm.hpp"
#include "actors/execution/order_core.hpp"

#include <gtest/gtest.h>

using namespace karb;
using namespace karb::execution;
using st = order_status;
using ev = order_event;

namespace {

constexpr st all_states[] = {st::pending, st::submitted, st::open,
                             st::partially_filled, st::filled, st::cancelled,
                             st::rejected, st::failed, st::unknown};
constexpr ev all_events[] = {
  ev::send, ev::store_failed, ev::ack_accepted, ev::ack_rejected,
  ev::ack_not_sent, ev::ack_maybe_sent, ev::recover, ev::venue_open,
  ev::venue_partial, ev::venue_filled, ev::venue_cancelled,
  ev::venue_rejected, ev::not_found};

struct expected_edge {
  st from;
  ev event;
  st to;
};

// The table as the architecture states it, written out independently.
const std::vector<expected_edge> expected = {
  {st::pending, ev::send, st::submitted},
  {st::pending, ev::store_failed, st::failed},
  {st::pending, ev::recover, st::unknown},
  {st::submitted, ev::ack_accepted, st::open},
  {st::submitted, ev::ack_rejected, st::rejected},
  {st::submitted, ev::ack_not_sent, st::failed},
  {st::submitted, ev::ack_maybe_sent, st::unknown},
  {st::submitted, ev::recover, st::unknown},
  {st::submitted, ev::venue_open, st::open},
  {st::submitted, ev::venue_partial, st::partially_filled},
  {st::submitted, ev::venue_filled, st::filled},
  {st::submitted, ev::venue_cancelled, st::cancelled},
  {st::submitted, ev::venue_rejected, st::rejected},
  {st::open, ev::ack_accepted, st::open},
  {st::open, ev::venue_partial, st::partially_filled},
  {st::open, ev::venue_filled, st::filled},
  {st::open, ev::venue_cancelled, st::cancelled},
  {st::partially_filled, ev::ack_accepted, st::partially_filled},
  {st::partially_filled, ev::venue_partial, st::partially_filled},
  {st::partially_filled, ev::venue_filled, st::filled},
  {st::partially_filled, ev::venue_cancelled, st::cancelled},
  {st::unknown, ev::venue_open, st::open},
  {st::unknown, ev::venue_partial, st::partially_filled},
  {st::unknown, ev::venue_filled, st::filled},
  {st::unknown, ev::venue_cancelled, st::cancelled},
  {st::unknown, ev::venue_rejected, st::rejected},
  {st::unknown, ev::not_found, st::failed},
};

fill make_fill(std::string id, const char* price, const char* volume,
               const char* fee, std::string fee_currency = "KRW") {
  fill f;
  f.trade_id = std::move(id);
  f.symbol.base = "BTC";
  f.symbol.quote = "KRW";
  f.price = dec(price);
  f.volume = dec(volume);
  f.fee = dec(fee);
  f.fee_currency = std::move(fee_currency);
  return f;
}

} // namespace

TEST(OrderFsm, EveryLegalEdgeLeadsWhereTheTableSays) {
  for (const auto& x : expected) {
    auto to = next_status(x.from, x.event);
    ASSERT_TRUE(to.has_value())
      << to_string(x.from) << " + " << to_string(x.event);
    EXPECT_EQ(*to, x.to) << to_string(x.from) << " + " << to_string(x.event);
  }
  EXPECT_EQ(order_edges().size(), expected.size());
}

TEST(OrderFsm, EveryOtherPairIsRefused) {
  int refused = 0;
  for (auto s : all_states)
    for (auto e : all_events) {
      bool legal = false;
      for (const auto& x : expected)
        legal = legal || (x.from == s && x.event == e);
      if (!legal) {
        EXPECT_FALSE(next_status(s, e).has_value())
          << to_string(s) << " + " << to_string(e);
        ++refused;
      }
    }
  EXPECT_EQ(refused, 9 * 13 - 27);
}

TEST(OrderFsm, TerminalStatesHaveNoWayOut) {
  for (auto s : {st::filled, st::cancelled, st::rejected, st::failed})
    for (auto e : all_events)
      EXPECT_FALSE(next_status(s, e).has_value()) << to_string(s);
}

TEST(OrderFsm, NothingIsResentFromUnknown) {
  EXPECT_FALSE(next_status(st::unknown, ev::send).has_value());
  EXPECT_FALSE(next_status(st::submitted, ev::send).has_value());
  EXPECT_FALSE(next_status(st::pending, ev::ack_accepted).has_value());
}

TEST(OrderFsm, VenueStatusesMapToEvents) {
  EXPECT_EQ(event_for_venue_status(st::open), ev::venue_open);
  EXPECT_EQ(event_for_venue_status(st::partially_filled), ev::venue_partial);
  EXPECT_EQ(event_for_venue_status(st::filled), ev::venue_filled);
  EXPECT_EQ(event_for_venue_status(st::cancelled), ev::venue_cancelled);
  EXPECT_EQ(event_for_venue_status(st::rejected), ev::venue_rejected);
  EXPECT_FALSE(event_for_venue_status(st::unknown).has_value());
  EXPECT_FALSE(event_for_venue_status(st::pending).has_value());
}

TEST(FillBook, SumsFillsAndAveragesByVolume) {
  fill_book b{dec("0.03")};
  EXPECT_TRUE(b.apply(make_fill("t1", "100000000", "0.01", "500")));
  EXPECT_TRUE(b.apply(make_fill("t2", "100300000", "0.02", "1003")));
  EXPECT_EQ(b.filled(), dec("0.03"));
  EXPECT_EQ(b.remaining(), dec("0"));
  EXPECT_TRUE(b.complete());
  EXPECT_EQ(b.notional(), dec("3006000"));
  EXPECT_EQ(b.average_price(), dec("100200000"));
  EXPECT_EQ(b.fees(), dec("1503"));
}

TEST(FillBook, CountsAFillSeenTwiceOnce) {
  fill_book b{dec("0.03")};
  auto f = make_fill("t1", "100000000", "0.01", "500");
  EXPECT_TRUE(b.apply(f));
  EXPECT_FALSE(b.apply(f)); // the poll repeats what the stream delivered
  EXPECT_EQ(b.filled(), dec("0.01"));
  EXPECT_EQ(b.remaining(), dec("0.02"));
  EXPECT_EQ(b.fees(), dec("500"));
  EXPECT_FALSE(b.complete());
}

TEST(FillBook, ValuesBaseFeesAtTheFillPrice) {
  fill_book b{dec("1")};
  b.apply(make_fill("t1", "50000", "1", "0.001", "BTC"));
  EXPECT_EQ(b.fees(), dec("50"));
}

TEST(FillBook, AdoptsTheVenueViewWhenAhead) {
  fill_book b{dec("0.02")};
  b.apply(make_fill("t1", "100", "0.01", "1"));
  b.apply_venue(dec("0.02"), dec("101"), dec("3"));
  EXPECT_EQ(b.filled(), dec("0.02"));
  EXPECT_EQ(b.average_price(), dec("101"));
  EXPECT_EQ(b.notional(), dec("2.02"));
  EXPECT_EQ(b.fees(), dec("3"));
  // A venue view behind the fills seen changes nothing.
  fill_book c{dec("0.02")};
  c.apply(make_fill("t1", "100", "0.02", "2"));
  c.apply_venue(dec("0.01"), dec("100"), dec("1"));
  EXPECT_EQ(c.filled(), dec("0.02"));
  EXPECT_EQ(c.fees(), dec("2"));
}

TEST(FillBook, TakesTheVenueFeeWhenLookupTradesCarryNone) {
  // A lookup after a restart: trades[] without fees, paid_fee on the order.
  fill_book b{dec("0.01")};
  b.apply(make_fill("t1", "99940000", "0.01", "0"));
  b.apply_venue(dec("0.01"), dec("99940000"), dec("499.7"));
  EXPECT_EQ(b.filled(), dec("0.01"));
  EXPECT_EQ(b.fees(), dec("499.7"));
  // A venue fee for fewer fills than counted is not adopted.
  fill_book c{dec("0.02")};
  c.apply(make_fill("t1", "100", "0.02", "0"));
  c.apply_venue(dec("0.01"), dec("100"), dec("1"));
  EXPECT_EQ(c.fees(), dec("0"));
}

TEST(FillBook, AfterAGapFillOnlyTheCumulativeViewBooksMore) {
  // A reconciliation booked the first 0.004 as one gap fill; the venue's
  // own fill of 0.01 arrives later and holds that 0.004 too.
  fill_book b{dec("0.01")};
  EXPECT_FALSE(b.by_cumulative());
  EXPECT_TRUE(b.apply(make_fill("cum:0.004", "100", "0.004", "0.2")));
  EXPECT_TRUE(b.by_cumulative());
  EXPECT_FALSE(b.apply(make_fill("x1", "100", "0.01", "0.5")));
  EXPECT_EQ(b.counted(), dec("0.004"));
  // The view that came with it books the rest.
  b.apply_venue(dec("0.01"), dec("100"), dec("0.5"));
  auto gap = catch_up_fill(b, order_request{}, "v1");
  ASSERT_TRUE(gap);
  EXPECT_EQ(gap->trade_id, "cum:0.01");
  EXPECT_EQ(gap->volume, dec("0.006"));
  EXPECT_TRUE(b.apply(*gap));
  EXPECT_EQ(b.counted(), dec("0.01"));
  EXPECT_FALSE(catch_up_fill(b, order_request{}, "v1"));
}

TEST(FillBook, RestoresBookedFillsSoThatNoneIsCountedTwice) {
  // A resumed order: the store booked x1; the lookup lists x1 and x2.
  fill_book b{dec("0.01")};
  b.restore({make_fill("x1", "100", "0.004", "0.2")});
  EXPECT_FALSE(b.by_cumulative());
  EXPECT_EQ(b.counted(), dec("0.004"));
  EXPECT_FALSE(b.apply(make_fill("x1", "100", "0.004", "0.2")));
  EXPECT_TRUE(b.apply(make_fill("x2", "100", "0.006", "0.3")));
  EXPECT_EQ(b.filled(), dec("0.01"));
  EXPECT_EQ(b.fees(), dec("0.5"));
  // A gap fill among the rows: the venue's fills are booked by its view.
  fill_book c{dec("0.01")};
  c.restore({make_fill("cum:0.004", "100", "0.004", "0.2")});
  EXPECT_TRUE(c.by_cumulative());
  EXPECT_FALSE(c.apply(make_fill("x1", "100", "0.01", "0.5")));
  EXPECT_EQ(c.counted(), dec("0.004"));
}

TEST(ClientOrderId, IsShortAndVenueValid) {
  EXPECT_EQ(make_client_order_id("sx1abcx1", 0, 1), "karb-sx1abcx1-0-1");
  EXPECT_TRUE(is_valid_client_order_id("karb-sx1abcx1-0-1"));
  EXPECT_FALSE(is_valid_client_order_id("karb-a b"));
  EXPECT_FALSE(is_valid_client_order_id(std::string(37, 'a')));
  EXPECT_TRUE(is_valid_client_order_id(std::string(36, 'a')));
  EXPECT_EQ(make_client_order_id(std::string(30, 't'), 0, 1), "");
  EXPECT_EQ(make_client_order_id("t/1", 0, 1), "");
}
