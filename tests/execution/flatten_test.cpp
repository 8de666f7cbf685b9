// Closing perpetual positions from execution, on the test coordinator: a
// close request becomes a stored one-leg trade with a reduce-only market
// order; the emergency flatten cancels every live order, closes every
// position the venues report and replies what remains, within its wait.

#include <gtest/gtest.h>

#include "tests/execution/exec_fixture.hpp"

using namespace karb;
using namespace karb::test;
using namespace std::chrono_literals;

namespace {

struct positions_probe {
  std::vector<position> open;
  int asked = 0;
};

venue_actor::behavior_type perp_venue(venue_actor::pointer,
                                      std::shared_ptr<positions_probe> p,
                                      venue_rest_actor rest) {
  return {
    [=](atom::rest) { return rest; },
    [=](atom::subscribe, const instrument&, const book_actor&) {},
    [=](atom::subscribe, const order_listener_actor&) {},
    [=](atom::resync, const instrument&) {},
    [=](atom::status) { return venue_status{}; },
    [=](atom::positions) {
      ++p->asked;
      return p->open;
    },
    [=](atom::settle, int64_t) -> caf::result<std::vector<funding_payment>> {
      return std::vector<funding_payment>{};
    },
    [=](atom::funding) {
      return caf::make_result(std::vector<funding_rate>{},
                              std::vector<mark_price>{});
    },
    [=](atom::instruments) { return std::vector<instrument_spec>{}; },
  };
}

instrument perp() {
  return {exchange::upbit, "BTC", "KRW", "KRW-BTC", contract_type::perpetual};
}

position long_btc(const char* amount) {
  position p;
  p.symbol = perp();
  p.position_side = side::buy;
  p.amount = dec(amount);
  p.mark_price = dec("100000000");
  return p;
}

class flatten_test : public exec_fixture {
protected:
  void start_with_venue() {
    venue = sys.spawn(perp_venue, probe_pos, venue_rest_actor{up_rest});
    store::store_setup ss;
    ss.path = tmp.path();
    store = store::spawn_store(sys, ss);
    execution::execution_setup es;
    es.rest = {{"upbit", venue_rest_actor{up_rest}},
               {"bithumb", venue_rest_actor{bt_rest}}};
    es.venues = {{"upbit", venue}};
    es.risk = risk;
    es.store = store;
    es.id_prefix = "F";
    es.recover = false;
    exec = execution::spawn_execution(sys, es);
    run();
  }

  /// Flattens; the close trades end within one check (500 ms).
  flatten_report flatten() {
    flatten_report out;
    auto rh = self->request(exec, caf::infinite, atom::flatten_v,
                            std::string{"test stop"});
    run();
    advance(500ms);
    rh.receive(
      [&](const flatten_report& r) {
        out = r;
        done = true;
      },
      [&](caf::error& e) { FAIL() << sys.render(e); });
    return out;
  }

  ~flatten_test() override {
    if (venue)
      caf::anon_send_exit(venue, caf::exit_reason::user_shutdown);
  }

  bool done = false;
  std::shared_ptr<positions_probe> probe_pos
    = std::make_shared<positions_probe>();
  venue_actor venue;
};

} // namespace

TEST_F(flatten_test, ACloseRequestPlacesAStoredReduceOnlyMarketOrder) {
  start_with_venue();
  close_request r;
  r.symbol = perp();
  r.order_side = side::sell;
  r.amount = dec("0.3");
  r.reason = "liquidation_guard";
  caf::anon_send(exec, atom::close_v, r);
  run();
  ASSERT_EQ(up->placed.size(), 1u);
  const auto& o = up->placed[0];
  EXPECT_EQ(o.order_side, side::sell);
  EXPECT_EQ(o.amount, dec("0.3"));
  EXPECT_EQ(o.type, order_type::market);
  EXPECT_TRUE(o.reduce_only);
  EXPECT_EQ(db().count("orders"), 1);
  auto stored = db().order(o.client_order_id);
  EXPECT_TRUE(stored.request.reduce_only);
  EXPECT_EQ(stored.request.type, order_type::market);
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "completed");
  EXPECT_EQ(probe->reports[0].sold, dec("0.3"));
}

TEST_F(flatten_test, CancelsLiveOrdersClosesPositionsAndReportsNothingLeft) {
  start_with_venue();
  // Two resting legs of a running trade.
  up->on_place = fake_venue::mode::rest;
  bt->on_place = fake_venue::mode::rest;
  auto rh = self->request(exec, caf::infinite, atom::execute_v, opportunity(),
                          risk_verdict{true, dec("0.01"), {}, {}});
  run();
  rh.receive([](const std::string&) {},
             [&](caf::error& e) { FAIL() << sys.render(e); });
  ASSERT_EQ(up->placed.size(), 1u);
  // One long position; the venue fills the close and reports it gone.
  probe_pos->open = {long_btc("0.25")};
  up->on_place = fake_venue::mode::fill;
  up->observe = [p = probe_pos](const order_request& r) {
    if (r.reduce_only)
      p->open.clear();
  };
  auto report = flatten();
  ASSERT_TRUE(done);
  EXPECT_EQ(report.reason, "test stop");
  EXPECT_EQ(report.orders_cancelled, 2);
  EXPECT_EQ(report.positions_closed, 1);
  EXPECT_TRUE(report.remaining.empty()) << report.remaining.front();
  EXPECT_EQ(up->cancels, 1);
  EXPECT_EQ(bt->cancels, 1);
  ASSERT_EQ(up->placed.size(), 2u);
  EXPECT_TRUE(up->placed[1].reduce_only);
  EXPECT_EQ(up->placed[1].order_side, side::sell);
  EXPECT_EQ(up->placed[1].amount, dec("0.25"));
  EXPECT_EQ(probe_pos->asked, 2); // to close, then to verify
  EXPECT_TRUE(open_orders().empty());
}

TEST_F(flatten_test, APositionTheVenueWillNotCloseIsReportedAfterTheWait) {
  start_with_venue();
  probe_pos->open = {long_btc("0.25")};
  up->on_place = fake_venue::mode::reject;
  auto rh = self->request(exec, caf::infinite, atom::flatten_v,
                          std::string{"test stop"});
  run();
  // The close is re-priced and refused each time; the report waits for
  // flatten_wait (15 s), checking every 500 ms.
  for (int i = 0; i < 31; ++i)
    advance(500ms);
  flatten_report out;
  rh.receive([&](const flatten_report& r) { out = r; },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  EXPECT_EQ(out.positions_closed, 1);
  ASSERT_EQ(out.remaining.size(), 1u);
  EXPECT_EQ(out.remaining[0], "upbit KRW-BTC long 0.25");
  EXPECT_GE(up->placed.size(), 2u); // the close and its re-prices
}
