// Orders under venue faults on the test coordinator: lookups and cancels
// without a usable answer are asked again with backoff, and a venue's "no
// such order" fails an unknown order only past the propagation window and
// when its open and recent orders do not hold it either.

#include <gtest/gtest.h>

#include "tests/execution/exec_fixture.hpp"

using namespace karb;
using namespace karb::test;
using namespace std::chrono_literals;
using mode = fake_venue::mode;

namespace {

using order_faults_test = exec_fixture;

/// Whether the monitored actor's DOWN has arrived.
bool went_down(caf::scoped_actor& self) {
  bool down = false;
  self->receive([&](const caf::down_msg&) { down = true; },
                caf::after(std::chrono::seconds(0)) >> [] {});
  return down;
}

/// A buy of 0.01 BTC under our prefix, trade G1.
order_request ghost_buy(const instrument& btc) {
  order_request r;
  r.client_order_id = "karb-G1-0-1";
  r.symbol = btc;
  r.order_side = side::buy;
  r.amount = dec("0.01");
  r.price = dec("100000000");
  return r;
}

} // namespace

TEST_F(order_faults_test, ALookupWithoutAnAnswerIsAskedAgainWithBackoff) {
  start();
  up->on_place = mode::maybe_sent_filled;
  up->failing_lookups = 2;
  execute(); // t=0: maybe sent, looked up at once: 502 (1st failure)
  EXPECT_EQ(up->lookups, 1);
  advance(1s); // t=1: due 1 s after the 1st failure: 502 again
  EXPECT_EQ(up->lookups, 2);
  advance(1s); // t=2: the 2nd failure waits 2 s
  EXPECT_EQ(up->lookups, 2);
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::unknown);
  advance(1s); // t=3: the venue answers: filled
  EXPECT_EQ(up->lookups, 3);
  EXPECT_EQ(up->places, 1); // never placed again
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "completed");
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::filled);
}

TEST_F(order_faults_test, AnOrderTheLookupDeniesButTheListsHoldIsAdopted) {
  start();
  up->on_place = mode::maybe_sent_filled;
  up->blind_lookups = true;
  execute();
  for (int i = 0; i < 4; ++i)
    advance(1s);
  EXPECT_EQ(up->list_calls, 0); // within the window: only lookups
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::unknown);
  advance(1s); // t=5: past the window, the lists are read
  EXPECT_GE(up->list_calls, 1);
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::filled);
  EXPECT_EQ(up->places, 1); // found, so nothing re-priced
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "completed");
}

TEST_F(order_faults_test, AnOrderAbsentFromLookupAndListsFailsAfterTheWindow) {
  start();
  up->next_modes = {mode::maybe_sent_lost};
  execute();
  for (int i = 0; i < 4; ++i)
    advance(1s);
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::unknown);
  advance(1s);
  EXPECT_EQ(up->list_calls, 2); // open and recent orders both read
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::failed);
  EXPECT_EQ(up->places, 2); // then, and only then, re-priced
}

TEST_F(order_faults_test, ACancelWithoutAnAnswerIsSentAgainUntilConfirmed) {
  start();
  up->next_modes = {mode::rest};
  up->failing_cancels = 2;
  execute();
  for (int i = 0; i < 6; ++i)
    advance(500ms); // t=3 s: the order timeout asks for the cancel: 503
  EXPECT_EQ(up->cancels, 1);
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::open);
  for (int i = 0; i < 6; ++i)
    advance(500ms); // t=4: 503 again; t=6: confirmed
  EXPECT_EQ(up->cancels, 3);
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::cancelled);
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "completed");
}

// The orderly stop (shutdown_wait 8 s): the trades in flight have the
// first 4 s to end on their own; then what still runs is stopped and its
// orders cancelled, until the wait ends.

TEST_F(order_faults_test, AnOrderlyStopLetsATradeInFlightEndOnItsOwn) {
  start();
  up->next_modes = {mode::rest}; // Upbit rests; Bithumb fills at once
  execute();
  self->monitor(exec);
  self->send_exit(exec, caf::exit_reason::user_shutdown);
  run();
  EXPECT_EQ(up->cancels, 0); // not cut: the trade may still end well
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::open);
  for (int i = 0; i < 7; ++i)
    advance(500ms); // t=3.5 s: past the order timeout, within the drain
  // The trade did what it does without a stop: cancelled its resting leg
  // and re-priced the missing buy, which filled; the node is flat.
  EXPECT_EQ(up->cancels, 1);
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::cancelled);
  ASSERT_EQ(up->placed.size(), 2u);
  EXPECT_EQ(up->placed[1].order_side, side::buy);
  EXPECT_EQ(db().order(up->placed[1].client_order_id).state.status,
            order_status::filled);
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "completed");
  // Nothing left: the actor quit without waiting for the drain's end.
  EXPECT_TRUE(went_down(self));
}

