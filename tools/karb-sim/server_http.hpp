#pragma once

// HTTP session (REST, admin, WebSocket upgrade) and listener. Part of
// server.cpp's TU.

namespace karb::sim::net_detail {

template <class Stream>
class http_session
  : public std::enable_shared_from_this<http_session<Stream>> {
public:
  http_session(Stream&& s, hub& h, size_t venue)
    : stream_(std::move(s)), hub_(h), venue_(venue),
      delay_(beast::get_lowest_layer(stream_).get_executor()) {
  }

  void run() {
    if constexpr (std::is_same_v<Stream, tls_stream>) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(30));
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](
                                beast::error_code ec) {
                                if (!ec)
                                  self->do_read();
                              });
    } else {
      do_read();
    }
  }

private:
  void do_read() {
    parser_.emplace();
    parser_->body_limit(1 << 20);
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(120));
    bhttp::async_read(stream_, buf_, *parser_,
                      [self = this->shared_from_this()](beast::error_code ec,
                                                        size_t) {
                        self->on_read(ec);
                      });
  }

  void on_read(beast::error_code ec) {
    if (ec)
      return close_socket(stream_);
    auto req = parser_->release();
    if (websocket::is_upgrade(req))
      return upgrade(std::move(req));
    http::request r;
    r.method = std::string{req.method_string()};
    r.target = std::string{req.target()};
    r.body = req.body();
    for (auto& field : req)
      r.headers.emplace_back(std::string{field.name_string()},
                             std::string{field.value()});
    http::response resp;
    int delay = 0;
    if (venue_ == hub::admin) {
      resp = hub_.admin_handler(r);
    } else {
      auto rep = hub_.sim.handle_http(venue_, r, now_ms());
      hub_.publish_private(venue_);
      if (rep.drop)
        return close_socket(stream_);
      if (rep.reset)
        return reset_after(rep.delay_ms);
      resp = std::move(rep.response);
      delay = rep.delay_ms;
    }
    respond(resp, req.keep_alive(), delay);
  }

  void respond(const http::response& resp, bool keep_alive, int delay_ms) {
    res_ = std::make_shared<bhttp::response<bhttp::string_body>>();
    res_->result(static_cast<unsigned>(resp.status));
    res_->version(11);
    res_->set(bhttp::field::server, "karb-sim");
    for (auto& [k, v] : resp.headers)
      res_->set(k, v);
    res_->body() = resp.body;
    res_->keep_alive(keep_alive);
    res_->prepare_payload();
    if (delay_ms <= 0)
      return write();
    delay_.expires_after(std::chrono::milliseconds(delay_ms));
    delay_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (!ec)
        self->write();
    });
  }

  /// reset_after_accept: no reply, a TCP reset (after the "slow" delay).
  void reset_after(int delay_ms) {
    if (delay_ms <= 0)
      return reset_socket(stream_);
    delay_.expires_after(std::chrono::milliseconds(delay_ms));
    delay_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (!ec)
        reset_socket(self->stream_);
    });
  }

  void write() {
    bhttp::async_write(stream_, *res_,
                       [self = this->shared_from_this()](beast::error_code ec,
                                                         size_t) {
                         if (ec || !self->res_->keep_alive())
                           return close_socket(self->stream_);
                         self->do_read();
                       });
  }

  void upgrade(bhttp::request<bhttp::string_body> req) {
    if (venue_ != hub::admin && is_binance(hub_.sim.kind(venue_)))
      return upgrade_binance(std::move(req));
    if (venue_ != hub::admin && is_okx(hub_.sim.kind(venue_)))
      return upgrade_okx(std::move(req));
    if (venue_ != hub::admin && is_bybit(hub_.sim.kind(venue_)))
      return upgrade_bybit(std::move(req));
    auto target = std::string{req.target()};
    auto path = target.substr(0, target.find('?'));
    bool bithumb = venue_ != hub::admin
                   && hub_.sim.kind(venue_) == venue_kind::bithumb;
    bool priv = path == "/websocket/v1/private"
                || (bithumb && path == "/websocket/v2/private");
    if (venue_ == hub::admin || (!priv && path != "/websocket/v1")) {
      http::response r;
      r.status = 404;
      r.body = error_body("not_found", "No WebSocket endpoint at " + path);
      return respond(r, false, 0);
    }
    if (hub_.sim.ws_refused(venue_)) { // cut_ws fault
      http::response r;
      r.status = 503;
      r.body = error_body("server_error", "WebSocket refused (cut_ws fault)");
      return respond(r, false, 0);
    }
    if (auto left = hub_.sim.ban_left(venue_, now_ms()); left > 0)
      return respond(ban_reply(left), false, 0); // ban fault
    std::string account;
    if (priv) {
      auto v = hub_.sim.auth_ws(venue_, std::string{req[bhttp::field::authorization]},
                                now_ms());
      if (!v.ok) {
        http::response r;
        r.status = v.status;
        r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
        r.body = error_body(v.name, v.message);
        return respond(r, false, 0);
      }
      account = v.acct->access_key;
    }
    beast::get_lowest_layer(stream_).expires_never();
    std::make_shared<ws_session<Stream>>(std::move(stream_), hub_, venue_, priv,
                                         account)
      ->run(std::move(req));
  }

  /// OKX paths: /ws/v5/public, /ws/v5/private, /ws/v5/business.
  void upgrade_okx(bhttp::request<bhttp::string_body> req) {
    auto target = std::string{req.target()};
    auto path = target.substr(0, target.find('?'));
    http::response refused;
    refused.headers.emplace_back("Content-Type", "application/json");
    if (path != "/ws/v5/public" && path != "/ws/v5/private"
        && path != "/ws/v5/business") {
      refused.status = 404;
      refused.body = R"({"code":"60018","msg":"Wrong URL","data":[]})";
      return respond(refused, false, 0);
    }
    if (hub_.sim.ws_refused(venue_)) { // cut_ws fault
      refused.status = 503;
      refused.body = R"x({"code":"50001","msg":"Service temporarily unavailable (cut_ws fault)","data":[]})x";
      return respond(refused, false, 0);
    }
    if (auto left = hub_.sim.ban_left(venue_, now_ms()); left > 0)
      return respond(ban_reply(left), false, 0);
    beast::get_lowest_layer(stream_).expires_never();
    std::make_shared<okx_ws_session<Stream>>(std::move(stream_), hub_, venue_,
                                             path == "/ws/v5/private")
      ->run(std::move(req));
  }

  /// Bybit paths (by_ws.hpp); the private socket authenticates by `op`.
  void upgrade_bybit(bhttp::request<bhttp::string_body> req) {
    auto ch = by_ws_channel(std::string{req.target()});
    if (!ch) {
      http::response r;
      r.status = 404;
      r.body = "No WebSocket endpoint at " + std::string{req.target()};
      return respond(r, false, 0);
    }
    if (hub_.sim.ws_refused(venue_)) { // cut_ws fault
      http::response r;
      r.status = 503;
      r.body = "WebSocket refused (cut_ws fault)";
      return respond(r, false, 0);
    }
    if (auto left = hub_.sim.ban_left(venue_, now_ms()); left > 0)
      return respond(bybit_ban_reply(left), false, 0);
    beast::get_lowest_layer(stream_).expires_never();
    std::make_shared<by_ws_session<Stream>>(std::move(stream_), hub_, venue_,
                                            hub_.sim.bybit_ws_open(venue_, *ch))
      ->run(std::move(req));
  }

  /// Binance paths (bn_stream.hpp); a listen key must be valid.
  void upgrade_binance(bhttp::request<bhttp::string_body> req) {
    auto kind = hub_.sim.kind(venue_);
    auto route = route_bn_ws(kind, std::string{req.target()});
    http::response refused;
    refused.headers.emplace_back("Content-Type", "application/json");
    if (!route) {
      refused.status = 404;
      refused.body = bn_error_body(-1000, "No WebSocket endpoint at "
                                            + std::string{req.target()});
      return respond(refused, false, 0);
    }
    if (hub_.sim.ws_refused(venue_)) { // cut_ws fault
      refused.status = 503;
      refused.body = bn_error_body(-1000, "WebSocket refused (cut_ws fault)");
      return respond(refused, false, 0);
    }
    if (auto left = hub_.sim.ban_left(venue_, now_ms()); left > 0)
      return respond(binance_ban_reply(left, now_ms()), false, 0);
    std::string account;
    if (route->k == bn_ws_route::kind::user) {
      auto owner = hub_.sim.listen_key_account(venue_, route->listen_key,
                                               now_ms());
      if (!owner) {
        refused.status = 400;
        refused.body = bn_error_body(-1125, "This listenKey does not exist.");
        return respond(refused, false, 0);
      }
      account = *owner;
    }
    beast::get_lowest_layer(stream_).expires_never();
    std::make_shared<bn_ws_session<Stream>>(std::move(stream_), hub_, venue_,
                                            std::move(*route), account)
      ->run(std::move(req));
  }

  Stream stream_;
  beast::flat_buffer buf_;
  hub& hub_;
  size_t venue_;
  net::steady_timer delay_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<bhttp::response<bhttp::string_body>> res_;
};

