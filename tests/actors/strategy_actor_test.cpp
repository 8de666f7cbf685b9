// The strategy actor on the test coordinator: views in, risk asked (and
// its approval passed straight to execution), one execution per approval, no second attempt while one is in flight,
// nothing from an unhealthy book, every view acked, events on the bus.

#include "actors/strategy/strategy.hpp"

#include <memory>

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "actors/bus/event_bus.hpp"
#include "tests/actors/strategy_fixtures.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace karb::strategy;
using namespace std::chrono_literals;
using karb::test::make_view;

namespace {

struct calls {
  std::vector<arbitrage_opportunity> checks;
  std::vector<std::pair<arbitrage_opportunity, risk_verdict>> executes;
  std::vector<book_listener_actor> subscribers;
  std::vector<trade_report> reports;
  risk_verdict verdict{true, dec("0.1"), "", "approved"};
  bool execution_refuses = false;
  bool risk_silent = false; ///< risk never answers the attempt
};

risk_actor::behavior_type fake_risk(risk_actor::pointer self,
                                    std::shared_ptr<calls> c) {
  return {
    [](const position_book&) {},
    [](const funding_payment&) {},
    [](atom::emergency, const std::string&) -> caf::result<flatten_report> {
      return caf::make_error(caf::sec::unexpected_message, "fake");
    },
    [=](atom::check, const arbitrage_opportunity& o) {
      c->checks.push_back(o);
      return c->verdict;
    },
    [=](atom::check, const arbitrage_opportunity& o,
        const execution_actor& exec, const attempt_listener_actor& from) {
      c->checks.push_back(o);
      if (c->risk_silent)
        return;
      if (c->verdict.approved)
        self->send(exec, atom::execute_v, o, c->verdict, from);
      else
        self->send(from, attempt_outcome{o.id, false, "risk", "", {},
                                         c->verdict.reason});
    },
    [=](const trade_report& r) { c->reports.push_back(r); },
    [](const std::vector<balance>&) {},
    [](atom::halt, const std::string&) {},
    [](atom::resume) {},
    [](atom::status) { return risk_status{}; },
    [](atom::put, const config::risk_settings&) {},
  };
}

execution_actor::behavior_type fake_execution(execution_actor::pointer self,
                                              std::shared_ptr<calls> c) {
  return {
    [](atom::close, const close_request&) {},
    [](atom::flatten, int64_t) {},
    [](atom::flatten, const std::string&) -> caf::result<flatten_report> {
      return caf::make_error(caf::sec::unexpected_message, "fake");
    },
    [=](atom::execute, const arbitrage_opportunity& o,
        const risk_verdict& v) -> caf::result<std::string> {
      c->executes.emplace_back(o, v);
      if (c->execution_refuses)
        return caf::make_error(caf::sec::runtime_error, "no venue");
      return "trade-" + std::to_string(c->executes.size());
    },
    [=](atom::execute, const arbitrage_opportunity& o, const risk_verdict& v,
        const attempt_listener_actor& from) {
      c->executes.emplace_back(o, v);
      attempt_outcome out{o.id, !c->execution_refuses, "execution", "", v.size,
                          ""};
      if (out.started)
        out.trade_id = "trade-" + std::to_string(c->executes.size());
      else
        out.reason = "no venue";
      self->send(from, out);
    },
    [](const order_update&) {},
    [](atom::reconnect, const std::string&) {},
    [](atom::tick) {},
    [](atom::open_orders) { return std::vector<order>{}; },
    [](atom::status) {
      return caf::make_result(std::vector<trade_record>{},
                              std::vector<order>{});
    },
    [](atom::cancel, const std::string&) { return atom::ok_v; },
    [](atom::cancel) { return caf::make_result(int64_t{0}, int64_t{0}); },
    [](atom::subscribe, const std::string&, const order_actor&) {},
    [](caf::timeout_atom) {},
  };
}

book_actor::behavior_type fake_book(std::shared_ptr<calls> c) {
  return {
    [](const order_book&) {},
    [](atom::ws_data) {},
    [](atom::get) { return book_view{}; },
    [=](atom::subscribe, const book_listener_actor& l) {
      c->subscribers.push_back(l);
    },
    [](atom::subscribe, const book_listener_actor&, caf::timespan) {},
    [](atom::publish) {},
    [](atom::unsubscribe, const book_listener_actor&) {},
    [](const book_delta&) {},
    [](atom::stats) { return book_stats{}; },
    [](atom::tick) {},
  };
}

const test::level_list deep_bids = {{"101000000", "0.1"},
                                    {"100800000", "0.2"},
                                    {"100000000", "1"}};
const test::level_list deep_asks = {{"100000000", "0.15"},
                                    {"100200000", "0.3"}};

struct strategy_actor_test : test::actor_fixture {
  std::shared_ptr<calls> c = std::make_shared<calls>();
  event_bus_actor bus = sys.spawn(event_bus, size_t{100});
  std::vector<caf::actor> spawned; // stopped at the end (cooldown timers)
  int oks = 0;

