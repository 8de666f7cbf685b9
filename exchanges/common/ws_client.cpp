#include "exchanges/common/ws_client.hpp"

#include "exchanges/common/detail/tls_verify.hpp"
#include "exchanges/common/io_runner.hpp"
#include "exchanges/common/tls_context.hpp"
#include "exchanges/common/url.hpp"

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <atomic>
#include <deque>
#include <optional>
#include <stdexcept>

namespace karb::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using beast::error_code;
using std::chrono::milliseconds;

class ws_client::session : public std::enable_shared_from_this<session> {
public:
  enum class phase { idle, connecting, open, closing, done };
  enum class out_kind { text, binary, ping, close };
  struct out_msg {
    out_kind kind;
    std::string data;
  };

  session(asio::io_context& ioc, ws_config cfg, url u, ws_handlers h,
          std::shared_ptr<tls_context> tls)
    : strand_(asio::make_strand(ioc)),
      resolver_(strand_),
      timer_(strand_),
      cfg_(std::move(cfg)),
      url_(std::move(u)),
      h_(std::move(h)),
      tls_(std::move(tls)) {
    // nop
  }

  asio::strand<asio::io_context::executor_type> strand_;
  std::atomic<bool> open{false};
  std::atomic<uint64_t> frames_in{0}, frames_out{0}, pings{0};

  // -- owner commands (on the strand) -----------------------------------------

  void connect() {
    if (phase_ != phase::idle)
      return;
    phase_ = phase::connecting;
    resolver_.async_resolve(url_.host, std::to_string(url_.port),
                            beast::bind_front_handler(&session::on_resolve,
                                                      shared_from_this()));
  }

  void enqueue(out_kind k, std::string data) {
    if (phase_ == phase::done || phase_ == phase::closing || close_queued_)
      return;
    if (queue_.size() >= cfg_.max_queue)
      return terminate({error_kind::queue_full, "send queue full"},
                       "queue full");
    close_queued_ = k == out_kind::close;
    queue_.push_back({k, std::move(data)});
    if (phase_ == phase::open)
      do_write();
  }

  void close() {
    if (phase_ == phase::open)
      enqueue(out_kind::close, {});
    else if (phase_ == phase::idle || phase_ == phase::connecting)
      terminate({}, "closed by owner");
  }

  void detach() { h_ = {}; }

  void terminate(net_error err, std::string reason) {
    if (phase_ == phase::done)
      return;
    phase_ = phase::done;
    open = false;
    timer_.cancel();
    resolver_.cancel();
    if (plain_ || tls_ws_)
      lowest().close();
    queue_.clear();
    auto h = std::move(h_);
    h_ = {};
    if (err && h.on_error)
      h.on_error(err);
    if (h.on_close)
      h.on_close(reason);
  }

private:
  beast::tcp_stream& lowest() {
    return tls_ws_ ? beast::get_lowest_layer(*tls_ws_)
                   : beast::get_lowest_layer(*plain_);
  }

  template <class F>
  void with_ws(F&& f) {
    if (tls_ws_)
      f(*tls_ws_);
    else
      f(*plain_);
  }

  void fail(error_kind k, std::string what, const error_code& ec) {
    if (ec == beast::error::timeout)
      k = error_kind::timeout;
    terminate({k, what + ": " + ec.message()}, what + " failed");
  }

  // -- connect: resolve -> tcp -> [tls] -> upgrade ----------------------------

  void on_resolve(error_code ec, tcp::resolver::results_type results) {
    if (phase_ == phase::done)
      return;
    if (ec)
      return fail(error_kind::resolve, "resolve " + url_.host, ec);
    if (url_.tls)
      tls_ws_.emplace(strand_, tls_->native());
    else
      plain_.emplace(strand_);
    lowest().expires_after(cfg_.connect_timeout);
    lowest().async_connect(results,
                           beast::bind_front_handler(&session::on_connect,
                                                     shared_from_this()));
  }

  void on_connect(error_code ec, const tcp::endpoint&) {
    if (phase_ == phase::done)
      return;
    if (ec)
      return fail(error_kind::connect, "connect " + url_.host_header(), ec);
    if (!tls_ws_)
      return do_upgrade();
    if (!detail::prepare_client_tls(tls_ws_->next_layer(), url_.host))
      return terminate({error_kind::tls, "cannot set SNI"}, "tls failed");
    tls_ws_->next_layer().async_handshake(
      asio::ssl::stream_base::client,
      beast::bind_front_handler(&session::on_tls, shared_from_this()));
  }

