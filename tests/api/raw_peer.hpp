#pragma once

// A raw loopback socket for the peers a well-behaved client library cannot
// play: one that drips a request byte by byte, one that speaks WebSocket
// but stops reading. Every read has a deadline.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace karb::test {

class raw_peer {
public:
  /// Connects to 127.0.0.1:port; `rcvbuf` > 0 shrinks the receive buffer
  /// (and so the TCP window) first.
  explicit raw_peer(uint16_t port, int rcvbuf = 0) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (rcvbuf > 0)
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr),
                           sizeof(addr))
                 == 0;
  }
  ~raw_peer() { close(); }
  raw_peer(const raw_peer&) = delete;
  raw_peer& operator=(const raw_peer&) = delete;

  bool connected() const { return connected_; }

  void close() {
    if (fd_ >= 0)
      ::close(fd_);
    fd_ = -1;
  }

  bool send(const std::string& data) {
    size_t off = 0;
    while (off < data.size()) {
      auto n = ::send(fd_, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0)
        return false;
      off += static_cast<size_t>(n);
    }
    return true;
  }

  /// Up to `n` bytes; "" once closed (EOF or reset), nullopt on timeout.
  std::optional<std::string> recv_some(std::chrono::milliseconds timeout,
                                       size_t n = 65536) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0)
      return std::nullopt;
    std::string buf(n, '\0');
    auto got = ::recv(fd_, buf.data(), n, 0);
    buf.resize(got < 0 ? 0 : static_cast<size_t>(got));
    return buf;
  }

  /// Exactly `n` bytes before `deadline`, or nullopt.
  std::optional<std::string>
  recv_exact(size_t n, std::chrono::steady_clock::time_point deadline) {
    std::string out;
    while (out.size() < n) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0)
        return std::nullopt;
      auto part = recv_some(left, n - out.size());
      if (!part || part->empty())
        return std::nullopt;
      out += *part;
    }
    return out;
  }

  /// Reads until the connection closes; the bytes, or nullopt on timeout.
  std::optional<std::string> recv_all(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string out;
    for (;;) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0)
        return std::nullopt;
      auto part = recv_some(left);
      if (!part)
        return std::nullopt;
      if (part->empty())
        return out;
      out += *part;
    }
  }

  // -- WebSocket, client side --------------------------------------------------

  /// Sends the upgrade request and reads the response head; true on 101.
  bool ws_upgrade(const std::string& target) {
    send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
         "Upgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
         "Sec-WebSocket-Version: 13\r\n\r\n");
    std::string head;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{5};
    while (head.find("\r\n\r\n") == std::string::npos) {
      auto c = recv_exact(1, deadline);
      if (!c)
        return false;
      head += *c;
    }
    return head.rfind("HTTP/1.1 101", 0) == 0;
  }

  /// One masked text frame.
  bool ws_send_text(const std::string& text) {
    std::string f;
    f.push_back(static_cast<char>(0x81));
    if (text.size() < 126) {
      f.push_back(static_cast<char>(0x80 | text.size()));
    } else {
      f.push_back(static_cast<char>(0x80 | 126));
      f.push_back(static_cast<char>((text.size() >> 8) & 0xff));
      f.push_back(static_cast<char>(text.size() & 0xff));
    }
    const char mask[4] = {0x12, 0x34, 0x56, 0x78};
    f.append(mask, 4);
    for (size_t i = 0; i < text.size(); ++i)
      f.push_back(static_cast<char>(text[i] ^ mask[i % 4]));
    return send(f);
  }

  struct ws_message {
    int opcode = 0;       ///< 1 text, 8 close
    std::string payload;  ///< for a close: 2 bytes of code, then the reason
  };

  /// The next whole message (fragments joined), or nullopt.
  std::optional<ws_message> ws_read(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    ws_message out;
    for (;;) {
      auto h = recv_exact(2, deadline);
      if (!h)
        return std::nullopt;
      auto b0 = static_cast<uint8_t>((*h)[0]);
      auto b1 = static_cast<uint8_t>((*h)[1]);
      uint64_t len = b1 & 0x7f;
      if (len >= 126) {
        auto ext = recv_exact(len == 126 ? 2 : 8, deadline);
        if (!ext)
          return std::nullopt;
        len = 0;
        for (char c : *ext)
          len = (len << 8) | static_cast<uint8_t>(c);
      }
      auto payload = recv_exact(static_cast<size_t>(len), deadline);
      if (!payload)
        return std::nullopt;
      if ((b0 & 0x0f) == 9 || (b0 & 0x0f) == 10)
        continue; // ping, pong
      if ((b0 & 0x0f) != 0)
        out.opcode = b0 & 0x0f;
      out.payload += *payload;
      if (b0 & 0x80)
        return out;
    }
  }

private:
  int fd_ = -1;
  bool connected_ = false;
};

} // namespace karb::test
