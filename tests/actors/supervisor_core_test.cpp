#include "actors/node/supervisor_core.hpp"

#include <gtest/gtest.h>

using namespace karb;
using namespace karb::node;
using namespace std::chrono_literals;

namespace {

supervision_params params() {
  supervision_params p;
  p.backoff = backoff_policy{100ms, 10'000ms, 2.0, 0.5, 0};
  p.breaker_failures = 5;
  p.breaker_cool_down = 5min;
  p.stable_after = 30s;
  return p;
}

const clock_time t0 = clock_time{} + 1h;

} // namespace

TEST(SupervisorCore, RestartsWithGrowingJitteredDelays) {
  supervisor_core core{params()};
  core.add("venue:upbit", "venue", {});
  core.started("venue:upbit", t0);
  auto d1 = core.failed("venue:upbit", t0, 0.0);
  EXPECT_EQ(d1.kind, failure_decision::restart_after);
  EXPECT_EQ(d1.delay, 100ms);
  auto d2 = core.failed("venue:upbit", t0, 1.0); // jitter takes half off
  EXPECT_EQ(d2.delay, 100ms);
  auto d3 = core.failed("venue:upbit", t0, 0.0);
  EXPECT_EQ(d3.delay, 400ms);
  EXPECT_FALSE(d3.breaker_opened);
}

TEST(SupervisorCore, FifthFailureOpensBreakerForTheCoolDown) {
  supervisor_core core{params()};
  core.add("c", "venue", {});
  for (int i = 0; i < 4; ++i)
    EXPECT_FALSE(core.failed("c", t0, 0.0).breaker_opened);
  auto d = core.failed("c", t0 + 10s, 0.0);
  EXPECT_TRUE(d.breaker_opened);
  EXPECT_EQ(d.delay, 5min);
  auto st = core.statuses(t0 + 10s).front();
  EXPECT_EQ(st.state, "breaker_open");
  EXPECT_EQ(st.breaker, "open");
  EXPECT_EQ(st.consecutive_failures, 5);
  EXPECT_EQ(core.statuses(t0 + 10s + 5min).front().breaker, "half_open");
}

TEST(SupervisorCore, StableChildIsForgiven) {
  supervisor_core core{params()};
  core.add("c", "venue", {});
  core.started("c", t0);
  core.failed("c", t0, 0.0);
  core.failed("c", t0, 0.0);
  core.started("c", t0 + 1s);
  EXPECT_FALSE(core.check_stable("c", t0 + 30s)); // only 29 s up
  EXPECT_TRUE(core.check_stable("c", t0 + 31s));
  auto st = core.statuses(t0 + 31s).front();
  EXPECT_EQ(st.consecutive_failures, 0);
  EXPECT_EQ(st.restarts, 1);
  EXPECT_EQ(core.failed("c", t0 + 32s, 0.0).delay, 100ms); // back to base
}

TEST(SupervisorCore, CriticalChildEscalatesAndIgnoredStaysDown) {
  supervisor_core core{params()};
  core.add("store", "store", {restart_policy::escalate, 9});
  core.add("once", "helper", {restart_policy::ignore, 0});
  EXPECT_EQ(core.failed("store", t0, 0.0).kind, failure_decision::escalate);
  EXPECT_EQ(core.failed("once", t0, 0.0).kind, failure_decision::stay_down);
  EXPECT_EQ(core.shutdown_order(), (std::vector<std::string>{"once", "store"}));
}
