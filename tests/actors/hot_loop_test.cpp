// The hot loop with real threads: pinned actors only ever run on its I/O
// thread, whoever sends to them (the main thread, the pool, the clock);
// children of pinned actors are pinned; a pool actor woken from the loop
// runs on the pool, and only after the loop's cycle.

#include "actors/common/hot_loop.hpp"

#include <atomic>
#include <map>
#include <memory>
#include <chrono>
#include <sstream>
#include <string>
#include <thread>

#include <caf/all.hpp>
#include <gtest/gtest.h>

#include "exchanges/common/io_runner.hpp"
#include "messages/type_ids.hpp"

using namespace karb;
using namespace std::chrono_literals;

namespace {

std::string this_thread() {
  std::ostringstream out;
  out << std::this_thread::get_id();
  return out.str();
}

struct probe_state {
  std::atomic<int>* order = nullptr; ///< shared sequence counter
  static inline const char* name = "hot_probe";
};

using pinned_ptr = caf::stateful_actor<probe_state,
                                       pinned<caf::event_based_actor>>*;
using pool_ptr = caf::stateful_actor<probe_state>*;

/// On the pool: answers `get` with its thread and the sequence number at
/// which the message ran.
caf::behavior pool_probe(pool_ptr self, std::atomic<int>* order) {
  self->state.order = order;
  return {
    [=](atom::get) {
      return caf::make_message(this_thread(), self->state.order->fetch_add(1));
    },
    [=](atom::tick, const caf::actor& reply_to) {
      caf::anon_send(reply_to, atom::ok_v, this_thread(),
                     self->state.order->fetch_add(1));
    },
  };
}

/// On the loop: answers `get` with its thread; `spawn` starts a child of
/// the same kind and answers with it; `tick` (with a pool actor and a
/// sink) pokes the pool actor first, then reports its own sequence number
/// from a second pinned actor.
caf::behavior pinned_probe(pinned_ptr self, std::atomic<int>* order) {
  self->state.order = order;
  return {
    [=](atom::get) { return this_thread(); },
    [=](atom::load) { // spawns a child
      return caf::actor_cast<caf::actor>(self->spawn(pinned_probe, order));
    },
    [=](atom::tick, const caf::actor& pool, const caf::actor& sink) {
      self->send(pool, atom::tick_v, sink);
      auto next = self->spawn(pinned_probe, order);
      self->send(next, atom::ok_v, sink);
    },
    [=](atom::ok, const caf::actor& sink) {
      caf::anon_send(sink, atom::ok_v, this_thread(),
                     self->state.order->fetch_add(1));
      self->quit();
    },
    [=](atom::put) { // arms a timer; the clock thread delivers it
      arm_timer(self, 1ms, atom::get_v);
    },
  };
}

struct hot_loop_test : ::testing::Test {
  net::io_runner io{1};
  caf::actor_system_config cfg = [] {
    caf::actor_system_config c;
    c.add_message_types<caf::id_block::karb>();
    // The node's scheduler (node.scheduler's default): idle workers wait on
    // a condition variable rather than polling the work-stealing queues.
    c.set("scheduler.policy", caf::atom("sharing"));
    c.set("scheduler.max-threads", size_t{2});
    c.set("logger.console-verbosity", caf::atom("quiet"));
    return c;
  }();
  std::unique_ptr<caf::actor_system> sys_ptr
    = std::make_unique<caf::actor_system>(cfg);
  caf::actor_system& sys = *sys_ptr;
  std::unique_ptr<hot_loop> loop_ptr = std::make_unique<hot_loop>(sys, io);
  hot_loop& loop = *loop_ptr;
  std::atomic<int> order{0};

  // As in the node: the actor system goes first (its actors still run on
  // the loop's thread), then the thread, then the loop.
  ~hot_loop_test() override {
    sys_ptr.reset();
    io.stop();
    loop_ptr.reset();
  }

  /// Runs `f` on the loop's thread and waits for it.
  template <class F>
  void on_loop(F f) {
    std::atomic<bool> done{false};
    io.post([&] {
      f();
      done = true;
    });
    while (!done)
      std::this_thread::yield();
  }

  std::string io_thread() {
    std::string out;
    on_loop([&] { out = this_thread(); });
    return out;
  }

  /// Waits until `a` waits for messages again (its mailbox blocked): its
  /// reply alone does not say so, since it is sent before the actor's run
  /// ends. Only a blocked actor is woken (and so handed off) by a send.
  static void wait_idle(const caf::actor& a) {
    auto* sched = dynamic_cast<caf::scheduled_actor*>(
      caf::actor_cast<caf::abstract_actor*>(a));
    ASSERT_NE(sched, nullptr);
    while (!sched->mailbox().blocked())
      std::this_thread::yield();
  }

