// Reconciliation decisions alone: a venue's listed orders against what the
// node stores and runs.

#include <gtest/gtest.h>

#include "actors/execution/reconcile_core.hpp"

using namespace karb;
using namespace karb::execution;

namespace {

constexpr const char* prefix = "karb-";

order venue_order(std::string cid, order_status st, const char* filled,
                   const char* amount = "0.01") {
  order o;
  o.id = "v-" + cid;
  o.client_order_id = std::move(cid);
  o.symbol = instrument{exchange::upbit, "BTC", "KRW", "KRW-BTC"};
  o.order_side = side::buy;
  o.amount = dec(amount);
  o.has_price = true;
  o.price = dec("100000000");
  o.filled = dec(filled);
  o.status = st;
  o.has_average_price = o.filled.is_positive();
  o.average_price = o.price;
  o.has_fee = true;
  o.fee = decimal::mul(decimal::mul(o.price, o.filled).value(), dec("0.0005"))
            .value();
  return o;
}

order_record stored(std::string cid, std::string trade, order_status st,
                    const char* filled) {
  order_record r;
  r.trade_id = std::move(trade);
  r.venue = "upbit";
  r.leg = 0;
  r.attempt = 1;
  r.role = "entry";
  r.request.client_order_id = cid;
  r.request.amount = dec("0.01");
  r.request.price = dec("100000000");
  r.request.symbol = instrument{exchange::upbit, "BTC", "KRW", "KRW-BTC"};
  r.state = venue_order(cid, st, filled); // with the fee of its fills
  return r;
}

/// One fill the store booked for an order at 100,000,000 KRW, fee 0.05 %.
fill booked(std::string cid, std::string id, const char* volume) {
  fill f;
  f.client_order_id = std::move(cid);
  f.trade_id = std::move(id);
  f.symbol = instrument{exchange::upbit, "BTC", "KRW", "KRW-BTC"};
  f.price = dec("100000000");
  f.volume = dec(volume);
  f.fee = decimal::mul(decimal::mul(f.price, f.volume).value(), dec("0.0005"))
            .value();
  f.fee_currency = "KRW";
  return f;
}

} // namespace

TEST(reconcile_core, ClientIdsSplitIntoTradeLegAndAttempt) {
  auto p = parse_client_order_id("karb-1a2bx7-1-3", prefix);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->trade_id, "1a2bx7");
  EXPECT_EQ(p->leg, 1);
  EXPECT_EQ(p->attempt, 3);
  EXPECT_FALSE(parse_client_order_id("other-T1-0-1", prefix));
  EXPECT_FALSE(parse_client_order_id("karb-T1-0", prefix));
  EXPECT_FALSE(parse_client_order_id("karb--0-1", prefix));
  EXPECT_FALSE(parse_client_order_id("karb-T1-x-1", prefix));
}

TEST(reconcile_core, AStaleViewIsNotNews) {
  auto filled = venue_order("karb-T1-0-1", order_status::filled, "0.01");
  auto partial = venue_order("karb-T1-0-1", order_status::open, "0.004");
  auto open = venue_order("karb-T1-0-1", order_status::open, "0");
  auto cancelled = venue_order("karb-T1-0-1", order_status::cancelled, "0");
  // The node holds it filled; the venue's list still says partial: stale.
  EXPECT_FALSE(venue_ahead(filled, partial));
  EXPECT_TRUE(venue_ahead(partial, filled));
  // Cancelled here, open there, same fills: the list is behind.
  EXPECT_FALSE(venue_ahead(cancelled, open));
  EXPECT_TRUE(venue_ahead(open, cancelled));
  // Failed here (taken as never placed), yet the venue has it.
  auto failed = open;
  failed.status = order_status::failed;
  EXPECT_TRUE(venue_ahead(failed, open));
  EXPECT_TRUE(venue_ahead(failed, cancelled));
  // Unknown here, found open there.
  auto unknown = open;
  unknown.status = order_status::unknown;
  EXPECT_TRUE(venue_ahead(unknown, open));
  EXPECT_FALSE(venue_ahead(open, open));
  // Open with fills is a partial fill; complete is filled.
  EXPECT_EQ(venue_status_of(partial), order_status::partially_filled);
  auto done = venue_order("x", order_status::cancelled, "0.01");
  EXPECT_EQ(venue_status_of(done), order_status::filled);
}