/// Accepts connections on 127.0.0.1:port for one venue (or the admin API).
class listener : public std::enable_shared_from_this<listener> {
public:
  listener(net::io_context& ioc, ssl::context* ctx, uint16_t port, hub& h,
           size_t venue)
    : ioc_(ioc), ctx_(ctx), acceptor_(ioc), hub_(h), venue_(venue) {
    tcp::endpoint ep{net::ip::make_address("127.0.0.1"), port};
    acceptor_.open(ep.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }

  uint16_t port() const { return acceptor_.local_endpoint().port(); }

  void accept() {
    acceptor_.async_accept(ioc_, [self = shared_from_this()](
                                   beast::error_code ec, tcp::socket s) {
      if (ec == net::error::operation_aborted)
        return;
      if (!ec) {
        if (self->ctx_)
          std::make_shared<http_session<tls_stream>>(
            tls_stream(std::move(s), *self->ctx_), self->hub_, self->venue_)
            ->run();
        else
          std::make_shared<http_session<plain_stream>>(
            plain_stream(std::move(s)), self->hub_, self->venue_)
            ->run();
      }
      self->accept();
    });
  }

  void close() {
    beast::error_code ec;
    acceptor_.close(ec);
  }

private:
  net::io_context& ioc_;
  ssl::context* ctx_;
  tcp::acceptor acceptor_;
  hub& hub_;
  size_t venue_;
};

} // namespace karb::sim::net_detail