  std::string thread_of(const caf::actor& a) {
    caf::scoped_actor self{sys};
    std::string out;
    self->request(a, 5s, atom::get_v)
      .receive([&](const std::string& t) { out = t; },
               [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return out;
  }
};

} // namespace

TEST_F(hot_loop_test, PinnedActorsAndTheirChildrenRunOnTheLoopThread) {
  auto main_thread = this_thread();
  auto hot = spawn_hot(sys, &loop, pinned_probe, &order);
  auto pool = sys.spawn(pool_probe, &order);
  auto loop_thread = io_thread();
  EXPECT_EQ(thread_of(hot), loop_thread);
  caf::scoped_actor self{sys};
  caf::actor child;
  self->request(hot, 5s, atom::load_v)
    .receive([&](const caf::actor& c) { child = c; },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  EXPECT_EQ(thread_of(child), loop_thread);
  std::string pool_thread;
  self->request(pool, 5s, atom::get_v)
    .receive([&](const std::string& t, int) { pool_thread = t; },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  EXPECT_NE(pool_thread, loop_thread);
  EXPECT_NE(loop_thread, main_thread);
  // A timer armed on the loop comes back through the clock thread and
  // still runs there (the reply goes nowhere: asked again to check).
  self->send(hot, atom::put_v);
  EXPECT_EQ(thread_of(hot), loop_thread);
  self->send_exit(hot, caf::exit_reason::user_shutdown);
  self->send_exit(child, caf::exit_reason::user_shutdown);
  self->send_exit(pool, caf::exit_reason::user_shutdown);
}

TEST_F(hot_loop_test, APoolActorWokenFromTheLoopRunsAfterTheCycle) {
  auto hot = spawn_hot(sys, &loop, pinned_probe, &order);
  auto pool = sys.spawn(pool_probe, &order);
  auto loop_thread = io_thread();
  caf::scoped_actor self{sys};
  // Both idle (waiting for messages) before the test starts.
  EXPECT_EQ(thread_of(hot), loop_thread);
  self->request(pool, 5s, atom::get_v)
    .receive([&](const std::string&, int) {},
             [&](caf::error& e) { FAIL() << sys.render(e); });
  wait_idle(hot);
  wait_idle(pool);
  order = 0;
  self->send(hot, atom::tick_v, caf::actor_cast<caf::actor>(pool),
             caf::actor_cast<caf::actor>(self));
  // Two reports: the second pinned actor's (same cycle) and the pool's.
  std::map<std::string, int> seq_by_thread;
  for (int i = 0; i < 2; ++i)
    self->receive(
      [&](atom::ok, const std::string& t, int seq) { seq_by_thread[t] = seq; },
      caf::after(5s) >> [&] { FAIL() << "no report"; });
  ASSERT_EQ(seq_by_thread.size(), 2u);
  ASSERT_TRUE(seq_by_thread.count(loop_thread));
  int loop_seq = seq_by_thread[loop_thread];
  int pool_seq = -1;
  for (auto& [t, s] : seq_by_thread)
    if (t != loop_thread)
      pool_seq = s;
  // The pool actor got its message first, but was handed to the pool only
  // once the loop had run every pinned actor the message woke.
  EXPECT_LT(loop_seq, pool_seq);
  uint64_t handoffs = 0;
  on_loop([&] { handoffs = loop.stats().handoffs; });
  EXPECT_GE(handoffs, 1u);
  self->send_exit(hot, caf::exit_reason::user_shutdown);
  self->send_exit(pool, caf::exit_reason::user_shutdown);
}

TEST(hot_loop_plain, WithoutALoopAPinnedActorIsAPlainActor) {
  caf::actor_system_config cfg;
  cfg.set("scheduler.policy", caf::atom("sharing"));
  cfg.set("scheduler.max-threads", size_t{1});
  caf::actor_system sys{cfg};
  std::atomic<int> order{0};
  auto a = spawn_hot(sys, nullptr, pinned_probe, &order);
  caf::scoped_actor self{sys};
  std::string t;
  self->request(a, 5s, atom::get_v)
    .receive([&](const std::string& x) { t = x; },
             [&](caf::error& e) { FAIL() << sys.render(e); });
  EXPECT_FALSE(t.empty());
  EXPECT_NE(t, this_thread());
  self->send_exit(a, caf::exit_reason::user_shutdown);
}
