// Wiring: execution subscribes itself to every venue's private order
// updates, and the portfolio refreshes balances on its timer and forwards
// them to risk.

#include <gtest/gtest.h>

#include "tests/execution/exec_fixture.hpp"

using namespace karb;
using namespace karb::test;
using namespace std::chrono_literals;

namespace {

struct venue_probe {
  std::vector<order_listener_actor> listeners;
};

venue_actor::behavior_type fake_venue_actor(venue_actor::pointer,
                                            std::shared_ptr<venue_probe> p,
                                            venue_rest_actor rest) {
  return {
    [=](atom::rest) { return rest; },
    [=](atom::subscribe, const instrument&, const book_actor&) {},
    [=](atom::subscribe, const order_listener_actor& l) {
      p->listeners.push_back(l);
    },
    [=](atom::resync, const instrument&) {},
    [=](atom::status) { return venue_status{}; },
    [=](atom::positions) -> caf::result<std::vector<position>> {
      return caf::make_error(caf::sec::unexpected_message, "no positions");
    },
    [=](atom::settle, int64_t) -> caf::result<std::vector<funding_payment>> {
      return caf::make_error(caf::sec::unexpected_message, "no funding payments");
    },
    [=](atom::funding) {
      return caf::make_result(std::vector<funding_rate>{},
                              std::vector<mark_price>{});
    },
    [=](atom::instruments) { return std::vector<instrument_spec>{}; },
  };
}

using wiring_test = exec_fixture;

} // namespace

TEST_F(wiring_test, ExecutionListensToEveryVenuesPrivateStream) {
  auto probe_up = std::make_shared<venue_probe>();
  auto venue = sys.spawn(fake_venue_actor, probe_up,
                         venue_rest_actor{up_rest});
  store::store_setup ss;
  ss.path = tmp.path();
  store = store::spawn_store(sys, ss);
  execution::execution_setup es;
  es.rest = {{"upbit", venue_rest_actor{up_rest}},
             {"bithumb", venue_rest_actor{bt_rest}}};
  es.venues = {{"upbit", venue}};
  es.risk = risk;
  es.store = store;
  es.id_prefix = "W";
  exec = execution::spawn_execution(sys, es);
  run();
  ASSERT_EQ(probe_up->listeners.size(), 1u);
  // An update sent to the registered listener reaches the order actor.
  up->on_place = fake_venue::mode::rest;
  auto rh = self->request(exec, caf::infinite, atom::execute_v, opportunity(),
                          risk_verdict{true, dec("0.01"), {}, {}});
  run();
  rh.receive([](const std::string&) {},
             [&](caf::error& e) { FAIL() << sys.render(e); });
  order view;
  view.client_order_id = "karb-W1-0-1";
  view.status = order_status::filled;
  view.filled = dec("0.01");
  view.average_price = dec("100000000");
  view.fee = dec("500");
  caf::anon_send(probe_up->listeners[0], order_update{view, {}, "stream", 0});
  run();
  ASSERT_EQ(probe->reports.size(), 1u);
  EXPECT_EQ(probe->reports[0].outcome, "completed");
  EXPECT_EQ(probe->reports[0].pnl_krw, dec("3997.5"));
  caf::anon_send_exit(venue, caf::exit_reason::user_shutdown);
}

TEST_F(wiring_test, PortfolioRefreshesBalancesOnItsTimerAndTellsRisk) {
  start();
  EXPECT_EQ(up->balance_calls, 1);
  EXPECT_EQ(bt->balance_calls, 1);
  ASSERT_EQ(probe->balances.size(), 2u);
  EXPECT_EQ(snapshot().balances.size(), 4u);
  advance(1h);
  EXPECT_EQ(up->balance_calls, 2);
  EXPECT_EQ(probe->balances.size(), 4u);
  EXPECT_EQ(db().count("balances"), 8);
}
