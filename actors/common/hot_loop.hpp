#pragma once

// The hot loop: one thread that runs both the asio io_context of the
// feeds and order sessions AND the actors on the way from a frame to an
// order (feed, books, strategies, risk, execution, trades, orders, the
// venues' REST actors). It is a CAF execution unit: an actor "pinned" to
// it is only ever resumed here, so a message between two pinned actors is
// a queue push and a function call on the same thread, never a wake-up of
// another thread.
//
// How a cycle runs: a socket handler (or a posted job) makes actors ready;
// the loop resumes them until none is ready, depth first (an actor woken
// by a message sent on the loop runs next, so an order reaches its REST
// actor before the second leg is set up); only then does it hand the
// actors of the CAF pool (store, bus, metrics, portfolio, market data,
// alerts, inspector) that those messages woke to the pool's scheduler, and
// run the work deferred with `defer` (timers, events, logs). So the thread
// pays no wake-up and no syscall of the off-path world before the cycle's
// request bytes are written; it never waits for the pool either
// (mailboxes are lock-free and unbounded; the pool drains them later).
//
// Messages from other threads (pool actors, the clock, the private
// streams) to a pinned actor are posted to the io_context: that one wakes
// the hot thread, off the path.
//
// Without a hot loop (tests under the deterministic coordinator, tools)
// a pinned actor behaves exactly as its base class.

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include <caf/actor_cast.hpp>
#include <caf/actor_config.hpp>
#include <caf/actor_system.hpp>
#include <caf/execution_unit.hpp>
#include <caf/mailbox_element.hpp>
#include <caf/resumable.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>

namespace karb::net {
class io_runner;
} // namespace karb::net

namespace karb {

class hot_loop;

/// What a pinned actor shares with the loop: the loop it belongs to.
class hot_member {
public:
  virtual ~hot_member() = default;
  hot_loop* home() const {
    return home_;
  }

protected:
  hot_loop* home_ = nullptr;
};

/// The execution unit a pinned actor hands itself to when it becomes
/// ready: it knows the actor is the loop's (no type test per message).
class hot_port final : public caf::execution_unit {
public:
  explicit hot_port(hot_loop* loop);
  void exec_later(caf::resumable* ptr) override;

private:
  hot_loop* loop_;
};

class hot_loop final : public caf::execution_unit {
public:
  /// `io` must run exactly one thread (the hot thread) and outlive every
  /// pinned actor.
  hot_loop(caf::actor_system& sys, net::io_runner& io);

  /// CAF: `ptr`, not one of the loop's actors, became ready by a message
  /// sent on the loop: it goes to the pool's scheduler after the cycle.
  void exec_later(caf::resumable* ptr) override;

  /// `ptr`, one of the loop's actors, became ready: it runs in this cycle
  /// (next: depth first), or is posted to the loop from another thread.
  void exec_pinned(caf::resumable* ptr);

  /// Runs `f` after the current cycle's actors (on the hot thread); from
  /// another thread, posts it.
  void defer(std::function<void()> f);

  /// Whether the caller runs on the hot thread.
  bool in_loop() const;

  /// `eu` as a hot loop, or null.
  static hot_loop* of(caf::execution_unit* eu);

  /// Counters (read them on the hot thread).
  struct counters {
    uint64_t cycles = 0;   ///< cycles run
    uint64_t resumes = 0;  ///< actor resumptions
    uint64_t handoffs = 0; ///< pool actors handed to the scheduler
    uint64_t posted = 0;   ///< readiness posted from other threads
  };
  const counters& stats() const {
    return stats_;
  }

private:
  void ready(caf::resumable* ptr);
  void schedule();
  void run_cycle();

  net::io_runner& io_;
  std::deque<caf::resumable*> ready_;
  std::vector<caf::resumable*> handoff_;
  std::vector<std::function<void()>> deferred_;
  bool scheduled_ = false;
  counters stats_;
};

/// `Base` (a CAF event-based actor type) pinned to the hot loop it was
/// spawned on (the `host` of its actor_config: see `spawn_hot`, or a
/// pinned parent's `self->spawn`).
template <class Base>
class pinned : public Base, public hot_member {
public:
  explicit pinned(caf::actor_config& cfg)
    : Base(cfg), port_(hot_loop::of(cfg.host)) {
    home_ = hot_loop::of(cfg.host);
  }

  void enqueue(caf::mailbox_element_ptr ptr, caf::execution_unit* eu) override {
    Base::enqueue(std::move(ptr), home_ ? &port_ : eu);
  }

  void launch(caf::execution_unit* eu, bool lazy, bool hide) override {
    Base::launch(home_ ? &port_ : eu, lazy, hide);
  }

private:
  hot_port port_;
};

/// The `self` type of a stateful actor of interface `Handle` that may run
/// on the hot loop.
template <class Handle, class State>
using hot_pointer = caf::stateful_actor<State, pinned<typename Handle::base>>*;

/// Spawns `fun(self, xs...)` on `loop` (or as a plain actor when `loop` is
/// null). Options as for `actor_system::spawn` (no link or monitor).
template <caf::spawn_options Os = caf::no_spawn_options, class F, class... Ts>
auto spawn_hot(caf::actor_system& sys, hot_loop* loop, F fun, Ts&&... xs) {
  caf::actor_config cfg{loop};
  return sys.spawn_functor<Os>(std::true_type{}, cfg, fun,
                               std::forward<Ts>(xs)...);
}

/// Arms `self`'s timer `xs...` after `delay`: after the cycle when `self`
/// runs on a hot loop (arming wakes the clock thread), at once otherwise.
template <class Self, class... Ts>
void arm_timer(Self* self, caf::timespan delay, Ts... xs) {
  auto* member = static_cast<hot_member*>(self);
  if (auto* loop = member->home(); loop && loop->in_loop()) {
    auto hdl = caf::actor_cast<caf::strong_actor_ptr>(self);
    loop->defer([hdl, delay, xs...] {
      caf::delayed_anon_send(caf::actor_cast<caf::actor>(hdl), delay, xs...);
    });
    return;
  }
  self->delayed_send(self, delay, xs...);
}

/// Runs `f` after the cycle when `self` runs on a hot loop, at once
/// otherwise. `f` must not touch `self` (the actor may have quit by then):
/// capture values and handles.
template <class Self, class F>
void after_cycle(Self* self, F f) {
  auto* member = static_cast<hot_member*>(self);
  if (auto* loop = member->home(); loop && loop->in_loop()) {
    loop->defer(std::move(f));
    return;
  }
  f();
}

/// Sends `xs...` to `dest` (anonymously) after the cycle when `self` runs
/// on a hot loop, so that it is not on the way to the cycle's writes; at
/// once otherwise.
template <class Self, class Dest, class... Ts>
void send_after_cycle(Self* self, const Dest& dest, Ts... xs) {
  auto* member = static_cast<hot_member*>(self);
  if (auto* loop = member->home(); loop && loop->in_loop()) {
    loop->defer([dest, xs...] { caf::anon_send(dest, xs...); });
    return;
  }
  self->send(dest, xs...);
}

} // namespace karb
