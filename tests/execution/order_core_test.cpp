// What a venue's answers mean for an order, and when to ask again: the
// order core alone, no actor.

#include <gtest/gtest.h>

#include "actors/execution/order_core.hpp"

using namespace karb;
using namespace karb::execution;
using namespace std::chrono_literals;

namespace {

using s = order_status;
using e = order_event;

constexpr int64_t sec = 1'000'000'000;

} // namespace

TEST(order_core, OnlyTheVenuesRefusalRejectsAPlace) {
  EXPECT_EQ(place_event(ack_kind::accepted), e::ack_accepted);
  EXPECT_EQ(place_event(ack_kind::rejected), e::ack_rejected);
  EXPECT_EQ(place_event(ack_kind::not_sent), e::ack_not_sent);
  // Written without a usable answer (a 502 page, a reset, a timeout).
  EXPECT_EQ(place_event(ack_kind::maybe_sent), e::ack_maybe_sent);
  // "No such order" is no answer to a place: it stays open.
  EXPECT_EQ(place_event(ack_kind::not_found), e::ack_maybe_sent);
  // And the table sends a maybe-sent place to unknown, not to rejected.
  EXPECT_EQ(next_status(s::submitted, place_event(ack_kind::maybe_sent)),
            s::unknown);
}

TEST(order_core, ALookupCountsOnlyTheVenuesViewOrItsDocumentedNotFound) {
  EXPECT_EQ(read_lookup(ack_kind::accepted), lookup_answer::found);
  EXPECT_EQ(read_lookup(ack_kind::not_found), lookup_answer::absent);
  EXPECT_EQ(read_lookup(ack_kind::not_sent), lookup_answer::inconclusive);
  EXPECT_EQ(read_lookup(ack_kind::maybe_sent), lookup_answer::inconclusive);
  EXPECT_EQ(read_lookup(ack_kind::rejected), lookup_answer::inconclusive);
}

TEST(order_core, ACancelWithoutAnAnswerIsSentAgainAndARefusalLooksTheOrderUp) {
  EXPECT_EQ(read_cancel(ack_kind::accepted), cancel_answer::confirmed);
  EXPECT_EQ(read_cancel(ack_kind::not_found), cancel_answer::settle);
  EXPECT_EQ(read_cancel(ack_kind::rejected), cancel_answer::settle);
  EXPECT_EQ(read_cancel(ack_kind::maybe_sent), cancel_answer::retry);
  EXPECT_EQ(read_cancel(ack_kind::not_sent), cancel_answer::retry);
}

TEST(order_core, AVenueViewBecomesTheEventItStandsFor) {
  // A complete fill is a fill whatever state the view names.
  EXPECT_EQ(view_event(s::open, s::cancelled, true, true, true),
            e::venue_filled);
  // Open with something filled is a partial fill.
  EXPECT_EQ(view_event(s::open, s::open, false, true, true), e::venue_partial);
  // The same partial fill again, with no new fill, moves nothing.
  EXPECT_EQ(view_event(s::partially_filled, s::open, false, true, false),
            std::nullopt);
  EXPECT_EQ(view_event(s::partially_filled, s::open, false, true, true),
            e::venue_partial);
  // An unknown order found resting.
  EXPECT_EQ(view_event(s::unknown, s::open, false, false, false),
            e::venue_open);
  // A terminal order is not moved by a late view (refused edge).
  EXPECT_EQ(view_event(s::filled, s::open, false, false, false), std::nullopt);
  // A view naming no venue state (pending) moves nothing.
  EXPECT_EQ(view_event(s::unknown, s::pending, false, false, false),
            std::nullopt);
}

TEST(order_core, UnknownOpenAndPartialOrdersCanBeCancelled) {
  EXPECT_TRUE(cancellable(s::open));
  EXPECT_TRUE(cancellable(s::partially_filled));
  EXPECT_TRUE(cancellable(s::unknown));
  EXPECT_FALSE(cancellable(s::submitted)); // wait for the place reply
  EXPECT_FALSE(cancellable(s::filled));
  EXPECT_FALSE(cancellable(s::cancelled));
}

