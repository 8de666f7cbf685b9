// The karb-sim executable: options, start-up lines, clean exit on SIGTERM,
// and the --sign helper.

#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "exchanges/common/jwt.hpp"
#include "tools/karb-sim/options.hpp"

namespace {

struct child {
  pid_t pid = -1;
  int out = -1;
};

child spawn(std::vector<std::string> args) {
  int fds[2];
  if (pipe(fds) != 0)
    return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    std::vector<char*> argv;
    for (auto& a : args)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  return {pid, fds[0]};
}

/// Reads until `lines` newlines or the deadline.
std::string read_lines(int fd, int lines, std::chrono::milliseconds limit) {
  std::string out;
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::count(out.begin(), out.end(), '\n') < lines
         && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0)
      continue;
    char buf[512];
    auto n = read(fd, buf, sizeof buf);
    if (n <= 0)
      break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

int wait_exit(pid_t pid, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    poll(nullptr, 0, 20);
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -1;
}

const std::string exe = std::string{KARB_BIN_DIR} + "/karb-sim";

} // namespace

TEST(Options, ParsesTheDocumentedFlags) {
  std::string error;
  auto o = karb::sim::parse_options(
    {"--venues", "bithumb", "--port-base", "0", "--seed", "9", "--tls",
     "--ca-out", "/tmp/ca.pem", "--admin-port", "0", "--book-hz", "50",
     "--request-log", "/tmp/r.jsonl", "--fault", "bithumb:http_500=2"},
    error);
  ASSERT_TRUE(o) << error;
  EXPECT_EQ(o->venues.size(), 1u);
  EXPECT_EQ(o->seed, 9u);
  EXPECT_TRUE(o->tls);
  EXPECT_EQ(o->book_hz, 50);
  ASSERT_EQ(o->faults.size(), 1u);
  EXPECT_EQ(o->faults[0]["count"], 2);
  EXPECT_FALSE(karb::sim::parse_options({"--venues", "binance"}, error));
  EXPECT_FALSE(karb::sim::parse_options({"--cert", "x"}, error));
  EXPECT_FALSE(karb::sim::parse_options({"--book-hz", "0"}, error));
}

TEST(Executable, PrintsOneLinePerVenueAndExitsCleanlyOnSigterm) {
  auto c = spawn({exe, "--port-base", "0", "--admin-port", "0", "--seed", "7"});
  ASSERT_GT(c.pid, 0);
  auto out = read_lines(c.out, 3, std::chrono::milliseconds(10000));
  EXPECT_NE(out.find("upbit listening on http://127.0.0.1:"), std::string::npos) << out;
  EXPECT_NE(out.find("bithumb listening on http://127.0.0.1:"), std::string::npos);
  EXPECT_NE(out.find("admin listening"), std::string::npos);
  kill(c.pid, SIGTERM);
  EXPECT_EQ(wait_exit(c.pid, std::chrono::milliseconds(10000)), 0);
  close(c.out);
}

TEST(Executable, SignPrintsAVerifiableBearerToken) {
  auto c = spawn({exe, "--sign", "--access-key", "k", "--secret-key", "s",
                  "--query", "market=KRW-BTC", "--venue", "bithumb"});
  ASSERT_GT(c.pid, 0);
  auto out = read_lines(c.out, 1, std::chrono::milliseconds(10000));
  EXPECT_EQ(wait_exit(c.pid, std::chrono::milliseconds(10000)), 0);
  close(c.out);
  ASSERT_TRUE(out.starts_with("Bearer ")) << out;
  auto token = out.substr(7, out.find('\n') - 7);
  auto v = karb::jwt::verify(token, "s");
  ASSERT_TRUE(v);
  EXPECT_NE(v->payload_json.find("\"timestamp\":"), std::string::npos);
  EXPECT_NE(v->payload_json.find("\"query_hash\":"), std::string::npos);
}
