#include "exchanges/common/http_client.hpp"

#include "exchanges/common/detail/tls_verify.hpp"
#include "exchanges/common/io_runner.hpp"
#include "exchanges/common/retry.hpp"
#include "exchanges/common/tls_context.hpp"

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <sys/socket.h>

#include <cerrno>
#include <deque>
#include <optional>
#include <random>
#include <stdexcept>

namespace karb::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using beast::error_code;

namespace {

struct pending {
  http::request req;
  http_callback cb;
  http_timing timing;
  int attempts = 0;
};

error_kind classify(const error_code& ec) {
  if (ec == beast::error::timeout)
    return error_kind::timeout;
  if (ec == asio::error::operation_aborted)
    return error_kind::cancelled;
  if (ec.category()
        == bhttp::make_error_code(bhttp::error::end_of_stream).category()
      && ec != bhttp::error::end_of_stream
      && ec != bhttp::error::partial_message)
    return error_kind::protocol;
  return error_kind::closed;
}

} // namespace

class http_client::session : public std::enable_shared_from_this<session> {
public:
  session(asio::io_context& ioc, http_client_config cfg, url u,
          std::shared_ptr<tls_context> tls)
    : strand_(asio::make_strand(ioc)),
      resolver_(strand_),
      timer_(strand_),
      cfg_(std::move(cfg)),
      url_(std::move(u)),
      tls_(std::move(tls)),
      rng_(std::random_device{}()) {
    // nop
  }

  asio::strand<asio::io_context::executor_type> strand_;
  std::atomic<uint64_t> connects{0};
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> retries{0};

  void enqueue(pending p) {
    if (closed_)
      return complete(std::move(p), error_kind::cancelled, "client closed");
    if (queue_.size() >= cfg_.max_queue)
      return complete(std::move(p), error_kind::queue_full, "queue full");
    queue_.push_back(std::move(p));
    if (!busy_)
      begin_attempt();
  }

  void shutdown() {
    if (closed_)
      return;
    closed_ = true;
    timer_.cancel();
    resolver_.cancel();
    drop_connection();
    auto q = std::move(queue_);
    queue_.clear();
    for (auto& p : q)
      complete(std::move(p), error_kind::cancelled, "client closed");
  }

private:
  // -- attempt: [resolve -> connect -> tls] -> write -> read ------------------

  void begin_attempt() {
    if (closed_ || queue_.empty())
      return;
    busy_ = true;
    ++queue_.front().attempts;
    written_ = false;
    deadline_ = std::chrono::steady_clock::now() + cfg_.request_timeout;
    if (connected_ && !connection_stale()) {
      reused_ = true;
      return do_write();
    }
    drop_connection();
    reused_ = false;
    if (!endpoints_.empty())
      return do_connect();
    resolver_.async_resolve(url_.host, std::to_string(url_.port),
                            beast::bind_front_handler(&session::on_resolve,
                                                      shared_from_this()));
  }

  void on_resolve(error_code ec, tcp::resolver::results_type results) {
    if (closed_)
      return;
    if (ec)
      return on_failure(error_kind::resolve, "resolve " + url_.host + ": "
                                               + ec.message());
    endpoints_ = std::move(results);
    do_connect();
  }

  void do_connect() {
    if (url_.tls)
      tls_stream_.emplace(strand_, tls_->native());
    else
      plain_.emplace(strand_);
    buffer_.clear();
    lowest().expires_at(deadline_);
    ++connects;
    lowest().async_connect(endpoints_,
                           beast::bind_front_handler(&session::on_connect,
                                                     shared_from_this()));
  }

  void on_connect(error_code ec, const tcp::endpoint&) {
    if (closed_)
      return;
    if (ec) {
      endpoints_ = {}; // re-resolve next time
      return on_failure(ec == beast::error::timeout ? error_kind::timeout
                                                    : error_kind::connect,
                        "connect " + url_.host_header() + ": " + ec.message());
    }
    if (!tls_stream_) {
      connected_ = true;
      return do_write();
    }
    if (!detail::prepare_client_tls(*tls_stream_, url_.host))
      return on_failure(error_kind::tls, "cannot set SNI");
    tls_stream_->async_handshake(
      asio::ssl::stream_base::client,
      beast::bind_front_handler(&session::on_tls_handshake,
                                shared_from_this()));
  }

