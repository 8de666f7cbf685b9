// The karb binary as a child process: fork, the simulator's paper keys in
// its environment, exec; stopped by SIGTERM (bounded) or SIGKILL.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <initializer_list>
#include <utility>

#include "tests/trading/harness.hpp"

namespace karb::test {

namespace fs = std::filesystem;

namespace {

// The simulator's paper keys for all six venues
// (tools/karb-sim/accounts.dev.json).
void set_paper_keys() {
  for (auto [k, v] : std::initializer_list<std::pair<const char*, const char*>>{
         {"KARB_UPBIT_ACCESS_KEY", "karb-dev-upbit-access"},
         {"KARB_UPBIT_SECRET_KEY", "karb-dev-upbit-secret-0123456789"},
         {"KARB_BITHUMB_ACCESS_KEY", "karb-dev-bithumb-access"},
         {"KARB_BITHUMB_SECRET_KEY", "karb-dev-bithumb-secret-0123456789"},
         {"KARB_BINANCE_SPOT_ACCESS_KEY", "karb-dev-binance-spot-access"},
         {"KARB_BINANCE_SPOT_SECRET_KEY",
          "karb-dev-binance-spot-secret-0123456789"},
         {"KARB_OKX_ACCESS_KEY", "karb-dev-okx-access"},
         {"KARB_OKX_SECRET_KEY", "karb-dev-okx-secret-0123456789"},
         {"KARB_OKX_PASSPHRASE", "karb-dev-okx-passphrase"},
         {"KARB_BYBIT_ACCESS_KEY", "karb-dev-bybit-access"},
         {"KARB_BYBIT_SECRET_KEY", "karb-dev-bybit-secret-0123456789"},
         {"KARB_BINANCE_USDM_ACCESS_KEY", "karb-dev-binance-usdm-access"},
         {"KARB_BINANCE_USDM_SECRET_KEY",
          "karb-dev-binance-usdm-secret-0123456789"}})
    setenv(k, v, 1);
}

} // namespace

cli_result run_karb(const std::vector<std::string>& args,
                    milliseconds limit) {
  std::string exe = std::string{KARB_BIN_DIR} + "/karb";
  int fds[2];
  if (pipe(fds) != 0)
    return {};
  std::vector<std::string> argv_s{exe};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[0]);
    close(fds[1]);
    set_paper_keys();
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  close(fds[1]);
  cli_result out;
  auto deadline = std::chrono::steady_clock::now() + limit;
  char buf[4096];
  for (;;) {
    auto left = std::chrono::duration_cast<milliseconds>(
      deadline - std::chrono::steady_clock::now());
    pollfd p{fds[0], POLLIN, 0};
    if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0)
      break; // deadline
    auto n = read(fds[0], buf, sizeof(buf));
    if (n <= 0)
      break; // end of output
    out.out.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) != pid) {
    // Output closed but not yet exited, or the deadline passed.
    if (!wait_until([&] { return waitpid(pid, &status, WNOHANG) == pid; },
                    std::chrono::steady_clock::now() < deadline
                      ? std::chrono::duration_cast<milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                      : milliseconds{0},
                    milliseconds{10})) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return out;
    }
  }
  out.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

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
    set_paper_keys();
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