TEST(reconcile_core, AFailedOrderTheVenueFilledIsAdoptedWithItsFills) {
  node_orders node;
  node.stored["karb-T1-0-1"] = stored("karb-T1-0-1", "T1",
                                      order_status::failed, "0");
  auto v = venue_order("karb-T1-0-1", order_status::filled, "0.01");
  auto out = reconcile("upbit", {v}, node, prefix);
  ASSERT_EQ(out.size(), 1u);
  const auto& a = out[0];
  EXPECT_EQ(a.kind, reconcile_kind::adopt);
  EXPECT_EQ(a.was, "failed");
  EXPECT_EQ(a.record.trade_id, "T1");
  EXPECT_EQ(a.record.state.status, order_status::filled);
  EXPECT_EQ(a.record.state.filled, dec("0.01"));
  EXPECT_EQ(a.record.state.remaining, dec("0"));
  // 0.01 BTC at 100,000,000 KRW: 1,000,000 KRW, fee 0.05 %: 500 KRW.
  ASSERT_TRUE(a.catch_up);
  EXPECT_EQ(a.catch_up->volume, dec("0.01"));
  EXPECT_EQ(a.catch_up->price, dec("100000000"));
  EXPECT_EQ(a.catch_up->fee, dec("500"));
  EXPECT_EQ(a.catch_up->client_order_id, "karb-T1-0-1");
  EXPECT_EQ(a.catch_up->trade_id, "cum:0.01");
}

TEST(reconcile_core, OnlyTheFillsBeyondTheNodesCountAreBooked) {
  node_orders node;
  node.stored["karb-T1-0-1"] = stored("karb-T1-0-1", "T1",
                                      order_status::cancelled, "0.004");
  node.booked["karb-T1-0-1"] = {booked("karb-T1-0-1", "x1", "0.004")};
  // The node saw 0.004 filled, then cancelled; the venue filled 0.006 more
  // before the cancel took.
  auto v = venue_order("karb-T1-0-1", order_status::cancelled, "0.01");
  auto out = reconcile("upbit", {v}, node, prefix);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, reconcile_kind::adopt);
  ASSERT_TRUE(out[0].catch_up);
  EXPECT_EQ(out[0].catch_up->volume, dec("0.006"));
  // 1,000,000 - 400,000 KRW over 0.006 BTC.
  EXPECT_EQ(out[0].catch_up->price, dec("100000000"));
  // 500 - 200 KRW of fee.
  EXPECT_EQ(out[0].catch_up->fee, dec("300"));
  EXPECT_EQ(out[0].record.state.status, order_status::filled);
}

TEST(reconcile_core, TheCatchUpCountsTheBookedFillsNotTheRecordsFilled) {
  // A lookup's cumulative view put 0.004 in the record, but none of it
  // was booked as a fill: the catch-up books all 0.01, or the fills stay
  // short of what the order filled.
  node_orders node;
  node.stored["karb-T1-0-1"] = stored("karb-T1-0-1", "T1",
                                      order_status::cancelled, "0.004");
  auto v = venue_order("karb-T1-0-1", order_status::cancelled, "0.01");
  auto out = reconcile("upbit", {v}, node, prefix);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].catch_up);
  EXPECT_EQ(out[0].catch_up->volume, dec("0.01"));
  EXPECT_EQ(out[0].catch_up->fee, dec("500"));
  // Booked by a gap fill already: only what is beyond it.
  node.booked["karb-T1-0-1"] = {booked("karb-T1-0-1", "cum:0.004", "0.004")};
  out = reconcile("upbit", {v}, node, prefix);
  ASSERT_EQ(out.size(), 1u);
  ASSERT_TRUE(out[0].catch_up);
  EXPECT_EQ(out[0].catch_up->volume, dec("0.006"));
  EXPECT_EQ(out[0].catch_up->trade_id, "cum:0.01");
}

