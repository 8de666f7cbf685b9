#include "test_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <strings.h>
#include <thread>
#include <unistd.h>

namespace karb::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

// -- seen_request / server_log ------------------------------------------------

std::string seen_request::header(const std::string& name) const {
  for (auto& [k, v] : headers)
    if (strcasecmp(k.c_str(), name.c_str()) == 0)
      return v;
  return {};
}

struct server_log::state {
  mutable std::mutex mtx;
  mutable std::condition_variable cv;
  int accepts = 0;
  int handshake_failures = 0;
  std::vector<seen_request> requests;
};

std::shared_ptr<server_log::state> server_log::make_state() {
  return std::make_shared<state>();
}

void server_log::add_accept() {
  std::lock_guard<std::mutex> g{s_->mtx};
  ++s_->accepts;
}

void server_log::add_handshake_failure() {
  std::lock_guard<std::mutex> g{s_->mtx};
  ++s_->handshake_failures;
}

void server_log::add_request(seen_request r) {
  {
    std::lock_guard<std::mutex> g{s_->mtx};
    s_->requests.push_back(std::move(r));
  }
  s_->cv.notify_all();
}

int server_log::accepts() const {
  std::lock_guard<std::mutex> g{s_->mtx};
  return s_->accepts;
}

int server_log::handshake_failures() const {
  std::lock_guard<std::mutex> g{s_->mtx};
  return s_->handshake_failures;
}

std::vector<seen_request> server_log::requests() const {
  std::lock_guard<std::mutex> g{s_->mtx};
  return s_->requests;
}

bool server_log::wait_requests(std::size_t n,
                               std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> g{s_->mtx};
  return s_->cv.wait_for(g, timeout, [&] { return s_->requests.size() >= n; });
}

// -- common server skeleton ---------------------------------------------------

namespace {

template <class Fields>
std::vector<http::header> headers_of(const Fields& f) {
  std::vector<http::header> out;
  for (auto& h : f)
    out.emplace_back(std::string(h.name_string()), std::string(h.value()));
  return out;
}

struct server_base {
  std::optional<ssl::context> tls; // outlives the io_context (streams)
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc, {asio::ip::make_address("127.0.0.1"), 0}};
  server_log log;
  std::thread thread;
  int next_conn = 0;

  explicit server_base(const std::optional<tls::pem_pair>& pems) {
    if (pems) {
      tls.emplace(ssl::context::tls_server);
      tls->use_certificate_chain(asio::buffer(pems->cert_pem));
      tls->use_private_key(asio::buffer(pems->key_pem), ssl::context::pem);
    }
  }

  void start(std::function<awaitable<void>(tcp::socket, int)> serve) {
    asio::co_spawn(ioc, accept_loop(std::move(serve)), asio::detached);
    thread = std::thread([this] { ioc.run(); });
  }

  awaitable<void>
  accept_loop(std::function<awaitable<void>(tcp::socket, int)> serve) {
    for (;;) {
      auto sock = co_await acceptor.async_accept(use_awaitable);
      log.add_accept();
      asio::co_spawn(ioc, serve(std::move(sock), ++next_conn),
                     asio::detached);
    }
  }

  void stop() {
    ioc.stop();
    if (thread.joinable())
      thread.join();
  }

  uint16_t port() const { return acceptor.local_endpoint().port(); }
};

awaitable<void> pause(asio::io_context& ioc, std::chrono::seconds d) {
  asio::steady_timer t{ioc, d};
  co_await t.async_wait(use_awaitable);
}

} // namespace

// -- HTTP ---------------------------------------------------------------------

struct http_test_server::impl : server_base {
  http_handler handler;

  impl(http_handler h, const std::optional<tls::pem_pair>& pems)
    : server_base(pems), handler(std::move(h)) {
    start([this](tcp::socket s, int id) { return serve(std::move(s), id); });
  }

  awaitable<void> serve(tcp::socket sock, int id) {
    try {
      if (!tls) {
        beast::tcp_stream s{std::move(sock)};
        co_await session(s, id);
      } else {
        beast::ssl_stream<beast::tcp_stream> s{std::move(sock), *tls};
        try {
          co_await s.async_handshake(ssl::stream_base::server, use_awaitable);
        } catch (const std::exception&) {
          log.add_handshake_failure();
          co_return;
        }
        co_await session(s, id);
      }
    } catch (const std::exception&) {
      // the client went away: end of this connection
    }
  }

