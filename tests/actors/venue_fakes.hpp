#pragma once

// Fake venue network for actor tests: WebSocket attempts and HTTP calls
// are recorded; the test plays the I/O thread by calling their handlers.

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include <caf/all.hpp>

#include "actors/venue/transport.hpp"
#include "messages/interfaces.hpp"

namespace karb::test {

struct fake_ws_conn {
  net::ws_config cfg;
  net::ws_handlers h;
  bool connected = false;
  bool closed = false;
  bool destroyed = false;
  std::vector<std::string> sent;
};

struct fake_http_call {
  http::request req;
  net::http_callback cb;
};

struct fake_net {
  std::deque<fake_ws_conn> ws;
  std::deque<fake_http_call> http;

  venue::venue_io io();
};

class fake_ws final : public venue::ws_transport {
public:
  fake_ws(std::shared_ptr<fake_net> n, size_t i) : net_(std::move(n)), i_(i) {}
  ~fake_ws() override { net_->ws[i_].destroyed = true; }
  void connect() override { net_->ws[i_].connected = true; }
  void send_text(std::string d) override {
    net_->ws[i_].sent.push_back(std::move(d));
  }
  void close() override { net_->ws[i_].closed = true; }

private:
  std::shared_ptr<fake_net> net_;
  size_t i_;
};

class fake_http final : public venue::http_transport {
public:
  explicit fake_http(std::shared_ptr<fake_net> n) : net_(std::move(n)) {}
  void async_send(http::request req, net::http_callback cb) override {
    net_->http.push_back({std::move(req), std::move(cb)});
  }
  void close() override {}

private:
  std::shared_ptr<fake_net> net_;
};

/// Factories over a shared fake_net (kept alive by the closures).
inline venue::venue_io make_fake_io(std::shared_ptr<fake_net> n) {
  venue::venue_io io;
  io.make_ws = [n](net::ws_config cfg, net::ws_handlers h) {
    fake_ws_conn c;
    c.cfg = std::move(cfg);
    c.h = std::move(h);
    n->ws.push_back(std::move(c));
    return std::unique_ptr<venue::ws_transport>(
      new fake_ws(n, n->ws.size() - 1));
  };
  io.make_http = [n](net::http_client_config) {
    return std::shared_ptr<venue::http_transport>(new fake_http(n));
  };
  return io;
}

/// A book actor that records what it receives.
struct book_probe_state {
  std::shared_ptr<std::vector<order_book>> books;
  static inline const char* name = "book_probe";
};

inline book_actor::behavior_type
book_probe(book_actor::stateful_pointer<book_probe_state> self,
           std::shared_ptr<std::vector<order_book>> out) {
  self->state.books = out;
  return {
    [=](const order_book& b) { self->state.books->push_back(b); },
    [=](atom::ws_data) {},
    [=](atom::get) { return book_view{}; },
    [=](atom::subscribe, const book_listener_actor&) {},
    [=](atom::subscribe, const book_listener_actor&, caf::timespan) {},
    [=](atom::publish) {},
    [=](atom::unsubscribe, const book_listener_actor&) {},
    [=](const book_delta&) {},
    [=](atom::stats) { return book_stats{}; },
    [=](atom::tick) {},
  };
}

/// An order listener that records what it receives.
inline order_listener_actor::behavior_type
order_probe(order_listener_actor::pointer,
            std::shared_ptr<std::vector<order_update>> out) {
  return {
    [=](const order_update& u) { out->push_back(u); },
    [=](atom::reconnect, const std::string&) {},
  };
}

} // namespace karb::test