TEST(reconcile_core, ALiveOrderTakesTheViewAndALiveTradeTheCorrectedRecord) {
  node_orders node;
  node.stored["karb-T1-0-1"] = stored("karb-T1-0-1", "T1",
                                      order_status::unknown, "0");
  node.stored["karb-T1-1-1"] = stored("karb-T1-1-1", "T1",
                                      order_status::failed, "0");
  node.live_orders = {"karb-T1-0-1"};
  node.live_trades = {"T1"};
  auto out = reconcile(
    "upbit",
    {venue_order("karb-T1-0-1", order_status::open, "0"),
     venue_order("karb-T1-1-1", order_status::filled, "0.01")},
    node, prefix);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, reconcile_kind::route);
  EXPECT_EQ(out[1].kind, reconcile_kind::report);
  EXPECT_EQ(out[1].record.state.status, order_status::filled);
}

TEST(reconcile_core, AnOrderBeingResumedIsLeftToItsOwnLookup) {
  node_orders node;
  node.stored["karb-T1-0-1"] = stored("karb-T1-0-1", "T1",
                                      order_status::unknown, "0");
  node.live_trades = {"T1"}; // its order actor has not registered yet
  auto out = reconcile(
    "upbit", {venue_order("karb-T1-0-1", order_status::filled, "0.01")},
    node, prefix);
  EXPECT_TRUE(out.empty());
}

TEST(reconcile_core, AnOrderWithOurPrefixTheStoreLacksIsAGhost) {
  node_orders node;
  auto v = venue_order("karb-T9-1-2", order_status::open, "0.002");
  v.order_side = side::sell;
  auto out = reconcile("bithumb", {v, v}, node, prefix); // listed twice
  ASSERT_EQ(out.size(), 1u);
  const auto& a = out[0];
  EXPECT_EQ(a.kind, reconcile_kind::ghost);
  EXPECT_EQ(a.record.trade_id, "T9");
  EXPECT_EQ(a.record.venue, "bithumb");
  EXPECT_EQ(a.record.leg, 1);
  EXPECT_EQ(a.record.attempt, 2);
  EXPECT_EQ(a.record.role, "unwind");
  EXPECT_EQ(a.record.request.order_side, side::sell);
  EXPECT_EQ(a.record.request.amount, dec("0.01"));
  EXPECT_EQ(a.record.state.status, order_status::partially_filled);
  ASSERT_TRUE(a.catch_up);
  EXPECT_EQ(a.catch_up->volume, dec("0.002"));
  EXPECT_EQ(a.catch_up->order_side, side::sell);
  // Unless an actor of ours is placing it right now.
  node.live_orders = {"karb-T9-1-2"};
  EXPECT_TRUE(reconcile("bithumb", {v}, node, prefix).empty());
}

TEST(reconcile_core, OrdersWithoutOurPrefixAreForeignAndNeverAdopted) {
  node_orders node;
  auto out = reconcile(
    "upbit",
    {venue_order("manual-1", order_status::open, "0"),
     venue_order("", order_status::filled, "0.01")},
    node, prefix);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, reconcile_kind::foreign);
  EXPECT_EQ(out[1].kind, reconcile_kind::foreign);
  EXPECT_TRUE(out[0].record.trade_id.empty());
}

TEST(reconcile_core, AnOrderTheNodeAlreadyKnowsAsTheVenueDoesIsLeftAlone) {
  node_orders node;
  node.stored["karb-T1-0-1"] = stored("karb-T1-0-1", "T1",
                                      order_status::filled, "0.01");
  EXPECT_TRUE(reconcile("upbit",
                        {venue_order("karb-T1-0-1", order_status::filled,
                                     "0.01")},
                        node, prefix)
                .empty());
}
