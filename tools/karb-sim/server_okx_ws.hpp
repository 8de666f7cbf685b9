#pragma once

// WebSocket session of an OKX venue: /ws/v5/public (books, tickers,
// trades, mark-price, funding-rate), /ws/v5/private (login, orders,
// account, positions), /ws/v5/business (public channels). Text frames,
// one write in flight. The protocol is in okx_ws; this only moves frames.
// Part of server.cpp's TU.

#include "tools/karb-sim/okx_ws.hpp"

namespace karb::sim::net_detail {

template <class Stream>
class okx_ws_session
  : public ws_base,
    public std::enable_shared_from_this<okx_ws_session<Stream>> {
public:
  okx_ws_session(Stream&& s, hub& h, size_t venue, bool priv)
    : ws_(std::move(s)), hub_(h), venue_(venue), conn_(priv) {
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
    if (!u.okx || closing_ || conn_.subs.empty())
      return;
    for (auto& f : u.okx->frames)
      for (auto& s : conn_.subs) {
        if (s.channel != f.channel || s.inst_id != f.inst_id)
          continue;
        if (s.need_snapshot) { // the snapshot already holds this update
          send_snapshot(s);
          continue;
        }
        send(hub_.sim.outgoing_frame(venue_, f.text, false));
      }
  }

  void on_private(const private_frame& f) override {
    if (closing_ || conn_.account().empty() || f.account != conn_.account())
      return;
    for (auto& text :
         conn_.private_frames(f.type, f.code, f.simple_text, f.default_text))
      send(hub_.sim.outgoing_frame(venue_, std::move(text), true));
  }

  void drop() override {
    closing_ = true;
    close_socket(ws_.next_layer());
  }

private:
  void send_snapshot(okx_ws_sub& s) {
    auto snap = hub_.sim.okx_book_snapshot(venue_, s.inst_id);
    if (snap.empty())
      return;
    s.need_snapshot = false;
    send(std::move(snap));
  }

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
    auto op = conn_.on_text(text);
    for (auto& r : op.replies)
      send(std::move(r));
    if (op.login) {
      auto res = hub_.sim.okx_login(venue_, *op.login, now_ms());
      if (res.index() == 0)
        send(conn_.logged_in(std::get<0>(res)));
      else
        send(std::get<1>(res));
    }
    for (auto i : op.new_subs)
      if (i < conn_.subs.size() && conn_.subs[i].need_snapshot)
        send_snapshot(conn_.subs[i]);
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
  okx_ws_conn conn_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  bool closing_ = false;
};

} // namespace karb::sim::net_detail
