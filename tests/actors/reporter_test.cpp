// The demo's reporter: the exit summary and the status line take positions
// from balances the portfolio refreshed from the venues after the last
// fill, not from a snapshot taken before the last trade settled (the
// summary once printed `net position BTC 0.00602561, KRW -290135` for a
// run whose trades were all complete and whose venues were flat).

#include "actors/app/reporter.hpp"

#include <memory>
#include <string>

#include <caf/all.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace std::chrono_literals;

namespace {

/// What the fake portfolio was asked, and whether it answers refreshes.
struct portfolio_calls {
  int gets = 0;
  int refreshes = 0;
  bool answer_refresh = true;
};

struct fake_portfolio_state {
  caf::typed_response_promise<portfolio_snapshot> held;
  static inline const char* name = "fake_portfolio";
};

portfolio_snapshot with_exposure(const char* btc, const char* krw) {
  portfolio_snapshot s;
  s.exposure = {{"BTC", dec(btc)}, {"KRW", dec(krw)}};
  return s;
}

/// `get` answers the snapshot from before the last trade settled;
/// `refresh` the one the venues report now (flat).
portfolio_actor::behavior_type
fake_portfolio(portfolio_actor::stateful_pointer<fake_portfolio_state> self,
               std::shared_ptr<portfolio_calls> calls) {
  return {
    [](const funding_payment&) {},
    [](const fill&) {},
    [](const trade_report&) {},
    [=](atom::get) {
      ++calls->gets;
      return with_exposure("0.00602561", "-290135");
    },
    [=](atom::refresh) -> caf::result<portfolio_snapshot> {
      ++calls->refreshes;
      if (calls->answer_refresh)
        return with_exposure("0", "1200");
      self->state.held = self->make_response_promise<portfolio_snapshot>();
      return self->state.held; // never delivered: the venues are silent
    },
    [](atom::tick) {},
  };
}

struct reporter_test : test::actor_fixture {
  std::shared_ptr<portfolio_calls> calls
    = std::make_shared<portfolio_calls>();
  std::shared_ptr<app::trading_handles> handles
    = std::make_shared<app::trading_handles>();
  portfolio_actor port = sys.spawn(fake_portfolio, calls);

  reporter_actor start(caf::timespan interval = 1h) {
    handles->portfolio = port;
    app::reporter_setup rs{handles};
    rs.interval = interval;
    auto r = sys.spawn(app::reporter, rs);
    run();
    return r;
  }

  nlohmann::json summary(const reporter_actor& r, caf::timespan wait = 0s) {
    auto rh = self->request(r, caf::infinite, atom::get_v);
    run();
    if (wait > 0s)
      advance(wait);
    nlohmann::json out;
    rh.receive([&](const std::string& s) { out = nlohmann::json::parse(s); },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    return out;
  }

  std::string status_line(const reporter_actor& r) {
    return caf::actor_cast<
             reporter_actor::stateful_pointer<app::reporter_state>>(r)
      ->state.status;
  }

  ~reporter_test() override {
    caf::anon_send_exit(port, caf::exit_reason::user_shutdown);
  }
};

event filled() {
  return make_event(event_type::order_filled, "execution",
                    R"({"client_order_id":"c-1","status":"filled"})");
}

} // namespace

TEST_F(reporter_test, SummaryTakesPositionsFromBalancesRefreshedAtTheEnd) {
  auto r = start();
  auto s = summary(r);
  EXPECT_EQ(calls->refreshes, 1);
  EXPECT_EQ(s["net_position"]["BTC"], "0");
  EXPECT_EQ(s["net_position"]["KRW"], "1200");
  EXPECT_EQ(s["balances_refreshed"], true);
  caf::anon_send_exit(r, caf::exit_reason::user_shutdown);
}

TEST_F(reporter_test, SummaryWithSilentVenuesSaysItsBalancesAreNotRefreshed) {
  calls->answer_refresh = false;
  auto r = start();
  auto s = summary(r, 3s); // the refresh deadline
  EXPECT_EQ(calls->refreshes, 1);
  EXPECT_EQ(s["balances_refreshed"], false);
  caf::anon_send_exit(r, caf::exit_reason::user_shutdown);
}

TEST_F(reporter_test, StatusLineRefreshesBalancesOnlyAfterAFill) {
  auto r = start(2s);
  advance(2s);
  EXPECT_EQ(calls->gets, 1); // nothing traded: the portfolio's own view
  EXPECT_EQ(calls->refreshes, 0);
  caf::anon_send(r, filled());
  run();
  advance(2s);
  EXPECT_EQ(calls->refreshes, 1);
  auto line = nlohmann::json::parse(status_line(r));
  EXPECT_EQ(line["net_position"]["BTC"], "0");
  advance(2s); // no fill since: no new refresh
  EXPECT_EQ(calls->refreshes, 1);
  EXPECT_EQ(calls->gets, 2);
  caf::anon_send_exit(r, caf::exit_reason::user_shutdown);
}

TEST_F(reporter_test, SummaryGivesTradesAndPnlPerStrategyTypeAndFunding) {
  handles->portfolio = port;
  app::reporter_setup rs{handles};
  rs.interval = 1h;
  rs.strategy_types = {{"btc-basis", "spot_perp_basis"},
                       {"btc-spread", "spread_arbitrage"}};
  auto r = sys.spawn(app::reporter, rs);
  run();
  auto closed = [](const char* strategy, const char* pnl) {
    return make_event(event_type::position_closed, "execution",
                      std::string{R"({"trade_id":"t","outcome":"completed",)"}
                        + R"("quote":"USDT","strategy_id":")" + strategy
                        + R"(","pnl_krw":")" + pnl + R"(","fees_krw":"1"})");
  };
  caf::anon_send(r, closed("btc-basis", "12.5"));
  caf::anon_send(r, closed("btc-basis", "-2"));
  caf::anon_send(r, closed("btc-spread", "3"));
  caf::anon_send(r, closed("liquidation_guard", "-1"));
  caf::anon_send(r, make_event(event_type::funding_settlement, "funding",
                               R"({"currency":"USDT","amount":"0.75"})"));
  caf::anon_send(r, make_event(event_type::funding_settlement, "funding",
                               R"({"currency":"USDT","amount":"-0.25"})"));
  // A position event without an outcome is not a trade.
  caf::anon_send(r, make_event(event_type::position_closed, "positions",
                               R"({"venue":"okx_swap","symbol":"X"})"));
  run();
  auto s = summary(r);
  EXPECT_EQ(s["trades"], 4);
  EXPECT_EQ(s["strategies"]["spot_perp_basis"]["trades"], 2);
  EXPECT_EQ(s["strategies"]["spot_perp_basis"]["pnl"]["USDT"], "10.5");
  EXPECT_EQ(s["strategies"]["spread_arbitrage"]["trades"], 1);
  EXPECT_EQ(s["strategies"]["liquidation_guard"]["pnl"]["USDT"], "-1");
  EXPECT_EQ(s["funding_pnl"]["USDT"], "0.5");
  caf::anon_send_exit(r, caf::exit_reason::user_shutdown);
}
