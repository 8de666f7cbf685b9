// The node's process hardening: after harden_process() the process is not
// dumpable and may not write a core file. Checked in a child process, so
// the test runner itself stays as it was.

#include "actors/app/hardening.hpp"

#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

/// Runs `f` in a child; its exit code.
template <class F>
int in_child(F f) {
  auto pid = ::fork();
  if (pid == 0)
    ::_exit(f());
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

TEST(Hardening, TurnsDumpingAndCoreFilesOff) {
  auto rc = in_child([] {
    if (::prctl(PR_GET_DUMPABLE) != 1)
      return 10; // the check below would prove nothing
    auto h = karb::app::harden_process();
    if (!h.error.empty())
      return 11;
    if (::prctl(PR_GET_DUMPABLE) != 0 || h.dumpable)
      return 12;
    rlimit rl{};
    if (::getrlimit(RLIMIT_CORE, &rl) != 0 || rl.rlim_cur != 0
        || rl.rlim_max != 0 || h.core_limit != 0)
      return 13;
    return 0;
  });
  EXPECT_EQ(rc, 0);
}

TEST(Hardening, ReportsWhatTheKernelSaysWithoutChangingIt) {
  auto before = karb::app::process_hardening();
  EXPECT_EQ(before.dumpable, ::prctl(PR_GET_DUMPABLE) == 1);
  EXPECT_TRUE(karb::app::process_hardening().dumpable == before.dumpable);
}
