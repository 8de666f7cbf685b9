#pragma once

// Keeps the node's secrets (venue keys, signed requests in memory) out of
// core files and away from other processes of the same user: no core file
// at all (RLIMIT_CORE 0) and not dumpable (PR_SET_DUMPABLE 0: no core, no
// ptrace attach, /proc/<pid>/mem and environ closed to the user). Call it
// first thing in main, before any secret is read.

#include <string>

namespace karb::app {

struct hardening {
  bool dumpable = true;      ///< prctl(PR_GET_DUMPABLE) after the call
  long core_limit = -1;      ///< RLIMIT_CORE soft limit after the call
  std::string error;         ///< what failed, if anything
};

/// Turns core dumps off for this process; reports what the kernel now says.
hardening harden_process();

/// What the kernel says now, without changing anything.
hardening process_hardening();

} // namespace karb::app
