// What the operator asks of execution: the running trades and live orders,
// cancelling one live order by its client order id, and cancelling every
// live order without opening or closing a position (the trades stop, so
// none re-prices or unwinds what was cancelled).

#include <gtest/gtest.h>

#include "tests/execution/exec_fixture.hpp"

using namespace karb;
using namespace karb::test;
using namespace std::chrono_literals;
using mode = fake_venue::mode;

namespace {

class operator_test : public exec_fixture {
protected:
  /// Both legs of T1 rest on the venues.
  void start_resting_trade() {
    start();
    up->on_place = bt->on_place = mode::rest;
    ASSERT_EQ(execute(), "T1");
  }

  std::pair<std::vector<trade_record>, std::vector<order>> live() {
    std::pair<std::vector<trade_record>, std::vector<order>> out;
    auto rh = self->request(exec, caf::infinite, atom::status_v);
    run();
    rh.receive(
      [&](const std::vector<trade_record>& ts, const std::vector<order>& os) {
        out = {ts, os};
      },
      [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return out;
  }

  /// The reply to `cancel ID`: empty when accepted, else the error's text.
  std::string cancel(const std::string& id) {
    std::string out = "no reply";
    auto rh = self->request(exec, caf::infinite, atom::cancel_v, id);
    run();
    rh.receive([&](atom::ok) { out.clear(); },
               [&](caf::error& e) {
                 out = e.context().match_elements<std::string>()
                         ? e.context().get_as<std::string>(0)
                         : sys.render(e);
               });
    return out;
  }
};

} // namespace

TEST_F(operator_test, StatusListsTheRunningTradeAndItsLiveOrders) {
  start_resting_trade();
  auto [trades, orders] = live();
  ASSERT_EQ(trades.size(), 1u);
  EXPECT_EQ(trades[0].trade_id, "T1");
  ASSERT_EQ(orders.size(), 2u);
  EXPECT_EQ(orders[0].client_order_id, "karb-T1-0-1");
  EXPECT_EQ(orders[0].symbol.venue, exchange::upbit);
  EXPECT_EQ(orders[0].status, order_status::open);
  EXPECT_EQ(orders[1].client_order_id, "karb-T1-1-1");
}

TEST_F(operator_test, CancelGoesToThatOrderOnItsVenueOnly) {
  start_resting_trade();
  EXPECT_EQ(cancel("karb-T1-0-1"), "");
  run();
  EXPECT_EQ(up->cancels, 1);
  EXPECT_EQ(bt->cancels, 0);
  EXPECT_EQ(up->known["karb-T1-0-1"].status, order_status::cancelled);
}

TEST_F(operator_test, CancelOfAnUnknownOrderIsAClearError) {
  start_resting_trade();
  EXPECT_EQ(cancel("karb-T9-0-1"), "no live order 'karb-T9-0-1'");
  EXPECT_EQ(up->cancels + bt->cancels, 0);
}

TEST_F(operator_test, CancelAllCancelsEveryLiveOrderAndPlacesNoOther) {
  start_resting_trade();
  int64_t orders = -1;
  int64_t trades = -1;
  auto rh = self->request(exec, caf::infinite, atom::cancel_v);
  run();
  rh.receive(
    [&](int64_t o, int64_t t) {
      orders = o;
      trades = t;
    },
    [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
  EXPECT_EQ(orders, 2);
  EXPECT_EQ(trades, 1);
  EXPECT_EQ(up->cancels, 1);
  EXPECT_EQ(bt->cancels, 1);
  // Long past the order timeout and every re-price or unwind delay: the
  // stopped trade sends nothing more.
  for (int i = 0; i < 60; ++i)
    advance(1s);
  EXPECT_EQ(up->places, 1);
  EXPECT_EQ(bt->places, 1);
  auto [left_trades, left_orders] = live();
  EXPECT_TRUE(left_trades.empty());
  EXPECT_TRUE(left_orders.empty());
}
