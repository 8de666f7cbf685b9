// Supervision in virtual time: a crashing child is restarted with growing
// delays, the breaker opens after 5 failures and half-opens after the
// cool-down, and shutdown stops children in order.

#include "actors/node/node.hpp"

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "actors/bus/event_bus.hpp"
#include "tests/support/actor_fixture.hpp"

using namespace karb;
using namespace karb::node;
using namespace std::chrono_literals;

namespace {

// A child that crashes on demand.
caf::behavior crasher(caf::event_based_actor* self) {
  return {
    [=](atom::crash) {
      self->quit(caf::make_error(caf::sec::runtime_error, "boom"));
    },
  };
}

struct node_fixture : test::actor_fixture {
  int spawns = 0;
  caf::actor current;                 // the child's latest incarnation
  std::vector<std::string> stop_log;  // names in the order they stopped

  child_spec crashing_child(std::string name, int order = 0) {
    return {name, "test", {restart_policy::restart, order},
            [this, name](caf::actor_system& sys) {
              ++spawns;
              current = sys.spawn(crasher);
              return current;
            }};
  }

  child_spec logging_child(std::string name, int order) {
    return {name, "test", {restart_policy::restart, order},
            [this, name](caf::actor_system& sys) {
              auto hdl = sys.spawn(crasher);
              hdl->attach_functor([this, name] { stop_log.push_back(name); });
              return caf::actor{hdl};
            }};
  }

  node_setup setup(std::vector<child_spec> children) {
    node_setup s;
    s.name = "test-node";
    s.params.backoff = backoff_policy{100ms, 10'000ms, 2.0, 0.2, 0};
    s.params.breaker_failures = 5;
    s.params.breaker_cool_down = 5min;
    s.params.stable_after = 30s;
    s.children = std::move(children);
    s.random = [] { return 0.0; };
    s.shutdown_timeout = 10s;
    return s;
  }

  node_status status(const node_actor& n) {
    node_status out;
    auto rh = self->request(n, caf::infinite, atom::status_v);
    run();
    rh.receive([&](const node_status& s) { out = s; },
               [&](caf::error& e) { FAIL() << sys.render(e); });
    return out;
  }

  void crash() {
    caf::anon_send(current, atom::crash_v);
    run();
  }
};

} // namespace

TEST_F(node_fixture, CrashingChildIsRestartedWithGrowingDelays) {
  auto n = sys.spawn(supervisor, setup({crashing_child("venue:sim")}));
  run();
  ASSERT_EQ(spawns, 1);
  std::vector<caf::timespan> delays{100ms, 200ms, 400ms, 800ms};
  for (size_t i = 0; i < delays.size(); ++i) {
    crash();
    advance(delays[i] - 1ms);
    EXPECT_EQ(spawns, 1 + static_cast<int>(i)) << "restarted early, #" << i;
    advance(1ms);
    EXPECT_EQ(spawns, 2 + static_cast<int>(i)) << "not restarted, #" << i;
  }
  auto st = status(n);
  ASSERT_EQ(st.children.size(), 1u);
  EXPECT_EQ(st.children[0].restarts, 4);
  EXPECT_EQ(st.children[0].state, "running");
  caf::anon_send_exit(n, caf::exit_reason::user_shutdown);
  run();
}

TEST_F(node_fixture, BreakerOpensAfterFiveFailuresThenHalfOpens) {
  auto n = sys.spawn(supervisor, setup({crashing_child("venue:sim")}));
  run();
  for (auto d : {100ms, 200ms, 400ms, 800ms}) {
    crash();
    advance(d);
  }
  ASSERT_EQ(spawns, 5);
  crash(); // fifth consecutive failure
  auto st = status(n);
  EXPECT_EQ(st.children[0].state, "breaker_open");
  EXPECT_EQ(st.children[0].breaker, "open");
  advance(5min - 1ms);
  EXPECT_EQ(spawns, 5);
  advance(1ms);
  EXPECT_EQ(spawns, 6); // the half-open trial
  EXPECT_EQ(status(n).children[0].breaker, "half_open");
  crash(); // the trial fails: open again for a full cool-down
  EXPECT_EQ(status(n).children[0].breaker, "open");
  advance(5min);
  EXPECT_EQ(spawns, 7);
  advance(30s); // stays up: forgiven
  auto healed = status(n);
  EXPECT_EQ(healed.children[0].breaker, "closed");
  EXPECT_EQ(healed.children[0].consecutive_failures, 0);
  caf::anon_send_exit(n, caf::exit_reason::user_shutdown);
  run();
}

TEST_F(node_fixture, ShutdownStopsChildrenInOrderAndPublishesEvents) {
  auto bus = sys.spawn(event_bus, size_t{100});
  auto s = setup({logging_child("store", 9), logging_child("strategy", 1),
                  logging_child("venue", 5)});
  s.bus = bus;
  auto n = sys.spawn(supervisor, s);
  run();
  caf::anon_send(n, atom::shutdown_v);
  run();
  EXPECT_EQ(stop_log,
            (std::vector<std::string>{"strategy", "venue", "store"}));
  EXPECT_EQ(spawns, 0); // nothing was restarted
  std::vector<event> events;
  auto rh = self->request(bus, caf::infinite, atom::recent_v, int32_t{10});
  run();
  rh.receive([&](std::vector<event>& xs) { events = std::move(xs); },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].type, event_type::system_startup);
  EXPECT_EQ(events[1].type, event_type::system_shutdown);
  EXPECT_EQ(events[1].source, "node");
  caf::anon_send_exit(bus, caf::exit_reason::user_shutdown);
  run();
}

