// The risk actor on the test coordinator: halt / resume, limit-breach and
// emergency-stop events, the failure breaker in virtual time, balances.

#include "actors/risk/risk.hpp"

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "actors/bus/event_bus.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace karb::risk;
using namespace std::chrono_literals;

namespace {

// 2024-01-01T14:58:00Z = 23:58 in Seoul.
constexpr int64_t wall0 = 1'704'121'080'000'000'000;

arbitrage_opportunity make_opp(std::string profit = "30000") {
  arbitrage_opportunity o;
  o.id = "s1-7";
  o.expected_profit = dec(profit);
  trading_signal sell;
  sell.symbol = {exchange::upbit, "BTC", "KRW", "KRW-BTC"};
  sell.signal_side = side::sell;
  sell.price = dec("100000000");
  sell.amount = dec("0.04");
  trading_signal buy = sell;
  buy.symbol.venue = exchange::bithumb;
  buy.signal_side = side::buy;
  buy.price = dec("99000000");
  o.entry_signals = {sell, buy};
  return o;
}

struct risk_actor_test : test::actor_fixture {
  event_bus_actor bus = sys.spawn(event_bus, size_t{100});
  risk_actor r;

  ~risk_actor_test() override {
    caf::anon_send_exit(r, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
    run();
  }

  void SetUp() override {
    risk_setup s;
    s.params.limits.max_concurrent_trades = 100;
    s.params.limits.max_orders_per_minute = 1000;
    s.bus = bus;
    s.wall_clock = virtual_wall(wall0);
    r = spawn_risk(sys, std::move(s));
    balances();
  }

  void balances() {
    self->send(r, std::vector<balance>{{exchange::upbit, "BTC", dec("1"), {},
                                        dec("1"), 0}});
    self->send(r, std::vector<balance>{{exchange::bithumb, "KRW",
                                        dec("100000000"), {},
                                        dec("100000000"), 0}});
    run();
  }

  risk_verdict check(const arbitrage_opportunity& o = make_opp()) {
    risk_verdict out;
    auto rh = self->request(r, caf::infinite, atom::check_v, o);
    run();
    rh.receive([&](risk_verdict& v) { out = std::move(v); },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    return out;
  }

  risk_status status() {
    risk_status out;
    auto rh = self->request(r, caf::infinite, atom::status_v);
    run();
    rh.receive([&](risk_status& s) { out = std::move(s); },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    return out;
  }

  void report(std::string outcome, std::string pnl = "0") {
    self->send(r, trade_report{"t1", "s1", "BTC", std::move(outcome),
                               dec(pnl), {}, 0, {}, "KRW"});
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
};

} // namespace

TEST_F(risk_actor_test, DeniesAfterHaltAndApprovesAfterResume) {
  EXPECT_TRUE(check().approved);
  self->send(r, atom::halt_v, std::string{"operator"});
  run();
  auto v = check();
  EXPECT_FALSE(v.approved);
  EXPECT_EQ(v.reason, "halted");
  EXPECT_EQ(v.detail, "trading halted: operator");
  auto s = status();
  EXPECT_TRUE(s.halted);
  EXPECT_EQ(s.halt_reason, "operator");
  self->send(r, atom::resume_v);
  run();
  v = check();
  EXPECT_TRUE(v.approved);
  EXPECT_EQ(v.size, dec("0.04"));
  auto xs = events();
  ASSERT_EQ(xs.size(), 1u); // halted denials are not limit breaches
  EXPECT_EQ(xs[0].type, event_type::emergency_stop);
  EXPECT_EQ(xs[0].data, R"({"reason":"operator"})");
}

TEST_F(risk_actor_test, LimitDenialRaisesABreachEvent) {
  auto v = check(make_opp("19000"));
  EXPECT_EQ(v.reason, "min_profit_rate");
  auto xs = events();
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].type, event_type::risk_limit_breach);
  EXPECT_EQ(xs[0].source, "risk");
  EXPECT_EQ(xs[0].correlation_id, "s1-7");
  EXPECT_NE(xs[0].data.find(R"("reason":"min_profit_rate")"),
            std::string::npos);
  EXPECT_EQ(status().denials.at("min_profit_rate"), 1);
}

TEST_F(risk_actor_test, BreakerPausesForFiveMinutesOfVirtualTime) {
  for (int i = 0; i < 5; ++i)
    report("failed");
  auto xs = events();
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].type, event_type::risk_alert);
  EXPECT_EQ(check().reason, "failure_pause");
  auto s = status();
  EXPECT_TRUE(s.paused);
  EXPECT_EQ(s.pause_remaining_ms, 300'000);
  advance(299s);
  EXPECT_EQ(check().reason, "failure_pause");
  advance(1s);
  EXPECT_TRUE(check().approved);
}

TEST_F(risk_actor_test, DailyLossResetsAtMidnightInSeoul) {
  report("completed", "-1000000");
  auto xs = events();
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].type, event_type::risk_limit_breach);
  EXPECT_EQ(check().reason, "daily_loss_limit");
  advance(3min); // 00:01 in Seoul
  EXPECT_TRUE(check().approved);
  EXPECT_TRUE(status().daily_pnl.empty());
}

