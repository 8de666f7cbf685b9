#pragma once

// WebSocket session of a Binance venue: market streams (raw or combined,
// live SUBSCRIBE), the spot WebSocket API's user data subscription, or a
// USD-M listen-key stream. Text frames, one write in flight. The protocol
// is in bn_stream / bn_ws_api; this only moves frames. Part of server.cpp's
// TU.

#include "tools/karb-sim/bn_stream.hpp"

namespace karb::sim::net_detail {

template <class Stream>
class bn_ws_session : public ws_base,
                      public std::enable_shared_from_this<bn_ws_session<Stream>> {
public:
  bn_ws_session(Stream&& s, hub& h, size_t venue, bn_ws_route route,
                std::string account)
    : ws_(std::move(s)), hub_(h), venue_(venue), route_(std::move(route)),
      streams_(h.sim.kind(venue), route_.streams, route_.combined),
      account_(std::move(account)) {
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
    if (route_.k != bn_ws_route::kind::market || !u.binance || closing_)
      return;
    for (auto& f : streams_.frames(*u.binance))
      send(hub_.sim.outgoing_frame(venue_, std::move(f), false));
  }

  void on_private(const private_frame& f) override {
    if (closing_ || account_.empty() || f.account != account_)
      return;
    if (route_.k == bn_ws_route::kind::api)
      send(hub_.sim.outgoing_frame(venue_, ws_api_event(f.default_text),
                                   true));
    else if (route_.k == bn_ws_route::kind::user
             && (f.type != "listenKeyExpired" || f.code == route_.listen_key))
      send(hub_.sim.outgoing_frame(venue_, f.default_text, true));
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
    if (route_.k == bn_ws_route::kind::market) {
      send(streams_.on_text(text));
    } else if (route_.k == bn_ws_route::kind::api) {
      auto r = hub_.sim.ws_api(venue_, text, now_ms());
      if (r.subscribed)
        account_ = *r.subscribed;
      if (r.unsubscribed)
        account_.clear();
      send(std::move(r.reply));
    }
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
  bn_ws_route route_;
  bn_stream_set streams_;
  std::string account_; ///< user data: whose events
  std::deque<std::shared_ptr<const std::string>> queue_;
  bool closing_ = false;
};

} // namespace karb::sim::net_detail