  void on_tls_handshake(error_code ec) {
    if (closed_)
      return;
    if (ec)
      return on_failure(ec == beast::error::timeout ? error_kind::timeout
                                                    : error_kind::tls,
                        "tls " + url_.host + ": "
                          + detail::tls_failure_reason(
                            tls_stream_->native_handle(), ec.message()));
    connected_ = true;
    do_write();
  }

  void do_write() {
    auto& r = queue_.front().req;
    req_ = {};
    req_.version(11);
    req_.method_string(r.method);
    req_.target(r.target.empty() ? "/" : r.target);
    req_.set(bhttp::field::host, url_.host_header());
    req_.set(bhttp::field::user_agent, cfg_.user_agent);
    req_.set(bhttp::field::accept, "application/json");
    if (!r.body.empty())
      req_.set(bhttp::field::content_type, "application/json");
    for (auto& [k, v] : r.headers)
      req_.set(k, v);
    req_.body() = r.body;
    req_.keep_alive(true);
    if (!r.body.empty() || r.method == "POST" || r.method == "PUT")
      req_.prepare_payload();
    written_ = true;
    ++requests;
    lowest().expires_at(deadline_);
    auto h = beast::bind_front_handler(&session::on_write, shared_from_this());
    if (tls_stream_)
      bhttp::async_write(*tls_stream_, req_, std::move(h));
    else
      bhttp::async_write(*plain_, req_, std::move(h));
    queue_.front().timing.written_ns = steady_ns();
  }

  void on_write(error_code ec, std::size_t) {
    if (closed_)
      return;
    if (ec)
      return on_failure(classify(ec), "write: " + ec.message());
    queue_.front().timing.sent_ns = steady_ns();
    parser_.emplace();
    parser_->body_limit(cfg_.body_limit);
    lowest().expires_at(deadline_);
    auto h = beast::bind_front_handler(&session::on_read, shared_from_this());
    if (tls_stream_)
      bhttp::async_read(*tls_stream_, buffer_, *parser_, std::move(h));
    else
      bhttp::async_read(*plain_, buffer_, *parser_, std::move(h));
  }

  void on_read(error_code ec, std::size_t) {
    if (closed_)
      return;
    if (ec)
      return on_failure(classify(ec), "read: " + ec.message());
    auto now = steady_ns();
    auto msg = parser_->release();
    if (!msg.keep_alive())
      drop_connection();
    else
      lowest().expires_never();
    auto& p = queue_.front();
    p.timing.received_ns = now;
    int status = static_cast<int>(msg.result_int());
    if (cfg_.retry_status && retryable_status(status)
        && retry_later({p.req.idempotent, error_kind::none, status,
                        p.attempts}))
      return;
    http_result r;
    r.response.status = status;
    for (auto& f : msg)
      r.response.headers.emplace_back(std::string(f.name_string()),
                                      std::string(f.value()));
    r.response.body = std::move(msg.body());
    finish(std::move(r));
  }

  // -- failure, retry, completion ---------------------------------------------

  void on_failure(error_kind kind, std::string msg) {
    drop_connection();
    auto& p = queue_.front();
    bool stale_race = reused_ && p.attempts == 1 && kind == error_kind::closed;
    if (!p.req.idempotent) {
      // Written is written: a reset, a timeout or a garbled reply after it
      // leaves the outcome open.
      if (written_) {
        msg = "request may have been sent (" + to_string(kind) + "): " + msg;
        kind = error_kind::maybe_sent;
      }
      return complete_front(kind, std::move(msg));
    }
    if (stale_race) { // the kept-alive connection died under us: at once
      ++retries;
      return begin_attempt();
    }
    if (!retry_later({true, kind, 0, p.attempts}))
      complete_front(kind, std::move(msg));
  }

