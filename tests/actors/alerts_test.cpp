#include "actors/alerts/alert_engine.hpp"
#include "actors/alerts/alerter.hpp"

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "actors/bus/event_bus.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace karb::alerts;
using namespace std::chrono_literals;

namespace {

config::alert_settings rules() {
  config::alert_settings s;
  s.renotify_s = 600;
  s.venue_disconnected_s = 60;
  s.consecutive_order_failures = 3;
  s.min_balance = {{"KRW", dec("1000000")}};
  return s;
}

event ev(event_type t, std::string data, std::string corr = {}) {
  return event{t, std::move(data), 0, "test", std::move(corr)};
}

const clock_time t0 = clock_time{} + 1h;

} // namespace

TEST(AlertEngine, VenueDisconnectedFiresOnlyAfterTheThreshold) {
  alert_engine eng{rules()};
  EXPECT_TRUE(eng.on_event(ev(event_type::exchange_disconnected,
                              R"({"venue":"upbit"})"),
                           t0)
                .empty());
  EXPECT_TRUE(eng.on_tick(t0 + 59s).empty());
  auto fired = eng.on_tick(t0 + 60s);
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].key, "venue_disconnected:upbit");
  EXPECT_EQ(fired[0].state, "firing");
  EXPECT_TRUE(eng.on_tick(t0 + 61s).empty()); // de-duplicated
  auto again = eng.on_tick(t0 + 60s + 600s);   // re-notified
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].repeats, 1);
  auto resolved = eng.on_event(ev(event_type::exchange_connected,
                                  R"({"venue":"upbit"})"),
                               t0 + 700s);
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved[0].state, "resolved");
  EXPECT_EQ(eng.firing(), 0u);
}

TEST(AlertEngine, ShortDisconnectNeverFires) {
  alert_engine eng{rules()};
  eng.on_event(ev(event_type::exchange_disconnected, R"({"venue":"bithumb"})"),
               t0);
  EXPECT_TRUE(eng.on_event(ev(event_type::exchange_connected,
                              R"({"venue":"bithumb"})"),
                           t0 + 30s)
                .empty());
  EXPECT_TRUE(eng.on_tick(t0 + 120s).empty());
}

TEST(AlertEngine, ConsecutiveOrderFailuresResetOnAFill) {
  alert_engine eng{rules()};
  eng.on_event(ev(event_type::order_rejected, "{}"), t0);
  eng.on_event(ev(event_type::order_filled, "{}"), t0);
  eng.on_event(ev(event_type::order_rejected, "{}"), t0);
  EXPECT_TRUE(eng.on_event(ev(event_type::order_rejected, "{}"), t0).empty());
  auto fired = eng.on_event(ev(event_type::order_rejected, "{}"), t0);
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].message, "3 consecutive order failures");
}

TEST(AlertEngine, LowBalanceHaltAndExposedTrade) {
  alert_engine eng{rules()};
  auto low = eng.on_event(
    ev(event_type::position_updated,
       R"({"venue":"upbit","currency":"KRW","free":"999999.5"})"),
    t0);
  ASSERT_EQ(low.size(), 1u);
  EXPECT_EQ(low[0].key, "low_balance:upbit:KRW");
  EXPECT_TRUE(eng.on_event(ev(event_type::position_updated,
                              R"({"venue":"upbit","currency":"BTC",
                                  "free":"0.0001"})"),
                           t0)
                .empty()); // no rule for BTC in these settings
  auto halt = eng.on_event(ev(event_type::emergency_stop,
                              R"({"reason":"manual"})"),
                           t0);
  ASSERT_EQ(halt.size(), 1u);
  EXPECT_EQ(halt[0].message, "trading halted: manual");
  auto exposed = eng.on_event(ev(event_type::risk_alert,
                                 R"({"reason":"trade_exposed"})", "T7"),
                              t0);
  ASSERT_EQ(exposed.size(), 1u);
  EXPECT_EQ(exposed[0].key, "trade_exposed:T7");
  auto flat = eng.on_event(ev(event_type::risk_alert,
                              R"({"reason":"trade_flat"})", "T7"),
                           t0);
  ASSERT_EQ(flat.size(), 1u);
  EXPECT_EQ(flat[0].state, "resolved");
}

