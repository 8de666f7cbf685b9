#include "tools/karb-bench/probes.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace karb::bench {

namespace {

double kb_field(const std::string& text, const std::string& key) {
  auto at = text.find(key);
  if (at == std::string::npos)
    return 0;
  return std::strtod(text.c_str() + at + key.size(), nullptr) / 1024.0;
}

std::string slurp(const std::string& path) {
  std::ifstream in{path};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace

proc_sample sample(pid_t pid) {
  proc_sample out;
  auto base = "/proc/" + std::to_string(pid);
  auto status = slurp(base + "/status");
  out.rss_mb = kb_field(status, "VmRSS:");
  out.hwm_mb = kb_field(status, "VmHWM:");
  auto stat = slurp(base + "/stat");
  auto close = stat.rfind(')');
  if (close != std::string::npos) {
    std::istringstream in{stat.substr(close + 2)};
    std::string field;
    // Fields after the name start at 3 (state); utime is 14, stime 15.
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && in >> field; ++i) {
      if (i == 14)
        utime = std::stod(field);
      if (i == 15)
        stime = std::stod(field);
    }
    out.cpu_s = (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
  }
  return out;
}

double slope(const std::vector<std::pair<double, double>>& xy) {
  if (xy.size() < 2)
    return 0;
  double n = static_cast<double>(xy.size()), sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (auto& [x, y] : xy) {
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  double d = n * sxx - sx * sx;
  return d > 0 ? (n * sxy - sx * sy) / d : 0;
}

std::string cpu_model() {
  std::ifstream in{"/proc/cpuinfo"};
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      auto colon = line.find(':');
      return colon == std::string::npos ? line : line.substr(colon + 2);
    }
  return "unknown";
}

unsigned cpu_cores() {
  auto n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

std::string load_average() {
  std::ifstream in{"/proc/loadavg"};
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

http_result http_call(int port, const std::string& method,
                      const std::string& target, const std::string& body,
                      int timeout_ms) {
  http_result out;
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
                    + "Content-Type: application/json\r\nContent-Length: "
                    + std::to_string(body.size())
                    + "\r\nConnection: close\r\n\r\n" + body;
  if (send(fd, req.data(), req.size(), MSG_NOSIGNAL)
      != static_cast<ssize_t>(req.size())) {
    close(fd);
    return out;
  }
  std::string resp;
  auto deadline = std::chrono::steady_clock::now()
                  + std::chrono::milliseconds{timeout_ms};
  char buf[16384];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                  deadline - std::chrono::steady_clock::now())
                  .count();
    if (left <= 0)
      break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0)
      break;
    auto n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0)
      break;
    resp.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  auto sp = resp.find(' ');
  auto head_end = resp.find("\r\n\r\n");
  if (sp == std::string::npos || head_end == std::string::npos)
    return out;
  out.status = std::atoi(resp.c_str() + sp + 1);
  out.body = resp.substr(head_end + 4);
  return out;
}

nlohmann::json json_of(const http_result& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_discarded() ? nlohmann::json::object() : j;
}

int port_from_log(const std::string& log_path, const std::string& event) {
  std::ifstream in{log_path};
  std::string line;
  auto tag = "\"" + event + "\"";
  while (std::getline(in, line)) {
    if (line.find(tag) == std::string::npos)
      continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || j.value("event", "") != event)
      continue;
    if (j.contains("fields") && j["fields"].contains("port"))
      return j["fields"]["port"].get<int>();
  }
  return 0;
}

int sim_port(const std::string& out_path, const std::string& what) {
  std::ifstream in{out_path};
  std::string line;
  auto tag = "karb-sim: " + what + " listening on http://127.0.0.1:";
  while (std::getline(in, line)) {
    auto at = line.find(tag);
    if (at != std::string::npos)
      return std::atoi(line.c_str() + at + tag.size());
  }
  return 0;
}

} // namespace karb::bench