  ~strategy_actor_test() override {
    spawned.push_back(caf::actor_cast<caf::actor>(bus));
    for (auto& a : spawned)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    run();
  }

  template <class Handle>
  Handle keep(Handle h) {
    spawned.push_back(caf::actor_cast<caf::actor>(h));
    return h;
  }

  strategy_actor start(strategy_setup st) {
    return keep(spawn_strategy(sys, std::move(st)));
  }

  // Upbit's bids over Bithumb's asks: sell upbit, buy bithumb.
  book_view upbit(bool healthy = true) {
    return make_view(exchange::upbit, deep_bids, {{"101500000", "1"}}, 700,
                     healthy);
  }
  book_view bithumb() {
    return make_view(exchange::bithumb, {{"99000000", "1"}}, deep_asks, 900);
  }

  strategy_setup setup(book_actor a = {}, book_actor b = {}) {
    strategy_setup s;
    s.settings.id = "s1";
    s.settings.type = "spread_arbitrage";
    s.settings.venues = {"upbit", "bithumb"};
    s.settings.symbols = {"BTC"};
    s.settings.min_profit_rate = dec("0.005");
    s.legs = {{exchange::upbit, {}, a, dec("0.0005")},
              {exchange::bithumb, {}, b, dec("0.0005")}};
    s.risk = keep(sys.spawn(fake_risk, c));
    s.execution = keep(sys.spawn(fake_execution, c));
    s.bus = bus;
    s.cooldown = 1s;
    s.validity_ns = 10'000'000'000;
    return s;
  }

