// The venue connection FSM table and the reconnect planning of
// connection_core (backoff + circuit breaker), pure.

#include "actors/venue/connection_core.hpp"

#include <gtest/gtest.h>

using namespace karb::venue;
using namespace std::chrono_literals;
using s = conn_state;
using e = conn_event;

TEST(VenueFsm, EveryLegalEdge) {
  struct edge { s from; e on; s to; };
  const edge legal[] = {
    {s::disconnected, e::start, s::connecting},
    {s::connecting, e::opened, s::subscribing},
    {s::connecting, e::failed, s::reconnecting},
    {s::subscribing, e::synced, s::live},
    {s::subscribing, e::silence, s::stale},
    {s::subscribing, e::failed, s::reconnecting},
    {s::live, e::synced, s::live},
    {s::live, e::silence, s::stale},
    {s::live, e::failed, s::reconnecting},
    {s::stale, e::failed, s::reconnecting},
    {s::reconnecting, e::start, s::connecting},
    {s::disconnected, e::stop, s::disconnected},
    {s::connecting, e::stop, s::disconnected},
    {s::subscribing, e::stop, s::disconnected},
    {s::live, e::stop, s::disconnected},
    {s::stale, e::stop, s::disconnected},
    {s::reconnecting, e::stop, s::disconnected},
  };
  int legal_count = 0;
  for (int from = 0; from < conn_state_count; ++from)
    for (int on = 0; on < conn_event_count; ++on) {
      auto f = static_cast<s>(from);
      auto o = static_cast<e>(on);
      auto got = transition(f, o);
      const edge* want = nullptr;
      for (auto& x : legal)
        if (x.from == f && x.on == o)
          want = &x;
      if (want) {
        ++legal_count;
        ASSERT_TRUE(got) << to_string(f) << " --" << to_string(o) << "-->";
        EXPECT_EQ(*got, want->to) << to_string(f) << " " << to_string(o);
      } else {
        EXPECT_FALSE(got) << "illegal edge accepted: " << to_string(f)
                          << " --" << to_string(o) << "--> "
                          << to_string(*got);
      }
    }
  EXPECT_EQ(legal_count, 17);
}

TEST(VenueFsm, IllegalEdgesAreRefused) {
  EXPECT_FALSE(transition(s::disconnected, e::opened));
  EXPECT_FALSE(transition(s::connecting, e::synced));
  EXPECT_FALSE(transition(s::live, e::start));
  EXPECT_FALSE(transition(s::stale, e::synced));
  EXPECT_FALSE(transition(s::reconnecting, e::failed));
  EXPECT_FALSE(transition(s::disconnected, e::silence));
}

namespace {

using clock_time = std::chrono::steady_clock::time_point;

link_params params() {
  link_params p;
  p.backoff = karb::backoff_policy{500ms, 30'000ms, 2.0, 0.2, 0};
  p.breaker_failures = 5;
  p.breaker_cool_down = 5min;
  p.heartbeat = 60s;
  return p;
}

} // namespace

TEST(ConnectionCore, GoesLiveOnFirstDataAndIgnoresOldGenerations) {
  connection_core c{params()};
  clock_time t0{};
  auto g1 = c.start(t0);
  ASSERT_TRUE(g1);
  EXPECT_EQ(c.state(), s::connecting);
  EXPECT_FALSE(c.opened(*g1 + 1));
  EXPECT_TRUE(c.opened(*g1));
  EXPECT_EQ(c.state(), s::subscribing);
  EXPECT_TRUE(c.data(*g1, t0 + 1s));
  EXPECT_EQ(c.state(), s::live);
  EXPECT_FALSE(c.data(*g1, t0 + 2s)); // already live
  auto plan = c.failed(*g1, t0 + 3s, 0.0);
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->was_open);
  EXPECT_EQ(plan->delay, 500ms);
  EXPECT_EQ(c.state(), s::reconnecting);
  EXPECT_FALSE(c.failed(*g1, t0 + 3s, 0.0)); // same failure reported twice
  auto g2 = c.start(t0 + 4s);
  ASSERT_TRUE(g2);
  EXPECT_EQ(*g2, *g1 + 1);
  EXPECT_FALSE(c.opened(*g1)); // late news from the old socket
  EXPECT_EQ(c.reconnects(), 1);
}

TEST(ConnectionCore, SilenceForTheHeartbeatWindowMakesItStale) {
  connection_core c{params()};
  clock_time t0{};
  auto g = *c.start(t0);
  c.opened(g);
  c.data(g, t0 + 10s);
  EXPECT_EQ(c.silence_deadline(), t0 + 70s);
  EXPECT_FALSE(c.check_silence(g, t0 + 69s));
  EXPECT_EQ(c.state(), s::live);
  EXPECT_TRUE(c.check_silence(g, t0 + 70s));
  EXPECT_EQ(c.state(), s::stale);
  auto plan = c.failed(g, t0 + 70s, 0.0);
  ASSERT_TRUE(plan);
  EXPECT_EQ(c.state(), s::reconnecting);
}

TEST(ConnectionCore, BackoffGrowsWithJitterThenTheBreakerOpensForFiveMinutes) {
  connection_core c{params()};
  clock_time t{};
  std::vector<std::chrono::milliseconds> delays;
  bool opened = false;
  for (int i = 0; i < 5; ++i) {
    auto g = c.start(t);
    ASSERT_TRUE(g) << i;
    auto plan = c.failed(*g, t, i == 1 ? 1.0 : 0.0); // one full jitter draw
    ASSERT_TRUE(plan);
    EXPECT_FALSE(plan->was_open);
    delays.push_back(plan->delay);
    opened = plan->breaker_opened;
    t += plan->delay;
  }
  EXPECT_EQ(delays[0], 500ms);
  EXPECT_EQ(delays[1], 800ms); // 1000 ms less 20 % jitter
  EXPECT_EQ(delays[2], 2000ms);
  EXPECT_EQ(delays[3], 4000ms);
  EXPECT_EQ(delays[4], 5min);  // fifth failure: breaker open
  EXPECT_TRUE(opened);
  clock_time opened_at = t - 5min;
  EXPECT_EQ(c.breaker(opened_at), karb::circuit_breaker::state::open);
  EXPECT_FALSE(c.start(opened_at + 4min));  // no attempt while open
  EXPECT_EQ(c.breaker(opened_at + 5min),
            karb::circuit_breaker::state::half_open);
  auto g = c.start(opened_at + 5min);        // the half-open trial
  ASSERT_TRUE(g);
  auto plan = c.failed(*g, opened_at + 5min, 0.0);
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->breaker_opened);         // trial failed: open again
  EXPECT_EQ(plan->delay, 5min);
}

TEST(ConnectionCore, ReachingLiveClosesTheBreakerAndResetsTheBackoff) {
  connection_core c{params()};
  clock_time t{};
  for (int i = 0; i < 3; ++i)
    c.failed(*c.start(t), t, 0.0);
  EXPECT_EQ(c.consecutive_failures(), 3);
  auto g = *c.start(t);
  c.opened(g);
  c.data(g, t);
  EXPECT_EQ(c.consecutive_failures(), 0);
  auto plan = c.failed(g, t, 0.0);
  EXPECT_EQ(plan->delay, 500ms);
}

TEST(ConnectionCore, StopIgnoresEverythingAfterwards) {
  connection_core c{params()};
  clock_time t{};
  auto g = *c.start(t);
  c.stop();
  EXPECT_EQ(c.state(), s::disconnected);
  EXPECT_FALSE(c.opened(g));
  EXPECT_FALSE(c.failed(g, t, 0.0));
}