TEST_F(risk_actor_test, DeniesUntilBalancesArrive) {
  risk_setup s;
  s.wall_clock = virtual_wall(wall0);
  auto fresh = spawn_risk(sys, std::move(s));
  risk_verdict out;
  auto rh = self->request(fresh, caf::infinite, atom::check_v, make_opp());
  run();
  rh.receive([&](risk_verdict& v) { out = std::move(v); },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  EXPECT_EQ(out.reason, "balance_unknown");
  caf::anon_send_exit(fresh, caf::exit_reason::user_shutdown);
}

TEST_F(risk_actor_test, NewLimitsApplyAndKeepTheHaltAndUsage) {
  EXPECT_EQ(check().size, dec("0.04"));
  self->send(r, atom::halt_v, std::string{"operator"});
  run();
  config::risk_settings limits;
  limits.max_concurrent_trades = 100;
  limits.max_orders_per_minute = 1000;
  limits.max_position["BTC"] = dec("0.01");
  self->send(r, atom::put_v, limits);
  run();
  EXPECT_TRUE(status().halted) << "a reload does not lift a halt";
  EXPECT_EQ(status().approvals, 1);
  self->send(r, atom::resume_v);
  run();
  auto v = check();
  EXPECT_TRUE(v.approved);
  EXPECT_EQ(v.size, dec("0.01")); // capped by the new max_position
}

namespace {

// Where the send form of `check` delivers: execution (approvals) and the
// attempt's listener (denials), both recorded.
struct attempt_sink {
  std::vector<std::pair<arbitrage_opportunity, risk_verdict>> executed;
  std::vector<attempt_outcome> outcomes;
  std::vector<close_request> closes;
  std::vector<std::string> flattens; ///< their reasons
};

execution_actor::behavior_type recording_execution(
  std::shared_ptr<attempt_sink> s) {
  return {
    [](atom::flatten, int64_t) {},
    [=](atom::close, const close_request& x) { s->closes.push_back(x); },
    [=](atom::flatten, const std::string& why) {
      s->flattens.push_back(why);
      return flatten_report{why, 3, 1, {"okx_swap BTC-USDT-SWAP short 0.01"},
                            12};
    },
    [](atom::execute, const arbitrage_opportunity&, const risk_verdict&) {
      return std::string{};
    },
    [=](atom::execute, const arbitrage_opportunity& o, const risk_verdict& v,
        const attempt_listener_actor&) { s->executed.emplace_back(o, v); },
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

attempt_listener_actor::behavior_type
recording_listener(std::shared_ptr<attempt_sink> s) {
  return {
    [=](const attempt_outcome& o) { s->outcomes.push_back(o); },
    [](const trade_report&) {},
  };
}

} // namespace

TEST_F(risk_actor_test, ApprovalGoesStraightToExecutionDenialToTheListener) {
  auto sink = std::make_shared<attempt_sink>();
  auto exec = sys.spawn(recording_execution, sink);
  auto listener = sys.spawn(recording_listener, sink);
  auto opp = make_opp();
  self->send(r, atom::check_v, opp, exec, listener);
  run();
  ASSERT_EQ(sink->executed.size(), 1u);
  EXPECT_TRUE(sink->outcomes.empty()) << "execution tells the listener";
  EXPECT_EQ(sink->executed[0].first.id, opp.id);
  EXPECT_TRUE(sink->executed[0].second.approved);
  EXPECT_EQ(sink->executed[0].first.trail.risk,
            sink->executed[0].second.ts_checked_ns);
  self->send(r, atom::halt_v, std::string{"test"});
  opp.id = "o-2";
  self->send(r, atom::check_v, opp, exec, listener);
  run();
  EXPECT_EQ(sink->executed.size(), 1u);
  ASSERT_EQ(sink->outcomes.size(), 1u);
  EXPECT_EQ(sink->outcomes[0].opportunity_id, "o-2");
  EXPECT_FALSE(sink->outcomes[0].started);
  EXPECT_EQ(sink->outcomes[0].stage, "risk");
  EXPECT_EQ(sink->outcomes[0].reason, "halted");
  caf::anon_send_exit(exec, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(listener, caf::exit_reason::user_shutdown);
  run();
}

namespace {

/// A risk actor that finds `exec` as its execution (none when null).
risk_actor risk_with_execution(caf::actor_system& sys, event_bus_actor bus,
                               execution_actor exec, caf::timespan wait,
                               wall_clock wall) {
  risk_setup s;
  s.bus = std::move(bus);
  s.wall_clock = std::move(wall);
  if (exec)
    s.execution = [exec] { return exec; };
  s.flatten_timeout = wait;
  s.params.limits.min_balance["USDT"] = dec("0");
  return spawn_risk(sys, std::move(s));
}

} // namespace

TEST_F(risk_actor_test, EmergencyStopHaltsFlattensAndRelaysTheReport) {
  auto sink = std::make_shared<attempt_sink>();
  auto exec = sys.spawn(recording_execution, sink);
  auto rk = risk_with_execution(sys, bus, exec, 30s, virtual_wall(wall0));
  run();
  flatten_report out;
  auto rh = self->request(rk, caf::infinite, atom::emergency_v,
                          std::string{"operator: venue hacked"});
  run();
  rh.receive([&](flatten_report& x) { out = std::move(x); },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  ASSERT_EQ(sink->flattens, std::vector<std::string>{"operator: venue hacked"});
  EXPECT_EQ(out.reason, "operator: venue hacked");
  EXPECT_EQ(out.orders_cancelled, 3);
  EXPECT_EQ(out.positions_closed, 1);
  EXPECT_EQ(out.remaining,
            std::vector<std::string>{"okx_swap BTC-USDT-SWAP short 0.01"});
  auto st = self->request(rk, caf::infinite, atom::status_v);
  run();
  st.receive(
    [&](risk_status& s) {
      EXPECT_TRUE(s.halted);
      EXPECT_EQ(s.halt_reason, "operator: venue hacked");
    },
    [&](caf::error& e) { FAIL() << sys.render(e); });
  auto xs = events();
  ASSERT_EQ(xs.size(), 1u);
  EXPECT_EQ(xs[0].type, event_type::emergency_stop);
  EXPECT_EQ(xs[0].data, R"({"reason":"operator: venue hacked"})");
  caf::anon_send_exit(rk, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(exec, caf::exit_reason::user_shutdown);
  run();
}

TEST_F(risk_actor_test, EmergencyStopWithoutExecutionHaltsAndSaysWhy) {
  auto rk = risk_with_execution(sys, bus, {}, 30s, virtual_wall(wall0));
  run();
  std::string error;
  auto rh = self->request(rk, caf::infinite, atom::emergency_v,
                          std::string{"test"});
  run();
  rh.receive([&](flatten_report&) { FAIL() << "no execution, no report"; },
             [&](caf::error& e) { error = sys.render(e); });
  EXPECT_NE(error.find("halted, but there is no execution to flatten"),
            std::string::npos)
    << error;
  auto st = self->request(rk, caf::infinite, atom::status_v);
  run();
  st.receive([&](risk_status& s) { EXPECT_TRUE(s.halted); },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  caf::anon_send_exit(rk, caf::exit_reason::user_shutdown);
  run();
}

TEST_F(risk_actor_test, LiquidationGuardSendsACloseToExecution) {
  auto sink = std::make_shared<attempt_sink>();
  auto exec = sys.spawn(recording_execution, sink);
  auto rk = risk_with_execution(sys, bus, exec, 30s, virtual_wall(wall0));
  run();
  position p;
  p.symbol = {exchange::binance_usdm, "BTC", "USDT", "BTCUSDT",
              contract_type::perpetual};
  p.position_side = side::sell;
  p.amount = dec("0.02");
  p.mark_price = dec("70000");
  p.liquidation_price = dec("72000"); // 2.9 % away
  position_book b;
  b.positions = {p};
  self->send(rk, b);
  run();
  ASSERT_EQ(sink->closes.size(), 1u);
  EXPECT_EQ(sink->closes[0].symbol, p.symbol);
  EXPECT_EQ(sink->closes[0].order_side, side::buy);
  EXPECT_EQ(sink->closes[0].amount, dec("0.01"));
  EXPECT_EQ(sink->closes[0].reason, "liquidation_guard");
  // The next book within the cooldown sends nothing; after it, again.
  self->send(rk, b);
  run();
  EXPECT_EQ(sink->closes.size(), 1u);
  advance(30s);
  self->send(rk, b);
  run();
  EXPECT_EQ(sink->closes.size(), 2u);
  auto xs = events();
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(xs[0].type, event_type::risk_alert);
  EXPECT_NE(xs[0].data.find(R"("alert":"liquidation_guard")"),
            std::string::npos);
  caf::anon_send_exit(rk, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(exec, caf::exit_reason::user_shutdown);
  run();
}