TEST(AlertEngine, AnAdoptedOrderIsAOneShotCriticalNotice) {
  alert_engine eng{rules()};
  auto out = eng.on_event(
    ev(event_type::risk_alert,
       R"({"reason":"order_reconciled","client_order_id":"karb-T1-0-1",)"
       R"("venue":"bithumb","was":"failed","status":"filled",)"
       R"("filled":"0.01"})",
       "T1"),
    t0);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].key, "order_reconciled:karb-T1-0-1");
  EXPECT_EQ(out[0].rule, "order_reconciled");
  EXPECT_EQ(out[0].severity, "critical");
  EXPECT_EQ(out[0].state, "notice");
  EXPECT_EQ(out[0].message,
            "order karb-T1-0-1 on bithumb was failed here, the venue has it "
            "filled (filled 0.01); adopted");
  // Nothing to resolve, nothing re-notified.
  EXPECT_EQ(eng.firing(), 0u);
  EXPECT_TRUE(eng.on_tick(t0 + 3600s).empty());
}

TEST(AlertEngine, VenueBanFiresCriticalUntilTheBanIsOver) {
  alert_engine eng{rules()};
  auto fired = eng.on_event(
    ev(event_type::risk_alert,
       R"({"reason":"venue_banned","venue":"upbit","ban_ms":120000})"),
    t0);
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].key, "venue_banned:upbit");
  EXPECT_EQ(fired[0].rule, "venue_banned");
  EXPECT_EQ(fired[0].severity, "critical");
  EXPECT_EQ(fired[0].state, "firing");
  EXPECT_NE(fired[0].message.find("120000 ms"), std::string::npos);
  // Another venue's end does not resolve it.
  EXPECT_TRUE(eng.on_event(ev(event_type::risk_alert,
                              R"({"reason":"venue_unbanned",)"
                              R"("venue":"bithumb"})"),
                           t0 + 1s)
                .empty());
  auto resolved = eng.on_event(
    ev(event_type::risk_alert, R"({"reason":"venue_unbanned","venue":"upbit"})"),
    t0 + 120s);
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved[0].key, "venue_banned:upbit");
  EXPECT_EQ(resolved[0].state, "resolved");
  EXPECT_EQ(eng.firing(), 0u);
}

TEST(AlertEngine, RateLimitedIsAWarningResolvedWhenTheRateIsNormal) {
  alert_engine eng{rules()};
  auto fired = eng.on_event(
    ev(event_type::risk_alert,
       R"({"reason":"rate_limited","venue":"bithumb","group":"order",)"
       R"("pause_ms":1000,"slow_ms":60000})"),
    t0);
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].key, "rate_limited:bithumb");
  EXPECT_EQ(fired[0].severity, "warning");
  EXPECT_NE(fired[0].message.find("group order"), std::string::npos);
  auto resolved = eng.on_event(
    ev(event_type::risk_alert,
       R"({"reason":"rate_limit_cleared","venue":"bithumb"})"),
    t0 + 61s);
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved[0].state, "resolved");
}

using alerter_fixture = test::actor_fixture;

TEST_F(alerter_fixture, AlerterSendsThroughItsSinkInVirtualTime) {
  std::vector<alert> sent;
  auto bus = sys.spawn(event_bus, size_t{10});
  auto a = sys.spawn(alerter, alerter_setup{
                                rules(), bus,
                                [&](const alert& x) { sent.push_back(x); },
                                std::chrono::seconds{1}});
  run();
  caf::anon_send(bus, atom::publish_v,
                 make_event(event_type::exchange_disconnected, "venue:upbit",
                            R"({"venue":"upbit"})"));
  run();
  for (int i = 0; i < 59; ++i)
    advance(1s);
  EXPECT_TRUE(sent.empty());
  advance(1s);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].rule, "venue_disconnected");
  EXPECT_NE(to_json(sent[0], "karb-dev").find(R"("node":"karb-dev")"),
            std::string::npos);
  caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
  run();
}