  void on_tls(error_code ec) {
    if (phase_ == phase::done)
      return;
    if (ec) {
      auto why = detail::tls_failure_reason(
        tls_ws_->next_layer().native_handle(), ec.message());
      return terminate({ec == beast::error::timeout ? error_kind::timeout
                                                    : error_kind::tls,
                        "tls " + url_.host + ": " + why},
                       "tls failed");
    }
    do_upgrade();
  }

  void do_upgrade() {
    lowest().expires_never();
    with_ws([this](auto& ws) {
      websocket::stream_base::timeout t{};
      t.handshake_timeout = cfg_.connect_timeout;
      t.idle_timeout = websocket::stream_base::none();
      t.keep_alive_pings = false;
      ws.set_option(t);
      ws.set_option(websocket::stream_base::decorator(
        [ua = cfg_.user_agent, hs = cfg_.headers](websocket::request_type& r) {
          r.set(beast::http::field::user_agent, ua);
          for (auto& [k, v] : hs)
            r.set(k, v);
        }));
      ws.read_message_max(cfg_.max_message);
      ws.control_callback([this](websocket::frame_type, beast::string_view) {
        last_rx_ns_ = steady_ns();
      });
      ws.async_handshake(res_, url_.host_header(), url_.path,
                         beast::bind_front_handler(&session::on_upgrade,
                                                   shared_from_this()));
    });
  }

  void on_upgrade(error_code ec) {
    if (phase_ == phase::done)
      return;
    if (ec) {
      std::string what = "upgrade " + url_.path;
      if (res_.result_int() != 0)
        what += " (HTTP " + std::to_string(res_.result_int()) + ")";
      return fail(error_kind::handshake, what, ec);
    }
    phase_ = phase::open;
    open = true;
    last_rx_ns_ = last_ping_ns_ = steady_ns();
    if (h_.on_open)
      h_.on_open();
    if (phase_ != phase::open)
      return; // closed from on_open
    start_timer();
    do_read();
    do_write();
  }

  // -- read loop --------------------------------------------------------------

  void do_read() {
    with_ws([this](auto& ws) {
      ws.async_read(rbuf_, beast::bind_front_handler(&session::on_read,
                                                     shared_from_this()));
    });
  }

  void on_read(error_code ec, std::size_t) {
    if (phase_ == phase::done)
      return;
    if (ec == websocket::error::closed) {
      std::string reason;
      with_ws([&](auto& ws) {
        auto& r = ws.reason().reason;
        reason.assign(r.data(), r.size());
      });
      return terminate({}, reason.empty() ? "normal" : reason);
    }
    if (ec)
      return fail(error_kind::closed, "read", ec);
    auto now = steady_ns();
    last_rx_ns_ = now;
    ++frames_in;
    bool binary = false;
    with_ws([&](auto& ws) { binary = ws.got_binary(); });
    auto b = rbuf_.data();
    if (h_.on_frame)
      h_.on_frame({static_cast<const char*>(b.data()), b.size()}, binary, now);
    rbuf_.consume(rbuf_.size());
    if (phase_ != phase::done)
      do_read();
  }

  // -- write queue: one write in flight ---------------------------------------

  void do_write() {
    if (writing_ || queue_.empty() || phase_ != phase::open)
      return;
    writing_ = true;
    auto& m = queue_.front();
    auto self = shared_from_this();
    auto done = [self](error_code ec, std::size_t = 0) {
      self->on_write(ec);
    };
    with_ws([&](auto& ws) {
      switch (m.kind) {
        case out_kind::text:
        case out_kind::binary:
          ws.text(m.kind == out_kind::text);
          ws.async_write(asio::buffer(m.data), done);
          break;
        case out_kind::ping:
          ws.async_ping({}, done);
          break;
        case out_kind::close:
          phase_ = phase::closing;
          ws.async_close(websocket::close_code::normal, done);
          break;
      }
    });
  }

