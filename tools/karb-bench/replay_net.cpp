#include "tools/karb-bench/replay_net.hpp"

#include <algorithm>
#include <chrono>
#include <future>
#include <optional>

#include "exchanges/common/io_runner.hpp"
#include "exchanges/common/net_types.hpp"
#include "tools/karb-sim/sim.hpp"

namespace karb::bench {

namespace {

int64_t wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
           std::chrono::system_clock::now().time_since_epoch())
    .count();
}

} // namespace

/// One connection attempt of a fake WebSocket; its fields after
/// construction are touched on the I/O thread only.
struct ws_link {
  size_t venue = 0;            ///< index into the tape's venues (or npos)
  bool priv = false;
  std::string account;         ///< access key (private stream filter)
  net::ws_handlers h;
  bool open = false;
  bool gone = false;           ///< closed or transport destroyed
  std::optional<sim::ws_subscription> sub; ///< private stream's request
};

namespace {

class fake_ws final : public venue::ws_transport {
public:
  fake_ws(std::shared_ptr<replay_net> hub, std::shared_ptr<ws_link> link)
    : hub_(std::move(hub)), link_(std::move(link)) {}

  ~fake_ws() override {
    // Like ws_client: no handler call once this reaches the I/O thread.
    hub_->io().post([hub = hub_, l = link_] {
      l->gone = true;
      l->open = false;
      hub->detach(l);
      l->h = {};
    });
  }

  void connect() override {
    hub_->io().post([hub = hub_, l = link_] {
      if (l->gone || l->open)
        return;
      l->open = true;
      hub->attach(l);
      if (l->h.on_open)
        l->h.on_open();
    });
  }

  void send_text(std::string data) override {
    hub_->io().post([hub = hub_, l = link_, d = std::move(data)] {
      if (!l->gone && l->open)
        hub->on_sent(*l, d);
    });
  }

  void close() override {
    hub_->io().post([hub = hub_, l = link_] {
      if (l->gone)
        return;
      l->gone = true;
      l->open = false;
      hub->detach(l);
      auto h = std::move(l->h);
      l->h = {};
      if (h.on_close)
        h.on_close("normal");
    });
  }

private:
  std::shared_ptr<replay_net> hub_;
  std::shared_ptr<ws_link> link_;
};

class fake_http final : public venue::http_transport {
public:
  fake_http(std::shared_ptr<replay_net> hub, size_t venue)
    : hub_(std::move(hub)), venue_(venue) {}

  void async_send(http::request req, net::http_callback cb) override {
    // Where the real client starts the write (and the bytes reach the
    // kernel): the node's part ends here; the venue takes it on its own
    // thread.
    auto queued = net::steady_ns();
    hub_->rest_io().post([hub = hub_, v = venue_, closed = closed_,
                          req = std::move(req), cb = std::move(cb), queued] {
      net::http_result r;
      r.timing.queued_ns = queued;
      r.timing.written_ns = queued;
      r.attempts = 1;
      if (closed->load()) {
        r.error = {net::error_kind::cancelled, "closed"};
      } else {
        hub->answer(v, req, r);
      }
      cb(std::move(r));
    });
  }

  void close() override { closed_->store(true); }

private:
  std::shared_ptr<replay_net> hub_;
  size_t venue_;
  std::shared_ptr<std::atomic<bool>> closed_
    = std::make_shared<std::atomic<bool>>(false);
};

} // namespace

replay_net::replay_net(net::io_runner& io, net::io_runner& rest_io,
                       sim::simulator& sim, tape t)
  : io_(io), rest_io_(rest_io), sim_(sim), tape_(std::move(t)) {
  for (auto& v : tape_.header["venues"])
    venues_.push_back(v.get<std::string>());
  feed_.resize(venues_.size());
  private_.resize(venues_.size());
  last_stamp_.assign(venues_.size(), 0);
  subscribed_ = std::make_unique<std::atomic<size_t>[]>(venues_.size());
  step_ms_ = 1000 / std::max(sim_.book_hz(), 1);
}

replay_net::~replay_net() = default;

venue::venue_io replay_net::io_for(const config::venue_settings& v) {
  auto at = std::find(venues_.begin(), venues_.end(), v.name);
  size_t i = at == venues_.end() ? ~size_t{0}
                                 : static_cast<size_t>(at - venues_.begin());
  auto self = shared_from_this();
  venue::venue_io out;
  auto private_url = v.private_ws_url;
  auto account = v.access_key;
  out.make_ws = [self, i, private_url, account](net::ws_config cfg,
                                                net::ws_handlers h) {
    auto l = std::make_shared<ws_link>();
    l->venue = i;
    l->priv = cfg.url == private_url;
    l->account = account;
    l->h = std::move(h);
    return std::unique_ptr<venue::ws_transport>(new fake_ws(self, l));
  };
  out.make_http = [self, i](net::http_client_config) {
    return std::shared_ptr<venue::http_transport>(new fake_http(self, i));
  };
  return out;
}

// -- I/O thread ---------------------------------------------------------------

void replay_net::attach(const std::shared_ptr<ws_link>& l) {
  if (l->venue >= venues_.size())
    return;
  ws_connects_.fetch_add(1, std::memory_order_relaxed);
  (l->priv ? private_ : feed_)[l->venue] = l;
  if (!l->priv)
    subscribed_[l->venue].store(0);
}

void replay_net::detach(const std::shared_ptr<ws_link>& l) {
  if (l->venue >= venues_.size())
    return;
  auto& slot = (l->priv ? private_ : feed_)[l->venue];
  if (slot == l) {
    slot.reset();
    if (!l->priv)
      subscribed_[l->venue].store(0);
  }
}

