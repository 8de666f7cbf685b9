// Execution end to end on the test coordinator with scripted venues: both
// legs in flight together, maybe-sent legs found by lookup and never placed
// again, re-price then unwind to flat, stream routing with duplicate fills.

#include <gtest/gtest.h>

#include "actors/metrics/registry.hpp"

#include "tests/execution/exec_fixture.hpp"

using namespace karb;
using namespace karb::test;
using namespace std::chrono_literals;
using mode = fake_venue::mode;

namespace {

using execution_test = exec_fixture;

std::vector<std::string> ids(const std::vector<order_request>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs)
    out.push_back(r.client_order_id);
  return out;
}

} // namespace

TEST_F(execution_test, SendsBothLegsAtOnceAfterStoringTheirIntents) {
  start();
  up->hold = bt->hold = true;
  // At the moment a place request reaches a venue, its intent is on disk.
  int stored_before_place = 0;
  auto check = [&](const order_request& r) {
    auto rec = db().order(r.client_order_id);
    if (rec.trade_id == r.trade_id && rec.request.amount == r.amount)
      ++stored_before_place;
  };
  up->observe = bt->observe = check;
  auto id = execute();
  EXPECT_EQ(id, "T1");
  // Both requests are in flight; neither venue has answered yet.
  EXPECT_EQ(up->places, 1);
  EXPECT_EQ(bt->places, 1);
  EXPECT_EQ(up->held.size(), 1u);
  EXPECT_EQ(bt->held.size(), 1u);
  EXPECT_EQ(stored_before_place, 2);
  EXPECT_EQ(up->placed[0].client_order_id, "karb-T1-0-1");
  EXPECT_EQ(up->placed[0].order_side, side::buy);
  EXPECT_EQ(up->placed[0].amount, dec("0.01"));
  EXPECT_EQ(bt->placed[0].client_order_id, "karb-T1-1-1");
  EXPECT_EQ(bt->placed[0].order_side, side::sell);
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::submitted);
  EXPECT_TRUE(probe->reports.empty());
  release();
  ASSERT_EQ(probe->reports.size(), 1u);
  const auto& rep = probe->reports[0];
  EXPECT_EQ(rep.trade_id, "T1");
  EXPECT_EQ(rep.outcome, "completed");
  EXPECT_EQ(rep.symbol, "BTC");
  EXPECT_EQ(rep.strategy_id, "spread");
  EXPECT_EQ(rep.pnl_krw, dec("3997.5"));
  EXPECT_EQ(rep.fees_krw, dec("1002.5"));
  auto store = db();
  EXPECT_EQ(store.transitions("karb-T1-0-1"),
            (std::vector<std::string>{"pending", "submitted", "open",
                                      "filled"}));
  EXPECT_EQ(store.fills("karb-T1-1-1").size(), 1u);
  EXPECT_TRUE(store.load_open().trades.empty());
  EXPECT_EQ(store.count("audit"), 4); // submit, place, place, balanced
  EXPECT_EQ(snapshot().realised_pnl_krw, dec("3997.5"));
}

// With the journal (as the node runs) a leg leaves as soon as its intent
// is journaled; the store gets the same record right after.
TEST_F(execution_test, AJournaledIntentLeavesWithoutWaitingForTheStore) {
  journaled = true;
  start();
  up->hold = bt->hold = true;
  int journaled_before_place = 0;
  auto check = [&](const order_request& r) {
    std::string error;
    auto set = store::intent_journal::read(journal_path(), error);
    for (const auto& o : set.orders)
      if (o.request.client_order_id == r.client_order_id
          && o.request.amount == r.amount)
        ++journaled_before_place;
  };
  up->observe = bt->observe = check;
  EXPECT_EQ(execute(), "T1");
  EXPECT_EQ(up->places, 1);
  EXPECT_EQ(bt->places, 1);
  EXPECT_EQ(journaled_before_place, 2);
  EXPECT_EQ(db().order("karb-T1-0-1").trade_id, "T1"); // and in the store
  release();
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "completed");
  EXPECT_EQ(db().transitions("karb-T1-1-1"),
            (std::vector<std::string>{"pending", "submitted", "open",
                                      "filled"}));
}

