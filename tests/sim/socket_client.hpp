#pragma once

// A small Beast client for the socket tests (socket_test.cpp,
// socket_faults_test.cpp, ...). Every wait is bounded: operations run
// asynchronously and the io_context is pumped until done or a deadline.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

namespace simtest::net {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

/// Runs `ioc` until `done` or `limit` elapsed; returns `done`.
inline bool pump(asio::io_context& ioc, const bool& done,
                 std::chrono::milliseconds limit = 5000ms) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  ioc.restart();
  while (!done && std::chrono::steady_clock::now() < deadline)
    ioc.run_one_for(20ms);
  return done;
}

inline ssl::context client_tls(const std::string& ca_pem) {
  ssl::context ctx{ssl::context::tls_client};
  if (!ca_pem.empty())
    ctx.add_certificate_authority(asio::buffer(ca_pem));
  ctx.set_verify_mode(ssl::verify_peer);
  ctx.set_verify_callback(ssl::host_name_verification("127.0.0.1"));
  return ctx;
}

struct http_result {
  beast::error_code ec;
  int status = 0;
  std::string body;
  std::string remaining_req;
  std::vector<std::pair<std::string, std::string>> headers;

  /// A response header (case-insensitive name), "" when absent.
  std::string header(std::string_view name) const {
    for (auto& [k, v] : headers)
      if (beast::iequals(k, beast::string_view{name.data(), name.size()}))
        return v;
    return {};
  }
};

/// One HTTP/1.1 exchange on a fresh connection (TLS when `tls` is set).
inline http_result http_call(uint16_t port, const std::string& method,
                             const std::string& target,
                             const std::string& body = {},
                             const std::string& authorization = {},
                             ssl::context* tls = nullptr) {
  asio::io_context ioc;
  http_result out;
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  if (!authorization.empty())
    req.set(bhttp::field::authorization, authorization);
  if (!body.empty()) {
    req.set(bhttp::field::content_type, "application/json; charset=utf-8");
    req.body() = body;
  }
  req.prepare_payload();
  bhttp::response<bhttp::string_body> res;
  beast::flat_buffer buf;
  bool done = false;
  auto finish = [&](beast::error_code ec) {
    out.ec = ec;
    out.status = static_cast<int>(res.result_int());
    out.body = res.body();
    out.remaining_req = std::string{res["Remaining-Req"]};
    for (auto& field : res)
      out.headers.emplace_back(std::string{field.name_string()},
                               std::string{field.value()});
    done = true;
  };
  tcp::endpoint ep{asio::ip::make_address("127.0.0.1"), port};
  if (tls) {
    beast::ssl_stream<beast::tcp_stream> s{ioc, *tls};
    beast::get_lowest_layer(s).expires_after(10s);
    beast::get_lowest_layer(s).async_connect(ep, [&](beast::error_code ec) {
      if (ec)
        return finish(ec);
      s.async_handshake(ssl::stream_base::client, [&](beast::error_code ec) {
        if (ec)
          return finish(ec);
        bhttp::async_write(s, req, [&](beast::error_code ec, size_t) {
          if (ec)
            return finish(ec);
          bhttp::async_read(s, buf, res, [&](beast::error_code ec, size_t) {
            finish(ec);
          });
        });
      });
    });
    if (!pump(ioc, done, 10000ms))
      out.ec = asio::error::timed_out;
    return out;
  }
  beast::tcp_stream s{ioc};
  s.expires_after(10s);
  s.async_connect(ep, [&](beast::error_code ec) {
    if (ec)
      return finish(ec);
    bhttp::async_write(s, req, [&](beast::error_code ec, size_t) {
      if (ec)
        return finish(ec);
      bhttp::async_read(s, buf, res, [&](beast::error_code ec, size_t) {
        finish(ec);
      });
    });
  });
  if (!pump(ioc, done, 10000ms))
    out.ec = asio::error::timed_out;
  return out;
}

/// A WebSocket client over plain TCP or TLS.
template <class Next>
class ws_client {
public:
  template <class... Args>
  explicit ws_client(Args&&... next_args)
    : ws_(ioc_, std::forward<Args>(next_args)...) {}

  /// Connects and upgrades; returns the error (handshake refusal included).
  beast::error_code connect(uint16_t port, const std::string& target,
                            const std::string& authorization = {}) {
    beast::error_code result = asio::error::timed_out;
    bool done = false;
    tcp::endpoint ep{asio::ip::make_address("127.0.0.1"), port};
    ws_.set_option(websocket::stream_base::decorator(
      [authorization](websocket::request_type& r) {
        if (!authorization.empty())
          r.set(bhttp::field::authorization, authorization);
      }));
    auto finish = [&](beast::error_code ec) {
      result = ec;
      done = true;
    };
    auto upgrade = [&] {
      ws_.async_handshake("127.0.0.1", target, [&](beast::error_code ec) {
        finish(ec);
      });
    };
    beast::get_lowest_layer(ws_).expires_after(10s);
    beast::get_lowest_layer(ws_).async_connect(ep, [&](beast::error_code ec) {
      if (ec)
        return finish(ec);
      if constexpr (std::is_same_v<Next, beast::tcp_stream>) {
        upgrade();
      } else {
        ws_.next_layer().async_handshake(ssl::stream_base::client,
                                         [&](beast::error_code ec) {
                                           if (ec)
                                             return finish(ec);
                                           upgrade();
                                         });
      }
    });
    pump(ioc_, done, 10000ms);
    beast::get_lowest_layer(ws_).expires_never();
    return result;
  }

  bool send(const std::string& text) {
    bool done = false;
    beast::error_code result;
    ws_.text(true);
    ws_.async_write(asio::buffer(text), [&](beast::error_code ec, size_t) {
      result = ec;
      done = true;
    });
    return pump(ioc_, done) && !result;
  }

  /// The next frame, or nullopt on error/timeout (see last_error()).
  std::optional<std::string> read(std::chrono::milliseconds limit = 5000ms) {
    if (!reading_) {
      reading_ = true;
      got_ = false;
      buf_.clear();
      ws_.async_read(buf_, [this](beast::error_code ec, size_t) {
        error_ = ec;
        got_ = true;
        reading_ = false;
      });
    }
    if (!pump(ioc_, got_, limit))
      return std::nullopt;
    got_ = false;
    if (error_)
      return std::nullopt;
    last_binary_ = ws_.got_binary();
    return beast::buffers_to_string(buf_.data());
  }

  bool last_binary() const { return last_binary_; }
  beast::error_code last_error() const { return error_; }

private:
  asio::io_context ioc_;
  websocket::stream<Next> ws_;
  beast::flat_buffer buf_;
  bool reading_ = false;
  bool got_ = false;
  bool last_binary_ = false;
  beast::error_code error_;
};

using plain_ws = ws_client<beast::tcp_stream>;
using tls_ws = ws_client<beast::ssl_stream<beast::tcp_stream>>;

} // namespace simtest::net
