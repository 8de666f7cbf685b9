#pragma once

// Child processes of karb-bench: started with fork/exec (stdout and stderr
// to a file, SIGKILL if the bench dies), stopped with SIGTERM then SIGKILL.
// Every live child is also killed by `kill_all()`, which the bench calls on
// every exit path (normal return, exception, SIGINT/SIGTERM).

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace karb::bench {

class child {
public:
  /// Starts `argv[0]` with `argv`, extra environment `env`, output to `out`.
  child(const std::vector<std::string>& argv,
        const std::map<std::string, std::string>& env, const std::string& out);
  ~child();
  child(const child&) = delete;
  child& operator=(const child&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  /// SIGTERM, then SIGKILL after `grace`; the exit code or -1.
  int stop(std::chrono::milliseconds grace = std::chrono::milliseconds{3000});

private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
};

/// SIGKILLs every child still running (async-signal-safe).
void kill_all();
/// Installs SIGINT/SIGTERM handlers that kill the children and exit.
void install_signal_handlers();

/// Runs a command to completion (at most `limit`), returns its stdout.
std::string run_capture(const std::vector<std::string>& argv,
                        std::chrono::milliseconds limit, int* exit_code);

} // namespace karb::bench
