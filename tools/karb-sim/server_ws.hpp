#pragma once

// WebSocket session: Upbit-format subscriptions, binary frames, one write
// in flight (queue), `PING` -> {"status":"UP"}. Part of server.cpp's TU.

namespace karb::sim::net_detail {

template <class Stream>
class ws_session : public ws_base,
                   public std::enable_shared_from_this<ws_session<Stream>> {
public:
  ws_session(Stream&& s, hub& h, size_t venue, bool priv, std::string account)
    : ws_(std::move(s)), timer_(ws_.get_executor()), hub_(h), venue_(venue),
      priv_(priv), account_(std::move(account)) {
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
    if (!pump_) {
      for (auto& f : u.render(*sub_))
        send(hub_.sim.outgoing_frame(venue_, f, false));
      return;
    }
    // Feed-rate mode: books come from the pump, the rest as usual.
    pump_->update(u, *sub_);
    for (auto& f : u.render(rest_sub_))
      send(hub_.sim.outgoing_frame(venue_, f, false));
    if (!pump_->paced())
      fill();
  }

  void on_private(const private_frame& f) override {
    if (!sub_ || !priv_ || closing_ || f.account != account_)
      return;
    auto* t = sub_->find(f.type);
    if (!t || (f.type == "myOrder" && !t->wants(f.code)))
      return;
    send(hub_.sim.outgoing_frame(
      venue_,
      sub_->format == ws_format::simple ? f.simple_text : f.default_text,
      true));
  }

  void retune() override {
    if (!pump_ || closing_)
      return;
    bool was_paced = pump_->paced();
    pump_->set_rate(hub_.feed_rate, steady_now_ns());
    if (pump_->paced() && !was_paced)
      arm_pump_timer();
    else if (!pump_->paced())
      fill();
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
        if (!priv_)
          start_pump();
      }
    }
    do_read();
  }

  static int64_t steady_now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
  }

  /// Feed-rate mode: book frames from a pump instead of the market steps.
  void start_pump() {
    bool had = pump_ != nullptr;
    pump_.reset();
    if (hub_.feed_rate == 0 || !sub_->find("orderbook"))
      return;
    pump_ = std::make_unique<feed_pump>(hub_.sim.kind(venue_), hub_.feed_rate,
                                        steady_now_ns());
    rest_sub_ = *sub_;
    std::erase_if(rest_sub_.topics,
                  [](const ws_topic& t) { return t.type == "orderbook"; });
    if (pump_->paced() && !had)
      arm_pump_timer();
  }

  /// Paced pump: every millisecond, the frames due (queue kept short).
  void arm_pump_timer() {
    timer_.expires_after(std::chrono::milliseconds(1));
    timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (ec || self->closing_ || !self->pump_ || !self->pump_->paced())
        return;
      auto& p = *self->pump_;
      if (p.ready()) {
        auto q = self->queue_.size();
        size_t room = q >= pump_queue ? 0 : pump_queue - q;
        auto before = p.skipped();
        auto n = p.due(steady_now_ns(), room);
        self->hub_.skipped += p.skipped() - before;
        auto now = now_ms();
        for (size_t k = 0; k < n; ++k)
          self->send_pumped(p.next(now));
      }
      self->arm_pump_timer();
    });
  }

  /// Unpaced pump: keeps a few frames queued.
  void fill() {
    if (!pump_ || !pump_->ready())
      return;
    auto now = now_ms();
    while (!closing_ && queue_.size() < unpaced_queue)
      send_pumped(pump_->next(now));
  }

  void send_pumped(std::string frame) {
    ++hub_.pumped;
    send(std::move(frame));
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
                      // (an empty queue: the first send() starts the write)
                      if (self->pump_ && !self->pump_->paced())
                        self->fill();
                    });
  }

  static constexpr size_t max_queue = 20000;
  static constexpr size_t pump_queue = 2000;  ///< paced: queue bound
  static constexpr size_t unpaced_queue = 8;  ///< unpaced: frames queued

  websocket::stream<Stream> ws_;
  net::steady_timer timer_;
  beast::flat_buffer buf_;
  hub& hub_;
  size_t venue_;
  bool priv_;
  std::string account_;
  std::optional<ws_subscription> sub_;
  std::unique_ptr<feed_pump> pump_;
  ws_subscription rest_sub_; ///< sub_ without orderbook (pump mode)
  std::deque<std::shared_ptr<const std::string>> queue_;
  bool closing_ = false;
};

} // namespace karb::sim::net_detail
