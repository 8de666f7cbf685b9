#include "tests/support/actor_fixture.hpp"

#include "messages/type_ids.hpp"

namespace karb::test {

namespace {

caf::actor_system_config& prepare(caf::actor_system_config& cfg) {
  cfg.set("scheduler.policy", caf::atom("testing"));
  cfg.set("logger.file-verbosity", caf::atom("quiet"));
  cfg.set("logger.console-verbosity", caf::atom("quiet"));
  cfg.add_message_types<caf::id_block::karb>();
  return cfg;
}

} // namespace

actor_fixture::actor_fixture()
  : sys(prepare(cfg)),
    sched(dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler())),
    self(sys, true) {
  // nop
}

actor_fixture::~actor_fixture() {
  sched.run();
}

void actor_fixture::advance(caf::timespan d) {
  sched.run();
  sched.advance_time(d);
  sched.run();
}

wall_clock actor_fixture::virtual_wall(int64_t wall0) {
  auto& clock = sched.clock();
  auto start = clock.now();
  return [&clock, start, wall0] {
    auto elapsed = clock.now() - start;
    return wall0
           + std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed)
               .count();
  };
}

} // namespace karb::test
