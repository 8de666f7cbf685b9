#pragma once

// A local webhook receiver for tests: accepts connections on an ephemeral
// 127.0.0.1 port on its own thread and records each POST's request line
// and body (keep-alive aware), answering 200. Waits are bounded.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace karb::test {

// Accepts connections and records each POST body until stopped.
struct webhook_receiver {
  int fd = -1;
  uint16_t port = 0;
  std::mutex mtx;
  std::condition_variable cv;
  std::vector<std::string> bodies;
  std::vector<std::string> request_lines;
  bool stop = false;
  std::thread thread;

  webhook_receiver() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    ::listen(fd, 4);
    socklen_t len = sizeof(addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    thread = std::thread{[this] { serve(); }};
  }

  ~webhook_receiver() {
    {
      std::lock_guard<std::mutex> g{mtx};
      stop = true;
    }
    thread.join();
    ::close(fd);
  }

  void serve() {
    for (;;) {
      {
        std::lock_guard<std::mutex> g{mtx};
        if (stop)
          return;
      }
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0)
        continue;
      int c = ::accept(fd, nullptr, nullptr);
      std::string data;
      char buf[2048];
      // Read the head, then Content-Length bytes of body (keep-alive).
      for (;;) {
        auto head_end = data.find("\r\n\r\n");
        if (head_end != std::string::npos) {
          auto cl = data.find("Content-Length: ");
          size_t n = cl == std::string::npos
                       ? 0
                       : std::stoul(data.substr(cl + 16));
          if (data.size() >= head_end + 4 + n) {
            std::lock_guard<std::mutex> g{mtx};
            request_lines.push_back(data.substr(0, data.find("\r\n")));
            bodies.push_back(data.substr(head_end + 4, n));
            cv.notify_all();
            std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
            ::send(c, ok.data(), ok.size(), MSG_NOSIGNAL);
            data.erase(0, head_end + 4 + n);
            continue;
          }
        }
        pollfd q{c, POLLIN, 0};
        if (::poll(&q, 1, 2000) <= 0)
          break;
        auto r = ::recv(c, buf, sizeof(buf), 0);
        if (r <= 0)
          break;
        data.append(buf, static_cast<size_t>(r));
      }
      ::close(c);
    }
  }

  bool wait_for(size_t n, std::chrono::milliseconds deadline) {
    std::unique_lock<std::mutex> lk{mtx};
    return cv.wait_for(lk, deadline, [&] { return bodies.size() >= n; });
  }
};


} // namespace karb::test