  /// Schedules another try when decide_retry allows it.
  bool retry_later(const retry_input& in) {
    std::uniform_real_distribution<double> unit{0.0, 1.0};
    auto d = decide_retry(in, cfg_.retry, unit(rng_));
    if (!d.retry)
      return false;
    ++retries;
    timer_.expires_after(d.delay);
    timer_.async_wait([self = shared_from_this()](error_code ec) {
      if (!ec && !self->closed_)
        self->begin_attempt();
    });
    return true;
  }

  void complete_front(error_kind kind, std::string msg) {
    http_result r;
    r.error = {kind, std::move(msg)};
    finish(std::move(r));
  }

  void finish(http_result r) {
    auto p = std::move(queue_.front());
    queue_.pop_front();
    busy_ = false;
    r.timing = p.timing;
    r.attempts = p.attempts;
    r.reused_connection = reused_;
    if (p.cb)
      p.cb(std::move(r));
    begin_attempt();
  }

  void complete(pending p, error_kind kind, const char* msg) {
    http_result r;
    r.error = {kind, msg};
    r.timing = p.timing;
    r.attempts = p.attempts;
    if (p.cb)
      p.cb(std::move(r));
  }

  // -- connection -------------------------------------------------------------

  beast::tcp_stream& lowest() {
    return tls_stream_ ? beast::get_lowest_layer(*tls_stream_) : *plain_;
  }

  void drop_connection() {
    connected_ = false;
    if (tls_stream_ || plain_)
      lowest().close();
  }

  /// An idle kept-alive connection is stale when the peer closed it (EOF)
  /// or sent anything unrequested (e.g. a TLS close_notify).
  bool connection_stale() {
    char c;
    auto n = ::recv(lowest().socket().native_handle(), &c, 1,
                    MSG_PEEK | MSG_DONTWAIT);
    if (n < 0)
      return errno != EAGAIN && errno != EWOULDBLOCK;
    return true;
  }

  tcp::resolver resolver_;
  asio::steady_timer timer_;
  http_client_config cfg_;
  url url_;
  std::shared_ptr<tls_context> tls_;
  std::minstd_rand rng_;
  tcp::resolver::results_type endpoints_;
  std::optional<beast::tcp_stream> plain_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls_stream_;
  beast::flat_buffer buffer_;
  bhttp::request<bhttp::string_body> req_;
  std::optional<bhttp::response_parser<bhttp::string_body>> parser_;
  std::deque<pending> queue_;
  std::chrono::steady_clock::time_point deadline_;
  bool busy_ = false;
  bool connected_ = false;
  bool reused_ = false;
  bool written_ = false;
  bool closed_ = false;
};

// -- http_client --------------------------------------------------------------

http_client::http_client(io_runner& io, http_client_config cfg,
                         std::shared_ptr<tls_context> tls)
  : io_(io), one_thread_(io.threads() == 1), url_(parse_url(cfg.base_url)) {
  if (url_.websocket())
    throw std::invalid_argument("http_client needs an http(s) URL, got "
                                + cfg.base_url);
  if (url_.tls && !tls)
    tls = make_tls_context();
  session_ = std::make_shared<session>(io.context(), std::move(cfg), url_,
                                       std::move(tls));
}

http_client::~http_client() {
  close();
}

void http_client::async_send(http::request req, http_callback cb) {
  pending p{std::move(req), std::move(cb), {}, 0};
  p.timing.queued_ns = steady_ns();
  if (one_thread_ && io_.in_io_thread()) { // the strand's only thread
    session_->enqueue(std::move(p));
    return;
  }
  asio::post(session_->strand_,
             [s = session_, p = std::move(p)]() mutable {
               s->enqueue(std::move(p));
             });
}

void http_client::close() {
  asio::post(session_->strand_, [s = session_] { s->shutdown(); });
}

http_client_stats http_client::stats() const {
  return {session_->connects.load(), session_->requests.load(),
          session_->retries.load()};
}

} // namespace karb::net
