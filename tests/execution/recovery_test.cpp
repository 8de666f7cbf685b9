// Restart: the store holds a trade whose second leg was stored and maybe
// sent when the node died. The new node looks it up by client id, never
// places it again, and finishes or unwinds the trade.

#include <gtest/gtest.h>

#include "tests/execution/exec_fixture.hpp"

using namespace karb;
using namespace karb::test;
using namespace std::chrono_literals;

namespace {

struct recovery_test : exec_fixture {
  order_record leg(int n, order_status s) {
    order_record r;
    r.trade_id = "T9";
    r.venue = n == 0 ? "upbit" : "bithumb";
    r.leg = n;
    r.attempt = 1;
    r.role = "entry";
    auto& q = r.request;
    q.client_order_id = "karb-T9-" + std::to_string(n) + "-1";
    q.trade_id = "T9";
    q.symbol = btc(n == 0 ? exchange::upbit : exchange::bithumb);
    q.order_side = n == 0 ? side::buy : side::sell;
    q.amount = dec("0.01");
    q.price = dec(n == 0 ? "100000000" : "100500000");
    r.state.client_order_id = q.client_order_id;
    r.state.symbol = q.symbol;
    r.state.amount = q.amount;
    r.state.status = s;
    return r;
  }

  /// What the previous run left: leg 0 filled, leg 1 stored and submitted.
  void crash_with(const std::string& trade_state) {
    auto store = db();
    trade_record t;
    t.trade_id = "T9";
    t.base = "BTC";
    t.quote = "KRW";
    t.strategy_id = "spread";
    t.state = trade_state;
    ASSERT_TRUE(store.put_trade(t));
    auto l0 = leg(0, order_status::pending);
    ASSERT_TRUE(store.put_order(l0));
    l0.state.status = order_status::filled;
    l0.state.filled = dec("0.01");
    l0.state.average_price = dec("100000000");
    l0.state.fee = dec("500");
    ASSERT_TRUE(store.put_order(l0));
    auto l1 = leg(1, order_status::pending);
    ASSERT_TRUE(store.put_order(l1));
    l1.state.status = order_status::submitted;
    ASSERT_TRUE(store.put_order(l1));
  }
};

} // namespace

TEST_F(recovery_test, LooksUpTheStoredLegAndFinishesTheTrade) {
  crash_with("legs_submitted");
  bt->fill_order(leg(1, order_status::submitted).request); // it did arrive
  start();
  EXPECT_EQ(bt->lookups, 1);
  EXPECT_EQ(bt->places, 0);
  EXPECT_EQ(up->places, 0);
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].trade_id, "T9");
  EXPECT_EQ(probe->reports[0].outcome, "completed");
  EXPECT_EQ(probe->reports[0].pnl_krw, dec("3997.5"));
  auto store = db();
  EXPECT_EQ(store.transitions("karb-T9-1-1"),
            (std::vector<std::string>{"pending", "submitted", "unknown",
                                      "filled"}));
  EXPECT_TRUE(store.load_open().trades.empty());
}

TEST_F(recovery_test, UnwindsAnExposedTradeWhoseLegNeverArrived) {
  crash_with("exposed");
  start();
  EXPECT_EQ(bt->lookups, 1);
  EXPECT_TRUE(probe->reports.empty()); // not found yet: within the grace
  for (int i = 0; i < 5; ++i)
    advance(1s);
  EXPECT_EQ(bt->places, 0);             // the stored leg is never re-placed
  ASSERT_EQ(up->placed.size(), 1u);     // the unwind, under a new id
  EXPECT_EQ(up->placed[0].client_order_id, "karb-T9-0-2");
  EXPECT_EQ(up->placed[0].order_side, side::sell);
  EXPECT_EQ(up->placed[0].price, dec("99800000"));
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "unwound");
  EXPECT_EQ(probe->reports[0].pnl_krw, dec("-2999"));
  auto store = db();
  EXPECT_EQ(store.order("karb-T9-1-1").state.status, order_status::failed);
  EXPECT_TRUE(store.load_open().trades.empty());
}

TEST_F(recovery_test, AFillBookedBeforeTheRestartIsNotBookedAgain) {
  // The previous run booked x1 (0.004) of leg 1 and died; the lookup lists
  // x1 again beside x2 (the 0.006 that followed).
  crash_with("legs_submitted");
  auto l1 = leg(1, order_status::partially_filled);
  l1.state.filled = dec("0.004");
  const auto& cid = l1.request.client_order_id;
  bt->fill_order(l1.request);
  auto x1 = bt->fills[cid].front();
  x1.trade_id = "x1";
  x1.volume = dec("0.004");
  x1.fee = dec("201");
  auto x2 = x1;
  x2.trade_id = "x2";
  x2.volume = dec("0.006");
  x2.fee = dec("301.5");
  bt->fills[cid] = {x1, x2};
  {
    auto store = db();
    ASSERT_TRUE(store.put_order(l1));
    ASSERT_TRUE(store.put_fill(x1));
  }
  start();
  EXPECT_EQ(bt->places, 0);
  auto rec = db().order(cid);
  EXPECT_EQ(rec.state.status, order_status::filled);
  EXPECT_EQ(rec.state.filled, dec("0.01"));
  EXPECT_EQ(rec.state.fee, dec("502.5"));
  EXPECT_EQ(db().fills(cid).size(), 2u);
  // This run's portfolio starts from balances that hold x1 already.
  EXPECT_EQ(snapshot().exposure["BTC"], dec("-0.006"));
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "completed");
  EXPECT_EQ(probe->reports[0].pnl_krw, dec("3997.5"));
}

TEST_F(recovery_test, NothingOpenMeansNothingToDo) {
  start();
  EXPECT_EQ(up->lookups + bt->lookups + up->places + bt->places, 0);
  EXPECT_TRUE(probe->reports.empty());
}

// Killed after the journal took both intents and the orders left, before
// the store wrote anything: the journal alone brings the trade back, and
// both legs are looked up, never placed again.
TEST_F(recovery_test, AnIntentOnlyInTheJournalIsLookedUpNeverPlacedAgain) {
  journaled = true;
  {
    std::string error;
    auto j = store::intent_journal::open(journal_path(), false, error);
    ASSERT_TRUE(j) << error;
    trade_record t;
    t.trade_id = "T9";
    t.base = "BTC";
    t.quote = "KRW";
    t.strategy_id = "spread";
    t.state = "legs_submitted";
    ASSERT_TRUE(j->append(t));
    ASSERT_TRUE(j->append(leg(0, order_status::pending)));
    ASSERT_TRUE(j->append(leg(1, order_status::pending)));
  }
  EXPECT_TRUE(db().load_open().orders.empty()); // the store has nothing
  up->fill_order(leg(0, order_status::pending).request);
  bt->fill_order(leg(1, order_status::pending).request);
  start();
  EXPECT_EQ(up->lookups, 1);
  EXPECT_EQ(bt->lookups, 1);
  EXPECT_EQ(up->places + bt->places, 0);
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].trade_id, "T9");
  EXPECT_EQ(probe->reports[0].outcome, "completed");
  EXPECT_EQ(probe->reports[0].strategy_id, "spread");
  EXPECT_TRUE(db().load_open().trades.empty());
}