namespace {

/// The named latency histogram (labels rendered, e.g. `{hop="x"}`).
metrics::histogram latency_of(const std::string& name,
                              const std::string& labels = "") {
  for (auto& x : metrics::global().latencies())
    if (x.name == name && x.labels == labels)
      return x.values;
  return {};
}

} // namespace

// Each entry order records tick-to-order, the same without the wait in
// the venue's rate limiter, and every hop of its trail.
TEST_F(execution_test, EntryOrdersRecordTickToOrderAndEachHop) {
  start();
  const int64_t wait = 987'654'321; // beyond any real wait: it is the max
  auto stamp = [&](fake_venue& v) {
    return [&v, wait](const order_request& r) {
      v.ack_taken_ns = r.trail.order + 1000;
      v.ack_dispatched_ns = v.ack_taken_ns + wait;
      v.ack_sent_ns = v.ack_dispatched_ns + 2000;
    };
  };
  up->observe = stamp(*up);
  bt->observe = stamp(*bt);
  auto t2o = latency_of("karb_latency_tick_to_order_seconds").count();
  auto own = latency_of("karb_latency_tick_to_order_unthrottled_seconds");
  auto waited = latency_of("karb_latency_hop_seconds",
                           "{hop=\"rate_limit_wait\"}");
  auto wire = latency_of("karb_latency_hop_seconds",
                         "{hop=\"venue_to_wire\"}").count();
  auto opp = opportunity();
  opp.ts_tick_ns = 1;
  self->request(exec, caf::infinite, atom::execute_v, opp,
                risk_verdict{true, dec("0.01"), {}, {}, 0});
  run();
  ASSERT_EQ(up->places + bt->places, 2);
  EXPECT_EQ(latency_of("karb_latency_tick_to_order_seconds").count(),
            t2o + 2);
  auto own_after
    = latency_of("karb_latency_tick_to_order_unthrottled_seconds");
  EXPECT_EQ(own_after.count(), own.count() + 2);
  // Without the wait: the order stamp + 3000 ns - the tick (1 ns).
  auto order_ns = up->placed[0].trail.order;
  EXPECT_GE(own_after.max(), static_cast<uint64_t>(order_ns + 2999));
  EXPECT_LT(own_after.max(), static_cast<uint64_t>(wait));
  auto waited_after = latency_of("karb_latency_hop_seconds",
                                 "{hop=\"rate_limit_wait\"}");
  EXPECT_EQ(waited_after.count(), waited.count() + 2);
  EXPECT_EQ(waited_after.max(), static_cast<uint64_t>(wait));
  EXPECT_EQ(latency_of("karb_latency_hop_seconds",
                       "{hop=\"venue_to_wire\"}").count(),
            wire + 2);
}

TEST_F(execution_test, FindsAMaybeSentLegByLookupAndNeverPlacesItAgain) {
  start();
  up->on_place = mode::maybe_sent_filled;
  execute(); // a maybe-sent place is looked up by client id at once
  EXPECT_EQ(up->lookups, 1);
  EXPECT_EQ(up->places, 1);
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "completed");
  EXPECT_EQ(db().transitions("karb-T1-0-1"),
            (std::vector<std::string>{"pending", "submitted", "unknown",
                                      "filled"}));
}

TEST_F(execution_test, FailsALostLegAfterTheGraceAndRepricesUnderANewId) {
  start();
  up->next_modes = {mode::maybe_sent_lost};
  execute();
  for (int i = 0; i < 4; ++i)
    advance(1s);
  EXPECT_EQ(up->places, 1); // still unknown, only looked up
  EXPECT_GE(up->lookups, 3);
  EXPECT_TRUE(probe->reports.empty());
  advance(1s); // 5 s: the grace is over
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "completed");
  EXPECT_EQ(ids(up->placed),
            (std::vector<std::string>{"karb-T1-0-1", "karb-T1-0-2"}));
  EXPECT_EQ(up->placed[1].price, dec("100200000"));
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::failed);
}

