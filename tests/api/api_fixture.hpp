#pragma once

// Test helpers for the API: a recording control function, a server on
// port 0 over a board the test fills, and blocking clients with deadlines.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <string>
#include <vector>

#include "actors/api/server.hpp"
#include "exchanges/common/http_client.hpp"
#include "exchanges/common/io_runner.hpp"
#include "exchanges/common/tls_context.hpp"
#include "exchanges/common/ws_client.hpp"

namespace karb::test {

using namespace std::chrono_literals;

inline const std::string api_token = "test-token-0123456789";

/// Records each control command; answers `reply` at once, or holds the
/// answer until release() when `hold` is set.
struct control_recorder {
  std::mutex mtx;
  std::vector<std::vector<std::string>> calls;
  std::string reply = R"({"command":"ok"})";
  bool hold = false;
  std::vector<api::control_done> held;

  api::control_fn fn() {
    return [this](std::vector<std::string> args, api::control_done done) {
      std::unique_lock<std::mutex> guard{mtx};
      calls.push_back(std::move(args));
      if (hold) {
        held.push_back(std::move(done));
        return;
      }
      auto r = reply;
      guard.unlock();
      done(r);
    };
  }

  std::vector<std::vector<std::string>> recorded() {
    std::lock_guard<std::mutex> guard{mtx};
    return calls;
  }

  void release(const std::string& r) {
    std::vector<api::control_done> xs;
    {
      std::lock_guard<std::mutex> guard{mtx};
      xs.swap(held);
    }
    for (auto& d : xs)
      d(r);
  }
};

/// The router's inputs, as a test sets them up.
inline api::router_setup test_routes(std::shared_ptr<api::snapshot_board> b,
                                     control_recorder& rec,
                                     std::string token = api_token) {
  api::router_setup s;
  s.board = std::move(b);
  s.control = rec.fn();
  s.token = secret{std::move(token)};
  s.metrics_text = [] { return std::string{"karb_up 1\n"}; };
  return s;
}

/// Waits up to `timeout` for `pred`, checking every millisecond.
template <class Pred>
bool wait_until(Pred pred, std::chrono::milliseconds timeout = 5s) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline)
      return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

/// One HTTP call with a deadline.
inline net::http_result
http_call(net::io_runner& io, const std::string& base_url,
          http::request req, std::shared_ptr<net::tls_context> tls = nullptr) {
  net::http_client_config cfg;
  cfg.base_url = base_url;
  cfg.request_timeout = 5s;
  cfg.retry.max_attempts = 1;
  net::http_client c{io, cfg, std::move(tls)};
  auto p = std::make_shared<std::promise<net::http_result>>();
  auto f = p->get_future();
  c.async_send(std::move(req),
               [p](net::http_result r) { p->set_value(std::move(r)); });
  if (f.wait_for(10s) != std::future_status::ready) {
    net::http_result timed_out;
    timed_out.error.kind = net::error_kind::timeout;
    timed_out.error.message = "no result in 10 s";
    return timed_out;
  }
  return f.get();
}

inline http::request request(std::string method, std::string target,
                             std::string body = {},
                             std::optional<std::string> token = {}) {
  http::request r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.body = std::move(body);
  r.idempotent = r.method == "GET";
  if (token)
    r.headers.emplace_back("Authorization", "Bearer " + *token);
  return r;
}

/// A WebSocket client collecting every text message. Its handlers share
/// the state (the client may call one after it is gone).
class ws_probe {
public:
  ws_probe(net::io_runner& io, const std::string& url,
           std::vector<http::header> headers = {},
           std::shared_ptr<net::tls_context> tls = nullptr)
    : s_(std::make_shared<state>()) {
    net::ws_config cfg;
    cfg.url = url;
    cfg.headers = std::move(headers);
    cfg.ping_interval = 0ms;
    cfg.heartbeat_timeout = 0ms;
    net::ws_handlers h;
    h.on_open = [s = s_] { s->set([&] { s->open = true; }); };
    h.on_frame = [s = s_](std::string_view data, bool, int64_t) {
      s->set([&] { s->frames.emplace_back(data); });
    };
    h.on_close = [s = s_](const std::string& reason) {
      s->set([&] { s->closed = reason; });
    };
    client_ = std::make_unique<net::ws_client>(io, cfg, h, std::move(tls));
    client_->connect();
  }

  /// Whether the upgrade succeeded within `t`.
  bool wait_open(std::chrono::milliseconds t = 5s) {
    std::unique_lock<std::mutex> guard{s_->mtx};
    s_->cv.wait_for(guard, t, [&] { return s_->open || s_->closed; });
    return s_->open;
  }

  void send(std::string text) { client_->send_text(std::move(text)); }

  /// The next message, or nullopt after `t`.
  std::optional<std::string> next(std::chrono::milliseconds t = 5s) {
    std::unique_lock<std::mutex> guard{s_->mtx};
    if (!s_->cv.wait_for(guard, t, [&] { return !s_->frames.empty(); }))
      return std::nullopt;
    auto f = std::move(s_->frames.front());
    s_->frames.pop_front();
    return f;
  }

  /// The close reason once closed (waits up to `t`).
  std::optional<std::string> closed(std::chrono::milliseconds t = 5s) {
    std::unique_lock<std::mutex> guard{s_->mtx};
    s_->cv.wait_for(guard, t, [&] { return s_->closed.has_value(); });
    return s_->closed;
  }

private:
  struct state {
    std::mutex mtx;
    std::condition_variable cv;
    bool open = false;
    std::optional<std::string> closed;
    std::deque<std::string> frames;

    template <class F>
    void set(F f) {
      {
        std::lock_guard<std::mutex> guard{mtx};
        f();
      }
      cv.notify_all();
    }
  };

  std::shared_ptr<state> s_;
  std::unique_ptr<net::ws_client> client_;
};

} // namespace karb::test
