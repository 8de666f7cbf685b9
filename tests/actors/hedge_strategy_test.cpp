// The derivatives strategy actor on the test coordinator: an entry goes to
// risk once (no second attempt while one is out), the trade's report opens
// the hedge, converged books send its exit, a funding flip exits a funding
// hedge, and a payment the venue booked is credited to the hedge (it turns
// its PnL into a take-profit).

#include "actors/strategy/hedge_strategy.hpp"

#include <memory>

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "actors/metrics/registry.hpp"
#include "tests/actors/strategy_fixtures.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace karb::strategy;
using namespace std::chrono_literals;
using karb::test::levels;

namespace {

struct risk_calls {
  std::vector<arbitrage_opportunity> checks;
  bool start = true; ///< answer each check with a started trade
};

risk_actor::behavior_type starting_risk(risk_actor::pointer self,
                                        std::shared_ptr<risk_calls> c) {
  return {
    [](const position_book&) {},
    [](const funding_payment&) {},
    [](atom::emergency, const std::string&) -> caf::result<flatten_report> {
      return caf::make_error(caf::sec::unexpected_message, "fake");
    },
    [=](atom::check, const arbitrage_opportunity& o) {
      c->checks.push_back(o);
      return risk_verdict{};
    },
    [=](atom::check, const arbitrage_opportunity& o, const execution_actor&,
        const attempt_listener_actor& from) {
      c->checks.push_back(o);
      if (c->start)
        self->send(from, attempt_outcome{o.id, true, "execution",
                                         "T" + std::to_string(c->checks.size()),
                                         o.max_position_size, ""});
    },
    [](const trade_report&) {},
    [](const std::vector<balance>&) {},
    [](atom::halt, const std::string&) {},
    [](atom::resume) {},
    [](atom::status) { return risk_status{}; },
    [](atom::put, const config::risk_settings&) {},
  };
}

instrument on(exchange venue, const char* symbol, contract_type c) {
  return {venue, "BTC", "USDT", symbol, c};
}

book_view view(const instrument& x, const char* bid, const char* ask) {
  book_view v;
  v.book.symbol = x;
  v.book.bids = levels({{bid, "5"}});
  v.book.asks = levels({{ask, "5"}});
  v.healthy = true;
  return v;
}

trade_report filled(const std::string& id, const char* buy_notional,
                    const char* sell_notional, const char* pnl) {
  trade_report r;
  r.trade_id = id;
  r.outcome = "completed";
  r.bought = dec("0.1");
  r.sold = dec("0.1");
  r.buy_notional = dec(buy_notional);
  r.sell_notional = dec(sell_notional);
  r.pnl_krw = dec(pnl);
  return r;
}

struct hedge_strategy_test : test::actor_fixture {
  std::shared_ptr<risk_calls> c = std::make_shared<risk_calls>();
  std::vector<caf::actor> spawned;
  const instrument spot = on(exchange::okx_spot, "BTC-USDT",
                             contract_type::spot);
  const instrument perp = on(exchange::okx_swap, "BTC-USDT-SWAP",
                             contract_type::perpetual);

  ~hedge_strategy_test() override {
    for (auto& a : spawned)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    run();
  }

  hedge_strategy_actor start(const std::string& type) {
    hedge_setup s;
    s.settings.id = "h1";
    s.settings.type = type;
    s.settings.symbols = {"BTC"};
    s.settings.max_size = dec("0.1");
    s.settings.entry_threshold = dec("0.002");
    s.settings.exit_threshold = dec("0.0005");
    s.settings.min_annual_edge = dec("0.2");
    s.settings.funding_horizon_periods = 3;
    s.settings.take_profit = dec("0.002");
    s.params = hedge_params_of(s.settings);
    s.legs = {{exchange::okx_spot, spot, {}, dec("0.0005")},
              {exchange::okx_swap, perp, {}, dec("0.0005")}};
    auto risk = sys.spawn(starting_risk, c);
    spawned.push_back(caf::actor_cast<caf::actor>(risk));
    s.risk = risk;
    s.cooldown = 1s;
    auto h = spawn_hedge_strategy(sys, s);
    spawned.push_back(caf::actor_cast<caf::actor>(h));
    run();
    return h;
  }

  void feed(const hedge_strategy_actor& h, const book_view& v) {
    auto rh = self->request(h, caf::infinite, v);
    run();
    rh.receive([](atom::ok) {},
               [&](caf::error& e) { FAIL() << sys.render(e); });
  }