TEST_F(execution_test, RepricesARejectedLegThenUnwindsToFlat) {
  start();
  bt->on_place = mode::reject;
  execute();
  EXPECT_EQ(ids(bt->placed),
            (std::vector<std::string>{"karb-T1-1-1", "karb-T1-1-2"}));
  EXPECT_EQ(bt->placed[1].price, dec("100299000"));
  EXPECT_EQ(ids(up->placed),
            (std::vector<std::string>{"karb-T1-0-1", "karb-T1-0-2"}));
  EXPECT_EQ(up->placed[1].order_side, side::sell);
  EXPECT_EQ(up->placed[1].price, dec("99800000"));
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "unwound");
  EXPECT_EQ(probe->reports[0].pnl_krw, dec("-2999"));
  EXPECT_EQ(probe->reports[0].fees_krw, dec("999"));
  auto snap = snapshot();
  EXPECT_EQ(snap.realised_pnl_krw, dec("-2999"));
  EXPECT_EQ(snap.exposure["BTC"], dec("0"));
  EXPECT_EQ(snap.exposure["KRW"], dec("-2999"));
  auto store = db();
  EXPECT_EQ(store.count("trades"), 1);
  EXPECT_TRUE(store.load_open().trades.empty());
}

TEST_F(execution_test, RoutesStreamUpdatesAndCountsADuplicateFillOnce) {
  start();
  up->on_place = mode::rest;
  execute();
  auto open = open_orders();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].client_order_id, "karb-T1-0-1");
  EXPECT_EQ(open[0].status, order_status::open);
  fill f1;
  f1.client_order_id = "karb-T1-0-1";
  f1.trade_id = "x1";
  f1.symbol = btc(exchange::upbit);
  f1.order_side = side::buy;
  f1.price = dec("100000000");
  f1.volume = dec("0.004");
  f1.fee = dec("200");
  f1.fee_currency = "KRW";
  order view = open[0];
  view.status = order_status::partially_filled;
  caf::anon_send(exec, order_update{view, {f1}, "stream", 0});
  caf::anon_send(exec, order_update{view, {f1}, "poll", 0});
  run();
  auto f2 = f1;
  f2.trade_id = "x2";
  f2.volume = dec("0.006");
  f2.fee = dec("300");
  view.status = order_status::filled;
  caf::anon_send(exec, order_update{view, {f1, f2}, "stream", 0});
  run();
  auto rec = db().order("karb-T1-0-1");
  EXPECT_EQ(rec.state.status, order_status::filled);
  EXPECT_EQ(rec.state.filled, dec("0.01"));
  EXPECT_EQ(rec.state.fee, dec("500"));
  EXPECT_EQ(db().fills("karb-T1-0-1").size(), 2u);
  EXPECT_EQ(db().transitions("karb-T1-0-1"),
            (std::vector<std::string>{"pending", "submitted", "open",
                                      "partially_filled", "filled"}));
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].pnl_krw, dec("3997.5"));
  EXPECT_TRUE(open_orders().empty());
}

TEST_F(execution_test, CancelsARestingLegAtTheOrderTimeoutThenReprices) {
  start();
  up->next_modes = {mode::rest};
  execute();
  EXPECT_TRUE(probe->reports.empty());
  for (int i = 0; i < 6; ++i)
    advance(500ms); // 3 s: order_timeout_ms
  EXPECT_EQ(up->cancels, 1);
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "completed");
  EXPECT_EQ(ids(up->placed),
            (std::vector<std::string>{"karb-T1-0-1", "karb-T1-0-2"}));
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::cancelled);
}

TEST_F(execution_test, AStuckTradeUnwindsAgainAfterItsBackOffAndReportsOnce) {
  start();
  bt->on_place = mode::reject; // the sell leg and its re-price
  // The buy leg fills; its three unwinds are refused (as under a 429).
  up->next_modes = {mode::fill, mode::reject, mode::reject, mode::reject};
  execute();
  EXPECT_EQ(up->places, 4);
  EXPECT_TRUE(probe->reports.empty()) << "stuck is not over: no report";
  EXPECT_EQ(db().load_open().trades.size(), 1u);
  for (int i = 0; i < 59; ++i)
    advance(500ms); // 29.5 s
  EXPECT_EQ(up->places, 4);
  advance(500ms); // 30 s: one more unwind, which fills (on_place: fill)
  ASSERT_EQ(up->places, 5);
  EXPECT_EQ(up->placed[4].client_order_id, "karb-T1-0-5");
  EXPECT_EQ(up->placed[4].order_side, side::sell);
  EXPECT_EQ(up->placed[4].price, dec("99800000")); // one band away again
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "unwound");
  EXPECT_TRUE(db().load_open().trades.empty());
  EXPECT_EQ(snapshot().exposure["BTC"], dec("0"));
}