  template <class Stream>
  awaitable<void> session(Stream& s, int id) {
    beast::flat_buffer buf;
    for (;;) {
      bhttp::request<bhttp::string_body> req;
      co_await bhttp::async_read(s, buf, req, use_awaitable);
      seen_request r{std::string(req.method_string()),
                     std::string(req.target()), req.body(),
                     headers_of(req), id};
      auto act = handler(r);
      log.add_request(std::move(r));
      if (act.kind == http_action::close_without_reply) {
        beast::get_lowest_layer(s).close();
        co_return;
      }
      if (act.kind == http_action::stall) {
        co_await pause(ioc, std::chrono::seconds{30});
        co_return;
      }
      bhttp::response<bhttp::string_body> res{
        static_cast<bhttp::status>(act.status), 11};
      for (auto& [k, v] : act.headers)
        res.set(k, v);
      res.body() = act.body;
      res.keep_alive(!act.close_after && req.keep_alive());
      res.prepare_payload();
      co_await bhttp::async_write(s, res, use_awaitable);
      if (act.close_after) {
        beast::get_lowest_layer(s).close();
        co_return;
      }
    }
  }
};

http_test_server::http_test_server(http_handler h,
                                   std::optional<tls::pem_pair> tls)
  : impl_(std::make_unique<impl>(std::move(h), tls)) {
  // nop
}

http_test_server::~http_test_server() {
  impl_->stop();
}

uint16_t http_test_server::port() const {
  return impl_->port();
}

std::string http_test_server::url() const {
  return std::string(impl_->tls ? "https" : "http") + "://127.0.0.1:"
         + std::to_string(port());
}

server_log& http_test_server::log() {
  return impl_->log;
}

// -- WebSocket ----------------------------------------------------------------

struct ws_test_server::impl : server_base {
  mode_t mode;

  impl(mode_t m, const std::optional<tls::pem_pair>& pems)
    : server_base(pems), mode(m) {
    start([this](tcp::socket s, int id) { return serve(std::move(s), id); });
  }

  awaitable<void> serve(tcp::socket sock, int id) {
    try {
      if (!tls) {
        websocket::stream<beast::tcp_stream> ws{std::move(sock)};
        co_await session(ws, id);
      } else {
        websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws{
          std::move(sock), *tls};
        try {
          co_await ws.next_layer().async_handshake(ssl::stream_base::server,
                                                   use_awaitable);
        } catch (const std::exception&) {
          log.add_handshake_failure();
          co_return;
        }
        co_await session(ws, id);
      }
    } catch (const boost::system::system_error& e) {
      log.add_request({e.code() == websocket::error::closed ? "CLOSE"
                                                            : "ERROR",
                       "", e.code().message(), {}, id});
    }
  }

  template <class Ws>
  awaitable<void> session(Ws& ws, int id) {
    beast::flat_buffer buf;
    bhttp::request<bhttp::string_body> req;
    co_await bhttp::async_read(ws.next_layer(), buf, req, use_awaitable);
    log.add_request({"UPGRADE", std::string(req.target()), "",
                     headers_of(req), id});
    co_await ws.async_accept(req, use_awaitable);
    if (mode == silent) {
      co_await pause(ioc, std::chrono::seconds{30});
      co_return;
    }
    for (;;) {
      buf.clear();
      co_await ws.async_read(buf, use_awaitable);
      bool text = ws.got_text();
      log.add_request({text ? "TEXT" : "BINARY", "",
                       beast::buffers_to_string(buf.data()), {}, id});
      ws.text(text);
      co_await ws.async_write(buf.data(), use_awaitable);
    }
  }
};

ws_test_server::ws_test_server(mode_t mode, std::optional<tls::pem_pair> tls)
  : impl_(std::make_unique<impl>(mode, tls)) {
  // nop
}

ws_test_server::~ws_test_server() {
  impl_->stop();
}

uint16_t ws_test_server::port() const {
  return impl_->port();
}

std::string ws_test_server::url(const std::string& path) const {
  return std::string(impl_->tls ? "wss" : "ws") + "://127.0.0.1:"
         + std::to_string(port()) + path;
}

server_log& ws_test_server::log() {
  return impl_->log;
}

// -- temp_file ----------------------------------------------------------------

temp_file::temp_file(const std::string& name, const std::string& text) {
  namespace fs = std::filesystem;
  static std::atomic<int> counter{0};
  auto dir = fs::temp_directory_path()
             / ("karb_net_" + std::to_string(::getpid()) + "_"
                + std::to_string(counter++));
  fs::create_directories(dir);
  dir_ = dir.string();
  path_ = (dir / name).string();
  std::ofstream{path_} << text;
}

temp_file::~temp_file() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

} // namespace karb::test