TEST_F(order_faults_test, ATradeThatOutlastsTheDrainIsStoppedAndItsOrderCancelled) {
  start();
  up->next_modes = {mode::rest};
  up->failing_cancels = 2; // the trade's own cancel (t=3 s, 4 s) gets none
  execute();
  self->monitor(exec);
  self->send_exit(exec, caf::exit_reason::user_shutdown);
  run();
  for (int i = 0; i < 7; ++i)
    advance(500ms); // t=3.5 s
  EXPECT_EQ(up->cancels, 1);
  EXPECT_FALSE(went_down(self));
  for (int i = 0; i < 6; ++i)
    advance(500ms); // t=6.5 s: the drain ended at 4 s; the cancel went
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::cancelled);
  EXPECT_EQ(up->places, 1); // stopped: no re-price after the drain
  EXPECT_TRUE(probe->reports.empty()); // resumed at the next start
  EXPECT_TRUE(went_down(self));
}

TEST_F(order_faults_test, AStopThatCannotCancelEndsAtItsWaitAndLeavesTheOrder) {
  start();
  up->next_modes = {mode::rest};
  up->failing_cancels = 1000;
  execute();
  self->monitor(exec);
  self->send_exit(exec, caf::exit_reason::user_shutdown);
  run();
  EXPECT_EQ(up->cancels, 0); // the drain first
  for (int i = 0; i < 7; ++i)
    advance(1s); // t=7 s: the trade's cancel, then the stop's, retried
  EXPECT_GT(up->cancels, 2);
  EXPECT_FALSE(went_down(self));
  advance(1s); // t=8 s: the wait is over
  EXPECT_TRUE(went_down(self));
  // Left as the venue has it: the next start looks it up.
  EXPECT_EQ(db().order("karb-T1-0-1").state.status, order_status::open);
}

TEST_F(order_faults_test, AGhostUnderOurPrefixIsAdoptedAtStartAndUnwound) {
  // The venue holds a filled buy under our prefix that the store never
  // saw (its intent was lost with the journal, say).
  up->fill_order(ghost_buy(btc(exchange::upbit)));
  reconciled = true;
  start(); // reconciles at start: the ghost is recorded, its trade resumed
  auto rec = db().order("karb-G1-0-1");
  EXPECT_EQ(rec.trade_id, "G1");
  EXPECT_EQ(rec.state.status, order_status::filled);
  EXPECT_EQ(rec.state.filled, dec("0.01"));
  ASSERT_EQ(db().fills("karb-G1-0-1").size(), 1u);
  // The resumed trade is long 0.01 BTC on Upbit: it sells it back there.
  ASSERT_EQ(up->placed.size(), 1u);
  EXPECT_EQ(up->placed[0].client_order_id, "karb-G1-0-2");
  EXPECT_EQ(up->placed[0].order_side, side::sell);
  EXPECT_EQ(up->placed[0].amount, dec("0.01"));
  EXPECT_EQ(bt->places, 0);
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "unwound");
  // A second reconciliation finds nothing new.
  auto before = up->placed.size();
  anon_send(exec, atom::reconnect_v, std::string{"upbit"});
  run();
  EXPECT_EQ(up->placed.size(), before);
  EXPECT_EQ(db().order("karb-G1-0-1").state.status, order_status::filled);
}

TEST_F(order_faults_test, AReconcileAskedForWhileOneRunsRunsOnceAfterIt) {
  // At a start the private stream's first connect can outrun the store's
  // recovery: the start's own run must still happen after the stream's.
  reconciled = true;
  start();
  auto calls = up->list_calls; // the start's run: open and recent orders
  EXPECT_EQ(calls, 2);
  anon_send(exec, atom::reconnect_v, std::string{"upbit"});
  anon_send(exec, atom::reconnect_v, std::string{"upbit"}); // while it runs
  anon_send(exec, atom::reconnect_v, std::string{"upbit"}); // the same
  run();
  EXPECT_EQ(up->list_calls, calls + 4); // two runs: not one, not three
  EXPECT_EQ(bt->list_calls, 2);         // only the venue asked for
}

TEST_F(order_faults_test, TwoViewsOfAnOrderNoActorRunsBookItsFillsOnce) {
  // The stream reports a ghost twice (part filled, then filled) before the
  // store has answered for the first: the second must read the rows the
  // first wrote, or the first 0.004 is booked twice.
  up->fill_order(ghost_buy(btc(exchange::upbit)));
  start();
  auto full = up->known["karb-G1-0-1"];
  auto part = full;
  part.filled = dec("0.004");
  part.remaining = dec("0.006");
  part.status = order_status::partially_filled;
  anon_send(exec, order_update{part, {}, "stream", 0});
  anon_send(exec, order_update{full, {}, "stream", 0});
  run();
  decimal booked;
  for (const auto& f : db().fills("karb-G1-0-1"))
    booked = decimal::add(booked, f.volume).value();
  EXPECT_EQ(booked.to_string(), "0.01");
  auto rec = db().order("karb-G1-0-1");
  EXPECT_EQ(rec.state.status, order_status::filled);
  EXPECT_EQ(rec.state.filled, dec("0.01"));
}
