#include "actors/metrics/http_endpoint.hpp"

#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace karb::metrics {

namespace {

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

void write_all(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    auto n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
    if (n <= 0)
      return;
    off += static_cast<size_t>(n);
  }
}

// Reads until the end of the request head (or 8 KiB, or 2 s of silence).
std::string read_head(int fd) {
  std::string head;
  char buf[1024];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < 8192) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0)
      break;
    auto n = ::recv(fd, buf, sizeof(buf), 0);
    if (n <= 0)
      break;
    head.append(buf, static_cast<size_t>(n));
  }
  return head;
}

} // namespace

http_endpoint::~http_endpoint() {
  stop();
}

bool http_endpoint::start(const std::string& bind, uint16_t port, handler h,
                          std::string& error) {
  handler_ = std::move(h);
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  auto host = bind == "localhost" ? std::string{"127.0.0.1"} : bind;
  if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
    error = "not an IPv4 address: " + bind;
    ::close(listen_fd_);
    listen_fd_ = -1;
    return false;
  }
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0
      || ::listen(listen_fd_, 16) != 0) {
    error = std::string{"cannot listen on "} + bind + ":"
            + std::to_string(port) + ": " + std::strerror(errno);
    ::close(listen_fd_);
    listen_fd_ = -1;
    return false;
  }
  socklen_t len = sizeof(addr);
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread{[this] { serve(); }};
  return true;
}

void http_endpoint::stop() {
  stopping_ = true;
  if (thread_.joinable())
    thread_.join();
  if (listen_fd_ >= 0)
    ::close(listen_fd_);
  listen_fd_ = -1;
}

void http_endpoint::serve() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0)
      continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0)
      continue;
    auto head = read_head(fd);
    auto line_end = head.find("\r\n");
    auto line = head.substr(0, line_end);
    auto sp1 = line.find(' ');
    auto sp2 = line.find(' ', sp1 + 1);
    http_reply r;
    if (sp1 == std::string::npos || sp2 == std::string::npos) {
      r = {400, "text/plain", "bad request\n"};
    } else if (line.substr(0, sp1) != "GET") {
      r = {405, "text/plain", "only GET\n"};
    } else {
      auto path = line.substr(sp1 + 1, sp2 - sp1 - 1);
      path = path.substr(0, path.find('?'));
      r = handler_(path);
    }
    write_all(fd, "HTTP/1.1 " + std::to_string(r.status) + " "
                    + reason(r.status) + "\r\nContent-Type: " + r.content_type
                    + "\r\nContent-Length: " + std::to_string(r.body.size())
                    + "\r\nConnection: close\r\n\r\n" + r.body);
    ::close(fd);
  }
}

} // namespace karb::metrics
