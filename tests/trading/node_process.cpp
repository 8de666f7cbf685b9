// The karb binary as a child process: fork, the simulator's paper keys in
// its environment, exec; stopped by SIGTERM (bounded) or SIGKILL.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/trading/harness.hpp"

namespace karb::test {

namespace fs = std::filesystem;

node_process::node_process(const fs::path& config, const fs::path& out) {
  std::string exe = std::string{KARB_BIN_DIR} + "/karb";
  std::string cfg = config.string();
  std::string out_path = out.string();
  pid_ = fork();
  if (pid_ == 0) {
    int fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    // The simulator's paper keys (tools/karb-sim/accounts.dev.json).
    setenv("KARB_UPBIT_ACCESS_KEY", "karb-dev-upbit-access", 1);
    setenv("KARB_UPBIT_SECRET_KEY", "karb-dev-upbit-secret-0123456789", 1);
    setenv("KARB_BITHUMB_ACCESS_KEY", "karb-dev-bithumb-access", 1);
    setenv("KARB_BITHUMB_SECRET_KEY", "karb-dev-bithumb-secret-0123456789",
           1);
    execl(exe.c_str(), exe.c_str(), "--config", cfg.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
}

node_process::~node_process() {
  if (running())
    kill9();
}

bool node_process::signal(int sig) {
  return running() && ::kill(pid_, sig) == 0;
}

bool node_process::running() {
  if (pid_ <= 0 || reaped_)
    return false;
  if (waitpid(pid_, &status_, WNOHANG) == pid_) {
    reaped_ = true;
    return false;
  }
  return true;
}

int node_process::stop(milliseconds limit) {
  if (running()) {
    kill(pid_, SIGTERM);
    if (!wait_until([&] { return !running(); }, limit, milliseconds{20})) {
      kill9();
      return -1;
    }
  }
  return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
}

void node_process::kill9() {
  if (pid_ > 0 && !reaped_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status_, 0);
    reaped_ = true;
  }
}

} // namespace karb::test
