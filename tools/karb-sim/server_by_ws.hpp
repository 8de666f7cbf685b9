#pragma once

// WebSocket session of the Bybit venue: a public socket of one category
// or the private socket. Text frames, one write in flight. The protocol is
// in by_ws; this only moves frames. Part of server.cpp's TU.

#include "tools/karb-sim/by_ws.hpp"

namespace karb::sim::net_detail {

template <class Stream>
class by_ws_session : public ws_base,
                      public std::enable_shared_from_this<by_ws_session<Stream>> {
public:
  by_ws_session(Stream&& s, hub& h, size_t venue, by_ws_state state)
    : ws_(std::move(s)), hub_(h), venue_(venue), state_(std::move(state)) {
  }

  void run(bhttp::request<bhttp::string_body> req) {
    auto t = websocket::stream_base::timeout::suggested(beast::role_type::server);
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
    if (!u.bybit || closing_)
      return;
    for (auto& f : by_ws_feed(state_, *u.bybit))
      send(hub_.sim.outgoing_frame(venue_, std::move(f), false));
  }

  void on_private(const private_frame& f) override {
    if (closing_ || state_.account.empty() || f.account != state_.account)
      return;
    by_private p{f.account, f.type, f.code,
                 nlohmann::ordered_json::parse(f.default_text)};
    for (auto& frame : by_ws_private(state_, p, now_ms(), ++pushes_))
      send(hub_.sim.outgoing_frame(venue_, std::move(frame), true));
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
    for (auto& f : hub_.sim.bybit_ws(venue_, state_, text, now_ms()))
      send(std::move(f));
    do_read();
  }

  void send(std::string frame) {
    if (closing_)
      return;
    if (queue_.size() >= max_queue) {
      drop();
      return;
    }
    ++hub_.frames;
    queue_.push_back(std::make_shared<const std::string>(std::move(frame)));
    if (queue_.size() == 1)
      do_write();
  }

  void do_write() {
    ws_.text(true);
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
  by_ws_state state_;
  uint64_t pushes_ = 0;
  std::deque<std::shared_ptr<const std::string>> queue_;
  bool closing_ = false;
};

} // namespace karb::sim::net_detail
