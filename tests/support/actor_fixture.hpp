#pragma once

// The deterministic actor fixture: an actor system on CAF's test
// coordinator, driven by hand. `sched.run()` delivers messages only; virtual
// time moves with `advance(d)`, which also fires what became due. Never
// call the coordinator's timer-firing `run()` with periodic actors alive.

#include <chrono>
#include <cstdint>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/scoped_actor.hpp>
#include <gtest/gtest.h>

#include "actors/common/clock.hpp"

namespace karb::test {

class actor_fixture : public ::testing::Test {
protected:
  actor_fixture();
  ~actor_fixture() override;

  /// Delivers every pending message (no timers).
  void run() { sched.run(); }
  /// Moves virtual time forward, fires due timers, delivers what follows.
  void advance(caf::timespan d);
  /// A wall clock that reads `wall0` now and moves with virtual time.
  wall_clock virtual_wall(int64_t wall0);

  caf::actor_system_config cfg;
  caf::actor_system sys;
  caf::scheduler::test_coordinator& sched;
  caf::scoped_actor self;
};

} // namespace karb::test