  void feed(const strategy_actor& s, const book_view& v) {
    auto rh = self->request(s, caf::infinite, v);
    run();
    rh.receive([&](atom::ok) { ++oks; },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    run();
  }

  std::vector<event> events() {
    std::vector<event> out;
    auto rh = self->request(bus, caf::infinite, atom::recent_v, int32_t{100});
    run();
    rh.receive([&](std::vector<event>& xs) { out = std::move(xs); },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    return out;
  }

  strategy_status status(const strategy_actor& s) {
    strategy_status out;
    auto rh = self->request(s, caf::infinite, atom::status_v);
    run();
    rh.receive([&](strategy_status& x) { out = std::move(x); },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    return out;
  }
};

} // namespace

TEST_F(strategy_actor_test, TwoViewsAskRiskThenExecuteOnce) {
  auto s = start(setup());
  feed(s, upbit());
  EXPECT_TRUE(c->checks.empty()); // one book is not a spread
  feed(s, bithumb());
  ASSERT_EQ(c->checks.size(), 1u);
  const auto& o = c->checks[0];
  EXPECT_EQ(o.exchanges, (std::vector<std::string>{"upbit", "bithumb"}));
  EXPECT_EQ(o.expected_profit, dec("181235.016407"));
  EXPECT_EQ(o.ts_tick_ns, 900);
  ASSERT_EQ(c->executes.size(), 1u);
  EXPECT_EQ(c->executes[0].first.id, o.id);
  EXPECT_EQ(c->executes[0].second.size, dec("0.1"));
  // Still cooling down: a new tick makes no second attempt.
  feed(s, bithumb());
  EXPECT_EQ(c->checks.size(), 1u);
  EXPECT_EQ(c->executes.size(), 1u);
  advance(1s);
  feed(s, bithumb());
  EXPECT_EQ(c->checks.size(), 2u);
  EXPECT_EQ(c->executes.size(), 2u);
  auto st = status(s);
  EXPECT_EQ(st.id, "s1");
  EXPECT_EQ(st.symbols, (std::vector<std::string>{"BTC"}));
  EXPECT_EQ(st.venues, (std::vector<std::string>{"upbit", "bithumb"}));
  EXPECT_EQ(st.opportunities_seen, 1);
  EXPECT_EQ(st.trades_started, 2);
  // 101,000,000 / 100,000,000 - 1
  EXPECT_EQ(st.last_spread, dec("0.01"));
  EXPECT_EQ(oks, 4);
}

TEST_F(strategy_actor_test, DenialMeansNoExecution) {
  c->verdict = {false, {}, "halted", "trading halted: test"};
  auto s = start(setup());
  feed(s, upbit());
  feed(s, bithumb());
  EXPECT_EQ(c->checks.size(), 1u);
  EXPECT_TRUE(c->executes.empty());
  EXPECT_EQ(status(s).trades_started, 0);
}

TEST_F(strategy_actor_test, ReleasesRisksSlotWhenExecutionRefuses) {
  c->execution_refuses = true;
  auto s = start(setup());
  feed(s, upbit());
  feed(s, bithumb());
  ASSERT_EQ(c->executes.size(), 1u);
  ASSERT_EQ(c->reports.size(), 1u);
  EXPECT_EQ(c->reports[0].outcome, "cancelled");
  EXPECT_EQ(c->reports[0].trade_id, c->executes[0].first.id);
  EXPECT_EQ(c->reports[0].strategy_id, "s1");
  EXPECT_EQ(c->reports[0].symbol, "BTC");
  EXPECT_EQ(status(s).trades_started, 0);
}

TEST_F(strategy_actor_test, AnUnansweredAttemptExpiresAndTheDirectionReopens) {
  c->risk_silent = true;
  auto s = start(setup());
  feed(s, upbit());
  feed(s, bithumb());
  ASSERT_EQ(c->checks.size(), 1u);
  feed(s, bithumb()); // in flight: no second attempt
  EXPECT_EQ(c->checks.size(), 1u);
  advance(2s); // request_timeout: the attempt expires, then the cooldown
  run();
  advance(1s);
  run();
  feed(s, bithumb());
  EXPECT_EQ(c->checks.size(), 2u);
  EXPECT_TRUE(c->reports.empty()) << "risk's slot expires in risk itself";
  EXPECT_EQ(status(s).trades_started, 0);
}

TEST_F(strategy_actor_test, UnhealthyViewProducesNothing) {
  auto s = start(setup());
  feed(s, upbit(false));
  feed(s, bithumb());
  EXPECT_TRUE(c->checks.empty());
  EXPECT_TRUE(events().empty());
  EXPECT_EQ(oks, 2);
}

TEST_F(strategy_actor_test, RaisesFoundThenExpiredOnTheBus) {
  auto s = start(setup());
  feed(s, upbit());
  feed(s, bithumb());
  feed(s, bithumb()); // refresh: not found again
  feed(s, upbit(false));
  auto xs = events();
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(xs[0].type, event_type::arbitrage_opportunity_found);
  EXPECT_EQ(xs[0].source, "strategy:s1");
  EXPECT_EQ(xs[0].correlation_id, "s1-1");
  EXPECT_NE(xs[0].data.find("\"direction\":\"upbit>bithumb\""),
            std::string::npos);
  EXPECT_NE(xs[0].data.find("\"expected_profit\":\"181235.016407\""),
            std::string::npos);
  EXPECT_EQ(xs[1].type, event_type::arbitrage_opportunity_expired);
  EXPECT_EQ(xs[1].correlation_id, "s1-2");
}

TEST_F(strategy_actor_test, AcksEveryViewAndIgnoresOtherVenues) {
  auto s = start(setup());
  auto other = make_view(exchange::custom, deep_bids, deep_asks);
  for (int i = 0; i < 5; ++i)
    feed(s, other);
  feed(s, upbit());
  EXPECT_EQ(oks, 6);
  EXPECT_TRUE(c->checks.empty());
}

TEST_F(strategy_actor_test, SubscribesToBothBooks) {
  auto a = keep(sys.spawn(fake_book, c));
  auto b = keep(sys.spawn(fake_book, c));
  auto s = start(setup(a, b));
  run();
  ASSERT_EQ(c->subscribers.size(), 2u);
  EXPECT_EQ(c->subscribers[0], caf::actor_cast<book_listener_actor>(s));
}

TEST_F(strategy_actor_test, InstancesRunSideBySide) {
  auto s1 = start(setup());
  auto st = setup();
  st.settings.id = "s2";
  auto s2 = start(std::move(st));
  feed(s1, upbit());
  feed(s1, bithumb());
  feed(s2, upbit());
  feed(s2, bithumb());
  ASSERT_EQ(c->executes.size(), 2u);
  EXPECT_EQ(c->executes[0].first.id, "s1-1");
  EXPECT_EQ(c->executes[1].first.id, "s2-1");
}

namespace {

// A risk actor that answers checks only when the test says so: `resume`
// approves every held check and passes it to execution.
struct held_check {
  arbitrage_opportunity opp;
  execution_actor exec;
  attempt_listener_actor from;
};

risk_actor::behavior_type holding_risk(risk_actor::pointer self,
                                       std::shared_ptr<std::vector<held_check>> h) {
  return {
    [](const position_book&) {},
    [](const funding_payment&) {},
    [](atom::emergency, const std::string&) -> caf::result<flatten_report> {
      return caf::make_error(caf::sec::unexpected_message, "fake");
    },
    [](atom::check, const arbitrage_opportunity&) { return risk_verdict{}; },
    [=](atom::check, const arbitrage_opportunity& o,
        const execution_actor& exec, const attempt_listener_actor& from) {
      h->push_back({o, exec, from});
    },
    [](const trade_report&) {},
    [](const std::vector<balance>&) {},
    [](atom::halt, const std::string&) {},
    [=](atom::resume) {
      for (auto& x : *h)
        self->send(x.exec, atom::execute_v, x.opp,
                   risk_verdict{true, dec("0.1"), "", "approved"}, x.from);
    },
    [](atom::status) { return risk_status{}; },
    [](atom::put, const config::risk_settings&) {},
  };
}

} // namespace

TEST_F(strategy_actor_test, DrainWaitsForTheAttemptInFlightThenQuits) {
  auto h = std::make_shared<std::vector<held_check>>();
  auto st = setup();
  auto risk = keep(sys.spawn(holding_risk, h));
  st.risk = risk;
  auto s = start(st);
  auto down = std::make_shared<bool>(false);
  s->attach_functor([down] { *down = true; });
  feed(s, upbit());
  feed(s, bithumb());
  ASSERT_EQ(h->size(), 1u); // risk has not answered yet
  caf::anon_send(s, atom::drain_v);
  run();
  EXPECT_FALSE(*down) << "quit with an attempt in flight";
  caf::anon_send(risk, atom::resume_v);
  run();
  // The approval is still handed to execution (it owns the trade now),
  // then the instance quits.
  EXPECT_EQ(c->executes.size(), 1u);
  EXPECT_TRUE(*down);
}

TEST_F(strategy_actor_test, DrainWithNothingInFlightQuitsAtOnce) {
  auto s = start(setup());
  auto down = std::make_shared<bool>(false);
  s->attach_functor([down] { *down = true; });
  caf::anon_send(s, atom::drain_v);
  run();
  EXPECT_TRUE(*down);
}
