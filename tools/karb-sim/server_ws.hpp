#pragma once

// WebSocket session: Upbit-format subscriptions, binary frames, one write
// in flight (queue), `PING` -> {"status":"UP"}. Part of server.cpp's TU.

namespace karb::sim::net_detail {

template <class Stream>
class ws_session : public ws_base,
                   public std::enable_shared_from_this<ws_session<Stream>> {
public:
  ws_session(Stream&& s, hub& h, size_t venue, bool priv, std::string account)
    : ws_(std::move(s)), hub_(h), venue_(venue), priv_(priv),
      account_(std::move(account)) {
  }

  void run(bhttp::request<bhttp::string_body> req) {
    auto t = websocket::stream_base::timeout::suggested(beast::role_type::server);
    t.idle_timeout = std::chrono::seconds(120); // Upbit closes idle sockets
    t.keep_alive_pings = false;
    ws_.set_option(t);
    ws_.read_message_max(1 << 16);
    ws_.async_accept(req, [self = this->shared_from_this()](beast::error_code ec) {
      if (ec)
        return;
      self->hub_.sessions[self->venue_].push_back(self);
      self->do_read();
    });
  }

  void on_feed(const feed_update& u) override {
    if (!sub_ || priv_ || closing_)
      return;
    for (auto& f : u.render(*sub_))
      send(f);
  }

  void on_private(const private_frame& f) override {
    if (!sub_ || !priv_ || closing_ || f.account != account_)
      return;
    auto* t = sub_->find(f.type);
    if (!t || (f.type == "myOrder" && !t->wants(f.code)))
      return;
    send(sub_->format == ws_format::simple ? f.simple_text : f.default_text);
  }

  void drop() override {
    closing_ = true;
    close_socket(ws_.next_layer());
  }

private:
  void do_read() {
    ws_.async_read(buf_, [self = this->shared_from_this()](beast::error_code ec,
                                                          size_t) {
      self->on_read(ec);
    });
  }

  void on_read(beast::error_code ec) {
    if (ec) {
      closing_ = true;
      return;
    }
    auto text = beast::buffers_to_string(buf_.data());
    buf_.consume(buf_.size());
    if (text == "PING") {
      send(R"({"status":"UP"})");
    } else {
      auto parsed = parse_subscription(text, priv_);
      if (!parsed.sub) {
        send(parsed.error_frame);
      } else {
        sub_ = std::move(parsed.sub);
        if (!priv_)
          for (auto& f : hub_.sim.snapshot(venue_, *sub_, now_ms()))
            send(std::move(f));
      }
    }
    do_read();
  }

  void send(std::string frame) {
    if (closing_)
      return;
    if (queue_.size() >= max_queue) { // a consumer this slow gets cut off
      drop();
      return;
    }
    ++hub_.frames;
    queue_.push_back(std::make_shared<const std::string>(std::move(frame)));
    if (queue_.size() == 1)
      do_write();
  }

  void do_write() {
    ws_.binary(true);
    ws_.async_write(net::buffer(*queue_.front()),
                    [self = this->shared_from_this()](beast::error_code ec,
                                                      size_t) {
                      if (ec) {
                        self->closing_ = true;
                        return;
                      }
                      self->queue_.pop_front();
                      if (!self->queue_.empty())
                        self->do_write();
                    });
  }

  static constexpr size_t max_queue = 20000;

  websocket::stream<Stream> ws_;
  beast::flat_buffer buf_;
  hub& hub_;
  size_t venue_;
  bool priv_;
  std::string account_;
  std::optional<ws_subscription> sub_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  bool closing_ = false;
};

} // namespace karb::sim::net_detail