  void on_write(error_code ec) {
    writing_ = false;
    if (phase_ == phase::done)
      return;
    if (ec)
      return fail(error_kind::closed, "write", ec);
    auto kind = queue_.front().kind;
    queue_.pop_front();
    if (kind == out_kind::close)
      return terminate({}, "normal");
    if (kind == out_kind::ping)
      ++pings;
    else
      ++frames_out;
    do_write();
  }

  // -- ping / heartbeat -------------------------------------------------------

  void start_timer() {
    auto tick = cfg_.ping_interval;
    if (cfg_.heartbeat_timeout.count() > 0) {
      auto quarter = std::max(milliseconds{1}, cfg_.heartbeat_timeout / 4);
      tick = tick.count() > 0 ? std::min(tick, quarter) : quarter;
    }
    if (tick.count() <= 0)
      return;
    timer_.expires_after(tick);
    timer_.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec)
        self->on_tick();
    });
  }

  void on_tick() {
    if (phase_ != phase::open)
      return;
    auto now = steady_ns();
    auto ns = [](milliseconds m) { return m.count() * 1'000'000; };
    if (cfg_.heartbeat_timeout.count() > 0
        && now - last_rx_ns_ > ns(cfg_.heartbeat_timeout))
      return terminate({error_kind::heartbeat,
                        "nothing received for "
                          + std::to_string((now - last_rx_ns_) / 1'000'000)
                          + " ms"},
                       "heartbeat timeout");
    if (cfg_.ping_interval.count() > 0
        && now - last_ping_ns_ >= ns(cfg_.ping_interval)) {
      last_ping_ns_ = now;
      enqueue(out_kind::ping, {});
      if (!cfg_.ping_text.empty())
        enqueue(out_kind::text, cfg_.ping_text);
    }
    start_timer();
  }

  tcp::resolver resolver_;
  asio::steady_timer timer_;
  ws_config cfg_;
  url url_;
  ws_handlers h_;
  std::shared_ptr<tls_context> tls_;
  std::optional<websocket::stream<beast::tcp_stream>> plain_;
  std::optional<websocket::stream<beast::ssl_stream<beast::tcp_stream>>>
    tls_ws_;
  websocket::response_type res_;
  beast::flat_buffer rbuf_;
  std::deque<out_msg> queue_;
  phase phase_ = phase::idle;
  bool writing_ = false;
  bool close_queued_ = false;
  int64_t last_rx_ns_ = 0;
  int64_t last_ping_ns_ = 0;
};

// -- ws_client ----------------------------------------------------------------

ws_client::ws_client(io_runner& io, ws_config cfg, ws_handlers handlers,
                     std::shared_ptr<tls_context> tls)
  : io_(io), cfg_(std::move(cfg)), handlers_(std::move(handlers)),
    tls_(std::move(tls)) {
  auto u = parse_url(cfg_.url);
  if (!u.websocket())
    throw std::invalid_argument("ws_client needs a ws(s) URL, got "
                                + cfg_.url);
  if (u.tls && !tls_)
    tls_ = make_tls_context();
  session_ = make_session();
}

ws_client::~ws_client() {
  asio::post(session_->strand_, [s = session_] {
    s->detach();
    s->close();
  });
}

std::shared_ptr<ws_client::session> ws_client::make_session() {
  return std::make_shared<session>(io_.context(), cfg_, parse_url(cfg_.url),
                                   handlers_, tls_);
}

void ws_client::connect() {
  asio::post(session_->strand_, [s = session_] { s->connect(); });
}

void ws_client::send_text(std::string data) {
  asio::post(session_->strand_, [s = session_, d = std::move(data)]() mutable {
    s->enqueue(session::out_kind::text, std::move(d));
  });
}

void ws_client::send_binary(std::string data) {
  asio::post(session_->strand_, [s = session_, d = std::move(data)]() mutable {
    s->enqueue(session::out_kind::binary, std::move(d));
  });
}

void ws_client::close() {
  asio::post(session_->strand_, [s = session_] { s->close(); });
}

void ws_client::reconnect() {
  asio::post(session_->strand_, [s = session_] {
    s->detach();
    s->terminate({}, "reconnect");
  });
  session_ = make_session();
  connect();
}

bool ws_client::is_open() const {
  return session_->open.load();
}

ws_stats ws_client::stats() const {
  return {session_->frames_in.load(), session_->frames_out.load(),
          session_->pings.load()};
}

} // namespace karb::net
