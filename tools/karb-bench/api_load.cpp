#include "tools/karb-bench/api_load.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace karb::bench {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using clock_type = std::chrono::steady_clock;

/// What the REST clients read, in turn: the dashboard's own reads.
const std::array<const char*, 10> rest_paths{
  "/api/v1/status",    "/api/v1/orders",   "/api/v1/trades",
  "/api/v1/spreads",   "/api/v1/balances", "/api/v1/pnl",
  "/api/v1/risk",      "/api/v1/opportunities",
  "/api/v1/positions", "/health"};

struct counters {
  std::atomic<uint64_t> rest_sent{0}, rest_ok{0}, rest_failed{0};
  std::atomic<uint64_t> ws_connected{0}, ws_messages{0}, ws_bytes{0};
};

/// One keep-alive connection issuing GETs on a fixed schedule.
class rest_client : public std::enable_shared_from_this<rest_client> {
public:
  rest_client(asio::io_context& ioc, tcp::endpoint ep,
              clock_type::duration period, size_t first, counters& c)
    : stream_(ioc), timer_(ioc), ep_(ep), period_(period), next_path_(first),
      c_(c) {}

  void start() {
    due_ = clock_type::now();
    connect();
  }

  void stop() {
    stopped_ = true;
    timer_.cancel();
    beast::error_code ec;
    stream_.socket().close(ec);
  }

private:
  void connect() {
    stream_.async_connect(ep_, [self = shared_from_this()](auto ec) {
      if (ec)
        return self->failed();
      self->stream_.socket().set_option(tcp::no_delay(true));
      self->wait();
    });
  }

  void wait() {
    if (stopped_)
      return;
    due_ += period_;
    timer_.expires_at(due_);
    timer_.async_wait([self = shared_from_this()](auto ec) {
      if (!ec)
        self->send();
    });
  }

  void send() {
    req_ = {http::verb::get, rest_paths[next_path_++ % rest_paths.size()],
            11};
    req_.set(http::field::host, "127.0.0.1");
    req_.keep_alive(true);
    res_ = {};
    c_.rest_sent++;
    http::async_write(stream_, req_,
                      [self = shared_from_this()](auto ec, size_t) {
                        if (ec)
                          return self->failed();
                        self->read();
                      });
  }

  void read() {
    http::async_read(stream_, buf_, res_,
                     [self = shared_from_this()](auto ec, size_t) {
                       if (ec)
                         return self->failed();
                       (self->res_.result() == http::status::ok
                          ? self->c_.rest_ok
                          : self->c_.rest_failed)++;
                       self->wait();
                     });
  }

  /// A broken connection counts and reconnects on the schedule.
  void failed() {
    if (stopped_)
      return;
    c_.rest_failed++;
    beast::error_code ec;
    stream_.socket().close(ec);
    buf_.clear();
    timer_.expires_after(period_);
    timer_.async_wait([self = shared_from_this()](auto e) {
      if (!e)
        self->connect();
    });
  }

  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  tcp::endpoint ep_;
  clock_type::duration period_;
  clock_type::time_point due_;
  size_t next_path_;
  counters& c_;
  beast::flat_buffer buf_;
  http::request<http::empty_body> req_;
  http::response<http::string_body> res_;
  bool stopped_ = false;
};

/// One WebSocket client subscribed to every topic, reading everything.
class ws_client : public std::enable_shared_from_this<ws_client> {
public:
  ws_client(asio::io_context& ioc, tcp::endpoint ep, counters& c)
    : ws_(ioc), ep_(ep), c_(c) {}

  void start() {
    beast::get_lowest_layer(ws_).async_connect(
      ep_, [self = shared_from_this()](auto ec) {
        if (!ec)
          self->handshake();
      });
  }

  void stop() {
    beast::error_code ec;
    beast::get_lowest_layer(ws_).socket().close(ec);
  }

private:
  void handshake() {
    ws_.async_handshake("127.0.0.1", "/api/v1/stream",
                        [self = shared_from_this()](auto ec) {
                          if (!ec)
                            self->subscribe();
                        });
  }

  void subscribe() {
    ws_.text(true);
    ws_.async_write(asio::buffer(subscription_),
                    [self = shared_from_this()](auto ec, size_t) {
                      if (!ec)
                        self->read();
                    });
  }

  void read() {
    ws_.async_read(buf_, [self = shared_from_this()](auto ec, size_t n) {
      if (ec)
        return;
      self->c_.ws_messages++;
      if (!self->counted_) {
        self->counted_ = true;
        self->c_.ws_connected++;
      }
      self->c_.ws_bytes += n;
      self->buf_.consume(self->buf_.size());
      self->read();
    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  tcp::endpoint ep_;
  counters& c_;
  beast::flat_buffer buf_;
  bool counted_ = false;
  const std::string subscription_ = R"({"op":"subscribe","topics":["*"]})";
};

} // namespace

struct api_load::impl {
  api_load_options opt;
  asio::io_context ioc;
  std::unique_ptr<asio::executor_work_guard<asio::io_context::executor_type>>
    work;
  std::thread thread;
  counters c;
  std::vector<std::shared_ptr<rest_client>> rest;
  std::vector<std::shared_ptr<ws_client>> ws;
  clock_type::time_point t0;
};

api_load::api_load(api_load_options o) : impl_(std::make_unique<impl>()) {
  impl_->opt = o;
}

api_load::~api_load() {
  if (impl_->thread.joinable())
    stop();
}

void api_load::start() {
  auto& d = *impl_;
  tcp::endpoint ep{asio::ip::make_address("127.0.0.1"),
                   static_cast<unsigned short>(d.opt.port)};
  d.work = std::make_unique<
    asio::executor_work_guard<asio::io_context::executor_type>>(
    d.ioc.get_executor());
  for (int i = 0; i < d.opt.ws_clients; ++i)
    d.ws.push_back(std::make_shared<ws_client>(d.ioc, ep, d.c));
  if (d.opt.rest_per_s > 0) {
    auto n = std::max(1, d.opt.rest_connections);
    auto period = std::chrono::duration_cast<clock_type::duration>(
      std::chrono::duration<double>(static_cast<double>(n)
                                    / d.opt.rest_per_s));
    for (int i = 0; i < n; ++i)
      d.rest.push_back(std::make_shared<rest_client>(
        d.ioc, ep, period, static_cast<size_t>(i), d.c));
  }
  for (auto& w : d.ws)
    w->start();
  for (auto& r : d.rest)
    r->start();
  d.t0 = clock_type::now();
  d.thread = std::thread([&d] { d.ioc.run(); });
}

api_load_stats api_load::stop() {
  auto& d = *impl_;
  api_load_stats s;
  s.seconds = std::chrono::duration<double>(clock_type::now() - d.t0).count();
  asio::post(d.ioc, [&d] {
    for (auto& r : d.rest)
      r->stop();
    for (auto& w : d.ws)
      w->stop();
  });
  d.work.reset();
  d.thread.join();
  s.rest_sent = d.c.rest_sent;
  s.rest_ok = d.c.rest_ok;
  s.rest_failed = d.c.rest_failed;
  s.rest_per_s = s.seconds > 0 ? static_cast<double>(s.rest_ok) / s.seconds
                               : 0;
  s.ws_connected = d.c.ws_connected;
  s.ws_messages = d.c.ws_messages;
  s.ws_mb = static_cast<double>(d.c.ws_bytes) / 1e6;
  return s;
}

} // namespace karb::bench
