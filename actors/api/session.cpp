#include "actors/api/session.hpp"

#include "actors/api/auth.hpp"

#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <type_traits>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <nlohmann/json.hpp>

#include "actors/api/beast_request.hpp"
#include "actors/api/outbox.hpp"
#include "actors/api/stream_protocol.hpp"
#include "actors/api/target.hpp"

namespace karb::api {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

using plain_stream = beast::tcp_stream;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

template <class Stream>
constexpr bool is_tls = std::is_same_v<Stream, tls_stream>;

// -- WebSocket stream client --------------------------------------------------

template <class Stream>
class ws_session : public stream_client,
                   public std::enable_shared_from_this<ws_session<Stream>> {
public:
  ws_session(Stream stream, std::shared_ptr<server_state> state,
             std::unique_ptr<connection_slot> slot)
    : ws_(std::move(stream)),
      state_(std::move(state)),
      slot_(std::move(slot)),
      outbox_(state_->limits.max_stream_backlog) {
    // nop
  }

  ~ws_session() override {
    if (id_ != 0)
      state_->clients.erase(id_);
  }

  void start(beast_request req) {
    upgrade_ = std::move(req);
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout opt{state_->limits.header_timeout,
                                        state_->limits.idle_timeout, true};
    ws_.set_option(opt);
    ws_.read_message_max(state_->limits.max_body_bytes);
    // A browser fails the handshake unless one protocol it offered is
    // chosen: karb.v1, when offered (with the token, see auth.hpp).
    auto protocols = upgrade_[http::field::sec_websocket_protocol];
    bool offered = std::string_view{protocols.data(), protocols.size()}.find(
                     stream_protocol)
                   != std::string_view::npos;
    ws_.set_option(websocket::stream_base::decorator(
      [offered](websocket::response_type& res) {
        res.set(http::field::server, "karb");
        if (offered)
          res.set(http::field::sec_websocket_protocol,
                  std::string{stream_protocol});
      }));
    ws_.async_accept(upgrade_,
                     [self = this->shared_from_this()](beast::error_code ec) {
                       self->on_accept(ec);
                     });
  }

  void deliver(const board_entry& e) override {
    if (closing_ || !filter_.matches(e.topic))
      return;
    if (!outbox_.push(e)) {
      too_slow();
      return;
    }
    write_next();
  }

private:
  void on_accept(beast::error_code ec) {
    if (ec)
      return;
    id_ = state_->next_client++;
    state_->clients[id_] = this->weak_from_this();
    read_next();
  }

  void read_next() {
    ws_.async_read(in_, [self = this->shared_from_this()](
                          beast::error_code ec, size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec)
      return; // closed, timed out or failed: the session ends
    auto text = beast::buffers_to_string(in_.data());
    in_.consume(in_.size());
    std::string error;
    if (auto op = parse_client_op(text, error)) {
      if (op->subscribe)
        subscribe(op->topics);
      else
        filter_.remove(op->topics);
    } else {
      replies_.push_back(nlohmann::json{{"error", error}}.dump());
    }
    write_next();
    read_next();
  }

  // The current snapshot of each newly subscribed topic goes first.
  void subscribe(const std::vector<std::string>& patterns) {
    filter_.add(patterns);
    for (auto& topic : state_->board->topics()) {
      bool wanted = std::any_of(patterns.begin(), patterns.end(),
                                [&](const std::string& p) {
                                  return pattern_matches(p, topic);
                                });
      if (!wanted)
        continue;
      if (auto e = state_->board->get(topic))
        outbox_.push(*e);
    }
  }

  void too_slow() {
    outbox_.clear();
    replies_.clear();
    closing_ = true;
    if (!writing_)
      close_too_slow();
  }

  void close_too_slow() {
    ws_.async_close(websocket::close_reason{websocket::close_code::policy_error,
                                            "too slow"},
                    [self = this->shared_from_this()](beast::error_code) {});
  }

  void write_next() {
    if (writing_ || closing_)
      return;
    if (!replies_.empty()) {
      out_ = std::move(replies_.front());
      replies_.pop_front();
    } else if (auto e = outbox_.pop()) {
      out_ = frame_of(*e);
    } else {
      return;
    }
    writing_ = true;
    ws_.text(true);
    ws_.async_write(net::buffer(out_),
                    [self = this->shared_from_this()](beast::error_code ec,
                                                      size_t) {
                      self->on_write(ec);
                    });
  }

  void on_write(beast::error_code ec) {
    writing_ = false;
    if (ec) {
      closing_ = true;
      return;
    }
    if (closing_)
      close_too_slow();
    else
      write_next();
  }

  websocket::stream<Stream> ws_;
  std::shared_ptr<server_state> state_;
  std::unique_ptr<connection_slot> slot_;
  beast_request upgrade_;
  beast::flat_buffer in_;
  topic_filter filter_;
  outbox outbox_;
  std::deque<std::string> replies_;
  std::string out_;
  bool writing_ = false;
  bool closing_ = false;
  uint64_t id_ = 0;
};

// -- HTTP session ---------------------------------------------------------------

template <class Stream>
class http_session : public std::enable_shared_from_this<http_session<Stream>> {
public:
  http_session(Stream stream, std::shared_ptr<server_state> state,
               bool over_limit)
    : stream_(std::move(stream)),
      state_(state),
      slot_(std::make_unique<connection_slot>(std::move(state))),
      over_limit_(over_limit) {
    // nop
  }

  void start() {
    if constexpr (is_tls<Stream>) {
      lowest().expires_after(state_->limits.header_timeout);
      stream_.async_handshake(net::ssl::stream_base::server,
                              [self = this->shared_from_this()](
                                beast::error_code ec) {
                                if (!ec)
                                  self->wait_request();
                              });
    } else {
      wait_request();
    }
  }

private:
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  // Waits for the first bytes of a request: up to the header timeout on a
  // new connection, the keep-alive idle time after a response.
  void wait_request() {
    if (buffer_.size() > 0) {
      read_request();
      return;
    }
    lowest().expires_after(served_ > 0 ? state_->limits.idle_timeout
                                       : state_->limits.header_timeout);
    stream_.async_read_some(
      buffer_.prepare(1024),
      [self = this->shared_from_this()](beast::error_code ec, size_t n) {
        if (ec)
          return; // idle too long, closed or failed: the session ends
        self->buffer_.commit(n);
        self->read_request();
      });
  }

  void read_request() {
    parser_.emplace();
    parser_->header_limit(
      static_cast<std::uint32_t>(state_->limits.max_header_bytes));
    parser_->body_limit(state_->limits.max_body_bytes);
    lowest().expires_after(state_->limits.header_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec,
                                                       size_t) {
                       self->on_read(ec);
                     });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      reply(json_error(413, "request body over "
                              + std::to_string(state_->limits.max_body_bytes)
                              + " bytes"),
            11, false);
      return;
    }
    if (ec == http::error::header_limit) {
      reply(json_error(431, "request header over "
                              + std::to_string(state_->limits.max_header_bytes)
                              + " bytes"),
            11, false);
      return;
    }
    if (ec)
      return; // timed out, closed or malformed: the session ends
    auto req = parser_->release();
    parser_.reset();
    if (over_limit_) {
      reply(json_error(503, "too many connections"), req.version(), false);
      return;
    }
    auto request = to_request(req);
    auto target = parse_target(request.target);
    if (websocket::is_upgrade(req) && target
        && target->path == "/api/v1/stream") {
      if (auto t = bearer_from_protocols(
            request.header("sec-websocket-protocol"));
          t && request.header("authorization").empty())
        request.headers["authorization"] = "Bearer " + *t;
      if (auto refused = state_->router.refusal(access::read, request)) {
        reply(std::move(*refused), req.version(), false);
        return;
      }
      std::make_shared<ws_session<Stream>>(std::move(stream_), state_,
                                           std::move(slot_))
        ->start(std::move(req));
      return;
    }
    auto version = req.version();
    auto keep_alive = req.keep_alive();
    // A control answers later, from another thread: back to this one.
    auto self = this->shared_from_this();
    state_->router.handle(request, [self, version,
                                    keep_alive](http_response r) {
      net::post(self->stream_.get_executor(),
                [self, version, keep_alive, r = std::move(r)]() mutable {
                  self->reply(std::move(r), version, keep_alive);
                });
    });
  }

