#pragma once

// Blocking helpers for the socket tests: every wait has a deadline.

#include <chrono>
#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "exchanges/common/http_client.hpp"
#include "exchanges/common/ws_client.hpp"

namespace karb::test {

using namespace std::chrono_literals;

/// Sends `req` and waits up to `timeout` for the result.
inline std::optional<net::http_result>
send_wait(net::http_client& c, http::request req,
          std::chrono::milliseconds timeout = 10s) {
  auto p = std::make_shared<std::promise<net::http_result>>();
  auto f = p->get_future();
  c.async_send(std::move(req),
               [p](net::http_result r) { p->set_value(std::move(r)); });
  if (f.wait_for(timeout) != std::future_status::ready)
    return std::nullopt;
  return f.get();
}

inline http::request get(std::string target) {
  return http::request{"GET", std::move(target), "", {}, true};
}

inline http::request post(std::string target, std::string body) {
  return http::request{"POST", std::move(target), std::move(body), {}, false};
}

/// Records every ws_client callback; handlers() keeps it alive.
struct ws_probe : std::enable_shared_from_this<ws_probe> {
  struct frame {
    std::string data;
    bool binary;
    int64_t recv_ns;
  };
  mutable std::mutex mtx;
  std::condition_variable cv;
  int opens = 0;
  std::vector<frame> frames;
  std::vector<net::net_error> errors;
  std::vector<std::string> closes;

  net::ws_handlers handlers() {
    auto self = shared_from_this();
    net::ws_handlers h;
    h.on_open = [self] { self->update([&] { ++self->opens; }); };
    h.on_frame = [self](std::string_view d, bool bin, int64_t ns) {
      self->update([&] { self->frames.push_back({std::string(d), bin, ns}); });
    };
    h.on_error = [self](const net::net_error& e) {
      self->update([&] { self->errors.push_back(e); });
    };
    h.on_close = [self](const std::string& r) {
      self->update([&] { self->closes.push_back(r); });
    };
    return h;
  }

  template <class F>
  void update(F f) {
    {
      std::lock_guard<std::mutex> g{mtx};
      f();
    }
    cv.notify_all();
  }

  /// Waits until `pred()` holds (evaluated under the lock).
  template <class Pred>
  bool wait(Pred pred, std::chrono::milliseconds timeout = 5s) {
    std::unique_lock<std::mutex> g{mtx};
    return cv.wait_for(g, timeout, pred);
  }
};

} // namespace karb::test
