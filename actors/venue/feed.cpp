#include "actors/venue/feed.hpp"

#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"
#include "actors/venue/link_shell.hpp"

namespace karb::venue {

namespace {

using pointer = hot_pointer<venue_feed_actor, feed_state>;

/// One connection's I/O-thread side: decoder, scratch book, notices.
struct feed_conn {
  venue_feed_actor owner;
  uint64_t gen = 0;
  std::shared_ptr<book_routes> routes;
  book_routes::reader reader; ///< lock-free view of the routes
  std::unique_ptr<feed_decoder> decoder;
  feed_item scratch;
  int64_t last_notice_ns = 0;
  bool noticed = false;
  std::string error;
  std::string venue;
  uint64_t frame_errors = 0;  ///< this connection's undecodable frames
};

/// Counts an undecodable frame; logs the 1st, 2nd, 4th, 8th, ... so a
/// flood of bad frames cannot flood the log. Runs on the I/O thread.
void frame_error(feed_conn& c, std::string_view data,
                 const std::string& why) {
  c.routes->errors.fetch_add(1, std::memory_order_relaxed);
  metrics::global()
    .get_counter("karb_venue_frame_errors_total",
                 "public feed frames that could not be decoded (dropped)",
                 {{"venue", c.venue}})
    .add();
  auto n = ++c.frame_errors;
  if ((n & (n - 1)) == 0)
    log::warn("venue", "frame_dropped",
              {{"venue", c.venue},
               {"count", n},
               {"bytes", data.size()},
               {"reason", why},
               {"head", std::string{data.substr(0, 80)}}});
}

/// At most one data notice per second of receive time reaches the actor.
constexpr int64_t notice_interval_ns = 1'000'000'000;

net::ws_handlers make_handlers(std::shared_ptr<feed_conn> c) {
  net::ws_handlers h;
  h.on_open = [c] { caf::anon_send(c->owner, atom::ws_open_v, c->gen); };
  h.on_frame = [c](std::string_view data, bool, int64_t recv_ns) {
    c->routes->frames.fetch_add(1, std::memory_order_relaxed);
    switch (c->decoder->decode(data, recv_ns, c->scratch)) {
      case feed_kind::book:
        if (c->routes->route(c->scratch.book, c->reader))
          c->routes->books.fetch_add(1, std::memory_order_relaxed);
        break;
      case feed_kind::delta:
        if (c->routes->route(c->scratch.delta, c->reader))
          c->routes->books.fetch_add(1, std::memory_order_relaxed);
        break;
      case feed_kind::mark:
        caf::anon_send(c->owner, c->scratch.mark,
                       c->scratch.has_funding ? c->scratch.funding
                                              : funding_rate{});
        break;
      case feed_kind::funding:
        caf::anon_send(c->owner, mark_price{}, c->scratch.funding);
        break;
      case feed_kind::error:
        frame_error(*c, data, c->scratch.error);
        c->scratch.error.clear();
        break;
      case feed_kind::other:
        break;
    }
    if (!c->noticed || recv_ns - c->last_notice_ns >= notice_interval_ns) {
      c->noticed = true;
      c->last_notice_ns = recv_ns;
      caf::anon_send(c->owner, atom::ws_data_v, c->gen);
    }
  };
  h.on_error = [c](const net::net_error& e) {
    c->error = to_string(e.kind) + ": " + e.message;
  };
  h.on_close = [c](const std::string& reason) {
    caf::anon_send(c->owner, atom::ws_closed_v, c->gen,
                   c->error.empty() ? "closed: " + reason : c->error);
  };
  return h;
}

void connect(pointer self, uint64_t gen) {
  auto& st = self->state;
  auto c = std::make_shared<feed_conn>();
  c->owner = caf::actor_cast<venue_feed_actor>(self);
  c->gen = gen;
  c->routes = st.routes;
  c->decoder = st.setup.protocol->make_feed_decoder();
  c->venue = to_string(st.setup.protocol->venue);
  st.ws = st.setup.make_ws(make_ws_config(st.setup), make_handlers(c));
  st.ws->connect();
}

void send_subscription(pointer self) {
  auto& st = self->state;
  if (!st.ws || st.routes->empty())
    return;
  for (auto& text : st.setup.subscribe(st.routes->codes()))
    st.ws->send_text(text);
}

void arm_heartbeat(pointer self) {
  auto& st = self->state;
  if (st.heartbeat_pending || st.core.params().heartbeat.count() <= 0)
    return;
  auto now = self->clock().now();
  auto due = st.core.silence_deadline();
  auto wait = due > now ? std::chrono::duration_cast<std::chrono::nanoseconds>(
                            due - now)
                        : std::chrono::nanoseconds{0};
  st.heartbeat_pending = true;
  arm_timer(self, wait, atom::heartbeat_v, st.core.generation());
}

void on_heartbeat(pointer self, uint64_t gen) {
  auto& st = self->state;
  st.heartbeat_pending = false;
  if (!is_open(st.core.state()))
    return;
  auto now = self->clock().now();
  if (gen != st.core.generation()) {
    // an older connection's timer: re-arm for the current one below
  } else if (st.routes->empty()) { // nothing subscribed: silence is expected
    st.core.data(gen, now);
  } else if (st.core.check_silence(gen, now)) {
    auto secs = std::chrono::duration_cast<std::chrono::seconds>(
      st.core.params().heartbeat);
    st.ws.reset(); // drop the silent socket (no callbacks after this)
    link_failed(self, gen,
                "stale: no data for " + std::to_string(secs.count()) + " s");
    return;
  }
  arm_heartbeat(self);
}

} // namespace

venue_feed_actor::behavior_type feed_actor(pointer self, stream_setup setup) {
  self->state.setup = std::move(setup);
  self->state.core = connection_core{self->state.setup.link};
  auto do_connect = [self](uint64_t gen) { connect(self, gen); };
  link_start(self, do_connect);
  return {
    [=](atom::subscribe, const instrument& inst, const book_actor& book) {
      auto& st = self->state;
      auto code = inst.venue_symbol.empty()
                    ? st.setup.protocol->market_code(inst)
                    : inst.venue_symbol;
      if (st.routes->add(code, book) && is_open(st.core.state()))
        send_subscription(self);
    },
    [=](atom::status) {
      auto& st = self->state;
      venue_status out;
      out.venue = st.setup.venue_name;
      out.feed_state = to_string(st.core.state());
      out.breaker = to_string(st.core.breaker(self->clock().now()));
      out.reconnects = st.core.reconnects();
      out.frames = st.routes->frames.load();
      return out;
    },
    [=](atom::ws_open, uint64_t gen) {
      auto& st = self->state;
      if (!st.core.opened(gen))
        return;
      set_connected(self, true);
      log::info("venue", "connected",
                {{"venue", st.setup.venue_name}, {"stream", "feed"},
                 {"codes", st.routes->codes()}});
      publish_link_event(self, event_type::exchange_connected, "opened");
      send_subscription(self);
      if (st.routes->empty())
        st.core.synced(gen, self->clock().now());
      arm_heartbeat(self);
    },
    [=](atom::resync, const instrument& inst) {
      // A book whose venue sends snapshots only on subscription (OKX,
      // Bybit) lost its sequence: subscribe it again for a fresh one.
      auto& st = self->state;
      auto& p = *st.setup.protocol;
      if (!st.ws || !is_open(st.core.state()) || !p.book_unsubscription)
        return; // a reconnect subscribes everything anew anyway
      std::vector<std::string> codes{inst.venue_symbol.empty()
                                       ? p.market_code(inst)
                                       : inst.venue_symbol};
      for (auto& text : p.book_unsubscription(codes))
        st.ws->send_text(text);
      for (auto& text : p.book_subscription(codes))
        st.ws->send_text(text);
      log::info("venue", "resubscribed",
                {{"venue", st.setup.venue_name}, {"code", codes.front()}});
    },
    [=](const mark_price& m, const funding_rate& f) {
      auto& st = self->state;
      if (!m.symbol.venue_symbol.empty())
        st.marks[m.symbol.venue_symbol] = m;
      if (!f.symbol.empty())
        st.funding[f.symbol] = f;
    },
    [=](atom::funding) {
      auto& st = self->state;
      std::vector<funding_rate> fs;
      for (auto& [code, f] : st.funding)
        fs.push_back(f);
      std::vector<mark_price> ms;
      for (auto& [code, m] : st.marks)
        ms.push_back(m);
      return caf::make_result(std::move(fs), std::move(ms));
    },
    [=](atom::ws_data, uint64_t gen) {
      self->state.core.data(gen, self->clock().now());
      arm_heartbeat(self);
    },
    [=](atom::ws_closed, uint64_t gen, const std::string& reason) {
      link_failed(self, gen, reason);
    },
    [=](atom::reconnect, uint64_t gen) { link_retry(self, gen, do_connect); },
    [=](atom::heartbeat, uint64_t gen) { on_heartbeat(self, gen); },
  };
}

} // namespace karb::venue