  void reply(http_response r, unsigned version, bool keep_alive) {
    auto res = std::make_shared<http::response<http::string_body>>(
      static_cast<http::status>(r.status), version);
    res->set(http::field::server, "karb");
    res->set(http::field::content_type, r.content_type);
    for (auto& [name, value] : r.headers)
      res->set(name, value);
    res->keep_alive(keep_alive);
    res->body() = std::move(r.body);
    res->prepare_payload();
    lowest().expires_after(state_->limits.write_timeout);
    http::async_write(stream_, *res,
                      [self = this->shared_from_this(), res](
                        beast::error_code ec, size_t) {
                        if (ec)
                          return;
                        ++self->served_;
                        if (res->keep_alive())
                          self->wait_request();
                        else
                          self->close();
                      });
  }

  void close() {
    if constexpr (is_tls<Stream>) {
      lowest().expires_after(state_->limits.write_timeout);
      stream_.async_shutdown(
        [self = this->shared_from_this()](beast::error_code) {});
    } else {
      beast::error_code ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      lowest().expires_after(state_->limits.write_timeout);
      drain();
    }
  }

  // Reads and drops what the client still sends (e.g. the rest of a body
  // over the limit) until it closes: closing with unread input would reset
  // the connection before the client read the response.
  void drain() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(
      buffer_.prepare(4096),
      [self = this->shared_from_this()](beast::error_code ec, size_t) {
        if (!ec)
          self->drain();
      });
  }

  Stream stream_;
  std::shared_ptr<server_state> state_;
  std::unique_ptr<connection_slot> slot_;
  bool over_limit_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  size_t served_ = 0;
};

} // namespace

void serve_connection(tcp::socket socket, std::shared_ptr<server_state> state,
                      bool over_limit) {
  if (state->tls) {
    auto& ctx = *state->tls;
    std::make_shared<http_session<tls_stream>>(
      tls_stream{std::move(socket), ctx}, std::move(state), over_limit)
      ->start();
  } else {
    std::make_shared<http_session<plain_stream>>(
      plain_stream{std::move(socket)}, std::move(state), over_limit)
      ->start();
  }
}

} // namespace karb::api