  void rates(const hedge_strategy_actor& h, const char* r) {
    funding_rate f;
    f.venue = exchange::okx_swap;
    f.symbol = "BTC-USDT-SWAP";
    f.rate = dec(r);
    f.funding_interval_s = 8 * 3600;
    caf::anon_send(h, std::vector<funding_rate>{f});
    run();
  }
};

} // namespace

TEST_F(hedge_strategy_test, EntersOnceOpensOnTheReportAndExitsWhenConverged) {
  auto h = start("spot_perp_basis");
  feed(h, view(spot, "99990", "100000"));
  feed(h, view(perp, "100500", "100510")); // basis 0.005
  EXPECT_NEAR(metrics::global()
                .get_gauge("karb_hedge_basis", "",
                           {{"strategy", "h1"}, {"kind", "spot_perp_basis"}})
                .value(),
              0.005, 1e-12);
  ASSERT_EQ(c->checks.size(), 1u);
  const auto& in = c->checks[0];
  EXPECT_EQ(in.type, arbitrage_type::spot_futures);
  EXPECT_EQ(in.exchanges[0], "okx_swap");
  EXPECT_EQ(in.entry_signals[0].signal_type, "entry");
  EXPECT_EQ(in.entry_signals[1].symbol, spot);
  // Entering: no second entry, even after the cooldown (max_open 1).
  advance(1s);
  feed(h, view(perp, "100600", "100610"));
  EXPECT_EQ(c->checks.size(), 1u);
  caf::anon_send(h, filled("T1", "10000", "10050", "40"));
  run();
  // The perp comes back to the spot: converged, exit the hedge.
  feed(h, view(perp, "100000", "100010"));
  ASSERT_EQ(c->checks.size(), 2u);
  const auto& out = c->checks[1];
  EXPECT_EQ(out.entry_signals[0].signal_type, "exit");
  EXPECT_EQ(out.entry_signals[0].symbol, spot);   // sells the spot held
  EXPECT_EQ(out.entry_signals[1].symbol, perp);   // buys the perp back
  EXPECT_EQ(out.metadata.at("hedge"), "T1");
  EXPECT_EQ(out.metadata.at("reason"), "converged");
  // The exit trade closes it: nothing more to exit.
  caf::anon_send(h, filled("T2", "10001", "9999", "-12"));
  run();
  advance(1s);
  feed(h, view(perp, "100000", "100010"));
  EXPECT_EQ(c->checks.size(), 2u);
}

TEST_F(hedge_strategy_test, AFundingHedgeEntersOnRatesAndExitsOnAFlip) {
  auto h = start("funding_rate");
  feed(h, view(spot, "99990", "100000"));
  feed(h, view(perp, "100000", "100010"));
  EXPECT_TRUE(c->checks.empty()); // no rate known: no carry
  rates(h, "0.001");
  feed(h, view(perp, "100000", "100010"));
  ASSERT_EQ(c->checks.size(), 1u);
  EXPECT_EQ(c->checks[0].type, arbitrage_type::funding_rate);
  caf::anon_send(h, filled("T1", "10000", "10000", "-10"));
  run();
  advance(1s);
  rates(h, "-0.0002");
  feed(h, view(perp, "100000", "100010"));
  ASSERT_EQ(c->checks.size(), 2u);
  EXPECT_EQ(c->checks[1].metadata.at("reason"), "funding_flip");
}

TEST_F(hedge_strategy_test, ABookedPaymentIsCreditedToTheHedge) {
  auto h = start("funding_rate");
  rates(h, "0.001");
  feed(h, view(spot, "99990", "100000"));
  feed(h, view(perp, "100000", "100010"));
  ASSERT_EQ(c->checks.size(), 1u);
  caf::anon_send(h, filled("T1", "10000", "10000", "-10"));
  run();
  advance(1s);
  // Closing now would make -22 (entry -10, exit -12): under the 20 target.
  feed(h, view(perp, "100000", "100010"));
  EXPECT_EQ(c->checks.size(), 1u);
  funding_payment p;
  p.venue = exchange::okx_swap;
  p.symbol = "BTC-USDT-SWAP";
  p.currency = "USDT";
  p.amount = dec("60");
  caf::anon_send(h, p);
  run();
  feed(h, view(perp, "100000", "100010"));
  ASSERT_EQ(c->checks.size(), 2u);
  EXPECT_EQ(c->checks[1].metadata.at("reason"), "take_profit");
}