TEST_F(node_fixture, ShutdownDeadlineKillsAStuckChild) {
  // A child that ignores user_shutdown (traps exits) is killed at the deadline.
  auto stuck = child_spec{"stuck", "test", {},
                          [](caf::actor_system& sys) {
                            return sys.spawn([](caf::event_based_actor* a) {
                              a->set_exit_handler([](const caf::exit_msg&) {});
                              return caf::behavior{[](atom::crash) {}};
                            });
                          }};
  auto n = sys.spawn(supervisor, setup({stuck}));
  run();
  bool node_done = false;
  n->attach_functor([&] { node_done = true; });
  caf::anon_send(n, atom::shutdown_v);
  run();
  EXPECT_FALSE(node_done);
  advance(10s);
  EXPECT_TRUE(node_done);
}

TEST_F(node_fixture, AnOperatorStopKeepsAChildDownUntilStartedAgain) {
  auto n = sys.spawn(supervisor, setup({crashing_child("strategy:a")}));
  run();
  ASSERT_EQ(spawns, 1);
  auto ask = [&](auto a, std::string name) {
    std::string err;
    auto rh = self->request(n, caf::infinite, a, std::move(name));
    run();
    rh.receive([](atom::ok) {},
               [&](caf::error& e) { err = sys.render(e); });
    return err;
  };
  EXPECT_EQ(ask(atom::halt_v, "strategy:a"), "");
  auto st = status(n);
  EXPECT_EQ(st.children[0].state, "stopped");
  EXPECT_EQ(st.children[0].restarts, 0);
  advance(1h); // no restart, however long
  EXPECT_EQ(spawns, 1);
  EXPECT_EQ(ask(atom::resume_v, "strategy:a"), "");
  EXPECT_EQ(spawns, 2);
  EXPECT_EQ(status(n).children[0].state, "running");
  EXPECT_EQ(ask(atom::resume_v, "strategy:a"), ""); // already running
  EXPECT_EQ(spawns, 2);
  EXPECT_NE(ask(atom::halt_v, "nope").find("no child named 'nope'"),
            std::string::npos);
  // A stop during the restart backoff cancels the pending restart.
  crash();
  EXPECT_EQ(ask(atom::halt_v, "strategy:a"), "");
  advance(1s);
  EXPECT_EQ(spawns, 2);
  EXPECT_EQ(status(n).children[0].state, "stopped");
  caf::anon_send_exit(n, caf::exit_reason::user_shutdown);
  run();
}