TEST(order_core, RetryDelayDoublesUpToTheCap) {
  EXPECT_EQ(retry_delay(0, 1s, 10s), 1s);
  EXPECT_EQ(retry_delay(1, 1s, 10s), 1s);
  EXPECT_EQ(retry_delay(2, 1s, 10s), 2s);
  EXPECT_EQ(retry_delay(3, 1s, 10s), 4s);
  EXPECT_EQ(retry_delay(4, 1s, 10s), 8s);
  EXPECT_EQ(retry_delay(5, 1s, 10s), 10s);
  EXPECT_EQ(retry_delay(60, 1s, 10s), 10s); // no overflow
}

TEST(order_core, ARetryTimerKeepsOneInFlightAndBacksOff) {
  retry_timer t{1s, 10s};
  EXPECT_TRUE(t.due(0));
  t.sent();
  EXPECT_FALSE(t.due(100 * sec)); // one at a time
  t.failed(0);                    // 1st failure: 1 s
  EXPECT_FALSE(t.due(sec - 1));
  EXPECT_TRUE(t.due(sec));
  t.sent();
  t.failed(sec); // 2nd: 2 s
  EXPECT_FALSE(t.due(3 * sec - 1));
  EXPECT_TRUE(t.due(3 * sec));
  EXPECT_EQ(t.failures(), 2);
  t.sent();
  t.answered(3 * sec, 5s); // an answer resets the backoff
  EXPECT_EQ(t.failures(), 0);
  EXPECT_FALSE(t.due(8 * sec - 1));
  EXPECT_TRUE(t.due(8 * sec));
  t.hurry();
  EXPECT_TRUE(t.due(0));
}

TEST(order_core, NotFoundCountsOnlyPastTheWindowAndAbsentFromTheLists) {
  absence_check a{5s};
  EXPECT_FALSE(a.started());
  EXPECT_EQ(a.on_absent(10 * sec), absence_check::step::wait);
  EXPECT_TRUE(a.started());
  EXPECT_EQ(a.on_absent(14 * sec), absence_check::step::wait);
  EXPECT_EQ(a.on_absent(15 * sec), absence_check::step::list);
  // The lists hold it: adopt that view, the window starts over.
  EXPECT_EQ(a.on_listed(true), absence_check::step::wait);
  EXPECT_FALSE(a.started());
  EXPECT_EQ(a.on_absent(20 * sec), absence_check::step::wait);
  EXPECT_EQ(a.on_absent(25 * sec), absence_check::step::list);
  EXPECT_EQ(a.on_listed(false), absence_check::step::fail);
}

TEST(order_core, TheVenueKnowingTheOrderRestartsTheWindow) {
  absence_check a{5s};
  EXPECT_EQ(a.on_absent(0), absence_check::step::wait);
  a.reset(); // a view arrived (stream or lookup)
  EXPECT_EQ(a.on_absent(6 * sec), absence_check::step::wait);
  EXPECT_EQ(a.on_absent(11 * sec), absence_check::step::list);
}

TEST(order_core, AViewAheadOfTheFillsIsBookedAsOneCatchUpFill) {
  order_request req;
  req.client_order_id = "karb-T1-0-1";
  req.symbol = instrument{exchange::upbit, "BTC", "KRW", "KRW-BTC"};
  req.order_side = side::buy;
  req.amount = dec("0.01");
  req.price = dec("100000000");
  fill_book book{req.amount};
  fill f;
  f.trade_id = "t1";
  f.symbol = req.symbol;
  f.price = dec("99000000");
  f.volume = dec("0.004");
  f.fee = dec("198");
  f.fee_currency = "KRW";
  ASSERT_TRUE(book.apply(f));
  EXPECT_FALSE(catch_up_fill(book, req, "v-1")); // the fills cover it
  // The venue says: all 0.01 filled at 99,500,000 on average, fee 497.5.
  book.apply_venue(dec("0.01"), dec("99500000"), dec("497.5"));
  auto c = catch_up_fill(book, req, "v-1");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->volume, dec("0.006"));
  // 995,000 - 396,000 KRW over 0.006 BTC.
  EXPECT_EQ(c->price, dec("99833333.33333333"));
  EXPECT_EQ(c->fee, dec("299.5"));
  EXPECT_EQ(c->trade_id, "cum:0.01");
  EXPECT_EQ(c->client_order_id, "karb-T1-0-1");
  ASSERT_TRUE(book.apply(*c));
  EXPECT_EQ(book.counted(), dec("0.01"));
  EXPECT_FALSE(catch_up_fill(book, req, "v-1"));
}