void replay_net::on_sent(ws_link& l, const std::string& text) {
  if (l.venue >= venues_.size())
    return;
  auto parsed = sim::parse_subscription(text, l.priv);
  if (!parsed.sub)
    return;
  if (l.priv) {
    l.sub = std::move(parsed.sub);
    return;
  }
  size_t n = 0;
  if (auto* t = parsed.sub->find("orderbook"))
    n = t->codes.size();
  subscribed_[l.venue].store(n);
}

void replay_net::run_batch(const uint32_t* refs, size_t n) {
  auto ms = wall_ms();
  uint64_t delivered = 0, unrouted = 0;
  for (size_t k = 0; k < n; ++k) {
    if (k > 0) {
      // As the real WebSocket client: one frame per read completion; the
      // next one is a new handler behind what this frame made ready.
      delivered_.fetch_add(delivered, std::memory_order_relaxed);
      unrouted_.fetch_add(unrouted, std::memory_order_relaxed);
      io_.post([self = shared_from_this(), rest = refs + k, left = n - k] {
        self->run_batch(rest, left);
      });
      return;
    }
    auto& f = tape_.frames[refs[k]];
    auto* l = feed_[f.venue].get();
    if (l == nullptr || !l->open || !l->h.on_frame) {
      ++unrouted;
      continue;
    }
    if (f.stamp_at != tape_frame::no_stamp) {
      auto& last = last_stamp_[f.venue];
      last = std::max(last, ms);
      write_stamp(f.text.data() + f.stamp_at, last);
    }
    l->h.on_frame(f.text, true, net::steady_ns());
    ++delivered;
  }
  delivered_.fetch_add(delivered, std::memory_order_relaxed);
  unrouted_.fetch_add(unrouted, std::memory_order_relaxed);
  in_flight_.fetch_sub(1);
  in_flight_.notify_all();
}

// -- driver -------------------------------------------------------------------

void replay_net::post_batch(const uint32_t* refs, size_t n) {
  in_flight_.fetch_add(1);
  io_.post([self = shared_from_this(), refs, n] { self->run_batch(refs, n); });
}

void replay_net::wait_in_flight_below(int limit) {
  for (;;) {
    auto n = in_flight_.load();
    if (n < limit)
      return;
    in_flight_.wait(n);
  }
}

void replay_net::flush() {
  for (auto* r : {&io_, &rest_io_}) {
    std::promise<void> done;
    auto f = done.get_future();
    r->post([&done] { done.set_value(); });
    f.wait();
  }
}

// -- REST thread --------------------------------------------------------------

void replay_net::answer(size_t venue, const http::request& req,
                        net::http_result& r) {
  r.timing.sent_ns = net::steady_ns(); // "written": taken by the venue
  if (venue >= venues_.size()) {
    r.error = {net::error_kind::connect, "no such venue in the tape"};
    return;
  }
  bool placement = req.method == "POST"
                   && (req.target.rfind("/v1/orders", 0) == 0
                       || req.target.rfind("/v2/orders", 0) == 0);
  if (placement) {
    std::lock_guard<std::mutex> g{orders_mtx_};
    order_sent_ns_.push_back(r.timing.sent_ns);
  }
  auto now = wall_ms();
  step_market(now);
  auto reply = sim_.handle_http(venue, req, now);
  r.response = std::move(reply.response);
  r.timing.received_ns = net::steady_ns();
  r.reused_connection = true;
  requests_.fetch_add(1, std::memory_order_relaxed);
  if (r.response.status >= 400)
    http_errors_.fetch_add(1, std::memory_order_relaxed);
  push_private(venue, now);
}

void replay_net::step_market(int64_t now_ms) {
  if (last_step_ms_ != 0 && now_ms - last_step_ms_ < step_ms_)
    return;
  last_step_ms_ = now_ms;
  sim_.step(now_ms); // fills resting orders, applies cancels
  for (size_t v = 0; v < venues_.size(); ++v)
    push_private(v, now_ms);
}

void replay_net::push_private(size_t venue, int64_t now_ms) {
  auto frames = sim_.take_private(venue, now_ms);
  if (frames.empty())
    return;
  io_.post([self = shared_from_this(), venue, frames = std::move(frames)] {
    auto* l = self->private_[venue].get();
    if (l == nullptr || !l->open || !l->sub || !l->h.on_frame)
      return;
    for (auto& f : frames) {
      if (f.account != l->account)
        continue;
      auto* t = l->sub->find(f.type);
      if (t == nullptr || (f.type == "myOrder" && !t->wants(f.code)))
        continue;
      l->h.on_frame(l->sub->format == sim::ws_format::simple ? f.simple_text
                                                             : f.default_text,
                    true, net::steady_ns());
      self->private_frames_.fetch_add(1, std::memory_order_relaxed);
    }
  });
}

// -- observers ----------------------------------------------------------------

replay_net::counters replay_net::stats() const {
  counters c;
  c.delivered = delivered_.load();
  c.unrouted = unrouted_.load();
  c.ws_connects = ws_connects_.load();
  c.requests = requests_.load();
  c.http_errors = http_errors_.load();
  c.private_frames = private_frames_.load();
  std::lock_guard<std::mutex> g{orders_mtx_};
  c.orders = order_sent_ns_.size();
  return c;
}

size_t replay_net::subscribed(size_t i) const {
  return i < venues_.size() ? subscribed_[i].load() : 0;
}

uint64_t replay_net::orders_between(int64_t from_ns, int64_t to_ns) const {
  std::lock_guard<std::mutex> g{orders_mtx_};
  return static_cast<uint64_t>(
    std::count_if(order_sent_ns_.begin(), order_sent_ns_.end(),
                  [&](int64_t t) { return t >= from_ns && t < to_ns; }));
}

} // namespace karb::bench
