#include "tools/karb-bench/child.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace karb::bench {

namespace {

constexpr size_t max_children = 16;
std::array<std::atomic<pid_t>, max_children> live{};

void remember(pid_t p) {
  for (auto& slot : live) {
    pid_t none = 0;
    if (slot.compare_exchange_strong(none, p))
      return;
  }
}

void forget(pid_t p) {
  for (auto& slot : live) {
    pid_t want = p;
    slot.compare_exchange_strong(want, 0);
  }
}

std::vector<char*> c_args(const std::vector<std::string>& argv) {
  std::vector<char*> out;
  for (auto& a : argv)
    out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

extern "C" void on_signal(int) {
  kill_all();
  _exit(130);
}

} // namespace

void kill_all() {
  for (auto& slot : live) {
    pid_t p = slot.exchange(0);
    if (p > 0)
      ::kill(p, SIGKILL);
  }
}

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);
}

child::child(const std::vector<std::string>& argv,
             const std::map<std::string, std::string>& env,
             const std::string& out) {
  auto args = c_args(argv);
  pid_ = fork();
  if (pid_ < 0)
    throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL); // no orphan if the bench dies
    int fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    for (auto& [k, v] : env)
      setenv(k.c_str(), v.c_str(), 1);
    execv(args[0], args.data());
    _exit(127);
  }
  remember(pid_);
}

child::~child() {
  stop(std::chrono::milliseconds{2000});
}

bool child::running() {
  if (pid_ <= 0 || reaped_)
    return false;
  if (waitpid(pid_, &status_, WNOHANG) == pid_) {
    reaped_ = true;
    forget(pid_);
    return false;
  }
  return true;
}

int child::stop(std::chrono::milliseconds grace) {
  if (running()) {
    ::kill(pid_, SIGTERM);
    auto deadline = std::chrono::steady_clock::now() + grace;
    while (running() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds{10});
    if (running()) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, &status_, 0);
      reaped_ = true;
      forget(pid_);
      return -1;
    }
  }
  if (!reaped_)
    return -1;
  return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
}

std::string run_capture(const std::vector<std::string>& argv,
                        std::chrono::milliseconds limit, int* exit_code) {
  int fds[2];
  if (pipe(fds) != 0)
    throw std::runtime_error("pipe failed");
  auto args = c_args(argv);
  pid_t p = fork();
  if (p == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0)
      dup2(devnull, 2);
    execv(args[0], args.data());
    _exit(127);
  }
  remember(p);
  close(fds[1]);
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  bool done = false;
  char buf[65536];
  while (!done) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (waitpid(p, &status, WNOHANG) == p) {
      done = true;
      while ((n = read(fds[0], buf, sizeof buf)) > 0)
        out.append(buf, static_cast<size_t>(n));
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(p, SIGKILL);
      waitpid(p, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{2});
  }
  forget(p);
  close(fds[0]);
  if (exit_code)
    *exit_code = done && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

} // namespace karb::bench
