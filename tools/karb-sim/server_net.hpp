#pragma once

// Beast sessions of the simulator's server. Included by server.cpp only
// (the single Beast translation unit of karb-sim).

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "tools/karb-sim/bn_json.hpp"
#include "tools/karb-sim/fault_reply.hpp"
#include "tools/karb-sim/feed_pump.hpp"
#include "tools/karb-sim/order_json.hpp"
#include "tools/karb-sim/router_bybit.hpp"
#include "tools/karb-sim/server.hpp"
#include "tools/karb-sim/weight_limiter.hpp"

namespace karb::sim::net_detail {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

/// A WebSocket session as the hub sees it.
struct ws_base {
  virtual ~ws_base() = default;
  virtual void on_feed(const feed_update& u) = 0;
  virtual void on_private(const private_frame& f) = 0;
  virtual void drop() = 0;
  /// hub::feed_rate changed.
  virtual void retune() {}
};

/// Shared state of the server; touched only from the I/O thread.
struct hub {
  static constexpr size_t admin = static_cast<size_t>(-1);

  simulator& sim;
  std::vector<std::vector<std::weak_ptr<ws_base>>> sessions; ///< per venue
  std::function<http::response(const http::request&)> admin_handler;
  std::atomic<uint64_t> frames{0};
  std::atomic<uint64_t> steps{0};
  int64_t feed_rate = 0;              ///< server_config::feed_rate
  std::atomic<uint64_t> pumped{0};    ///< frames sent by feed pumps
  std::atomic<uint64_t> skipped{0};   ///< paced frames a pump gave up on

  explicit hub(simulator& s) : sim(s), sessions(s.venue_count()) {}

  template <class F>
  void for_each(size_t venue, F f) {
    auto& list = sessions[venue];
    std::erase_if(list, [](auto& w) { return w.expired(); });
    auto copy = list;
    for (auto& w : copy)
      if (auto s = w.lock())
        f(*s);
  }
  void publish_private(size_t venue) {
    auto frames_out = sim.take_private(venue, now_ms());
    if (frames_out.empty())
      return;
    for_each(venue, [&](ws_base& s) {
      for (auto& f : frames_out)
        s.on_private(f);
    });
  }
  void drop_requested() {
    for (size_t v = 0; v < sessions.size(); ++v)
      if (sim.take_drop_ws(v))
        for_each(v, [](ws_base& s) { s.drop(); });
  }
  void publish_step() {
    auto updates = sim.step(now_ms());
    for (auto& u : updates)
      for_each(u->venue, [&](ws_base& s) { s.on_feed(*u); });
    for (size_t v = 0; v < sessions.size(); ++v)
      publish_private(v);
    ++steps;
  }
};

template <class Stream>
void close_socket(Stream& s) {
  beast::error_code ec;
  auto& sock = beast::get_lowest_layer(s).socket();
  sock.shutdown(tcp::socket::shutdown_both, ec);
  sock.close(ec);
}

/// Closes with SO_LINGER 0: the peer gets a TCP reset (ECONNRESET), not a
/// clean end of stream.
template <class Stream>
void reset_socket(Stream& s) {
  beast::error_code ec;
  auto& sock = beast::get_lowest_layer(s).socket();
  sock.set_option(net::socket_base::linger(true, 0), ec);
  sock.close(ec);
}

} // namespace karb::sim::net_detail

#include "tools/karb-sim/server_ws.hpp"
#include "tools/karb-sim/server_bn_ws.hpp"
#include "tools/karb-sim/server_okx_ws.hpp"
#include "tools/karb-sim/server_by_ws.hpp"
#include "tools/karb-sim/server_http.hpp"
