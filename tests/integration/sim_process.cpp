#include "tests/integration/sim_process.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <regex>

namespace karb::test {

namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

int remaining_ms(steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<milliseconds>(deadline
                                                       - steady_clock::now());
  return static_cast<int>(std::max<int64_t>(0, left.count()));
}

} // namespace

sim_process::sim_process(std::vector<std::string> args,
                         milliseconds ready_within) {
  int fds[2];
  if (pipe(fds) != 0) {
    error_ = "pipe failed";
    return;
  }
  std::string exe = std::string{KARB_BIN_DIR} + "/karb-sim";
  args.insert(args.begin(), exe);
  pid_ = fork();
  if (pid_ == 0) {
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
  out_ = fds[0];
  if (pid_ < 0) {
    error_ = "fork failed";
    return;
  }
  // Reads start-up lines until the admin line (printed last) or deadline.
  std::regex line_re{
    R"(karb-sim: (\w+) listening on \w+://127\.0\.0\.1:(\d+))"};
  std::string text;
  auto deadline = steady_clock::now() + ready_within;
  while (ports_.count("admin") == 0) {
    int left = remaining_ms(deadline);
    if (left == 0) {
      error_ = "karb-sim not ready in time; output: " + text;
      return;
    }
    pollfd p{out_, POLLIN, 0};
    if (poll(&p, 1, left) <= 0)
      continue;
    char buf[1024];
    auto n = read(out_, buf, sizeof buf);
    if (n <= 0) {
      error_ = "karb-sim exited; output: " + text;
      return;
    }
    text.append(buf, static_cast<size_t>(n));
    ports_.clear();
    for (std::sregex_iterator i{text.begin(), text.end(), line_re}, end;
         i != end; ++i)
      ports_[(*i)[1]] = std::stoi((*i)[2]);
  }
}

sim_process::~sim_process() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    auto deadline = steady_clock::now() + std::chrono::seconds{5};
    int status = 0;
    bool gone = false;
    while (!gone && steady_clock::now() < deadline) {
      gone = waitpid(pid_, &status, WNOHANG) == pid_;
      if (!gone)
        poll(nullptr, 0, 10);
    }
    if (!gone) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
    }
  }
  if (out_ >= 0)
    close(out_);
}

int sim_process::port(const std::string& name) const {
  auto i = ports_.find(name);
  return i == ports_.end() ? 0 : i->second;
}

admin_reply http_call(int port, const std::string& method,
                      const std::string& target, const std::string& body,
                      milliseconds limit) {
  admin_reply out;
  auto deadline = steady_clock::now() + limit;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    return out;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return out;
  }
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + std::to_string(body.size())
                    + "\r\n\r\n" + body;
  if (write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) {
    close(fd);
    return out;
  }
  std::string text;
  for (;;) {
    int left = remaining_ms(deadline);
    pollfd p{fd, POLLIN, 0};
    if (left == 0 || poll(&p, 1, left) <= 0)
      break;
    char buf[4096];
    auto n = read(fd, buf, sizeof buf);
    if (n <= 0)
      break;
    text.append(buf, static_cast<size_t>(n));
    auto sep = text.find("\r\n\r\n");
    auto cl = text.find("Content-Length: ");
    if (sep != std::string::npos && cl != std::string::npos && cl < sep) {
      auto len = std::strtoul(text.c_str() + cl + 16, nullptr, 10);
      if (text.size() >= sep + 4 + len)
        break;
    }
  }
  close(fd);
  if (text.size() < 12 || text.compare(0, 5, "HTTP/") != 0)
    return out;
  out.status = std::atoi(text.c_str() + 9);
  auto sep = text.find("\r\n\r\n");
  if (sep != std::string::npos)
    out.body = text.substr(sep + 4);
  return out;
}

} // namespace karb::test
