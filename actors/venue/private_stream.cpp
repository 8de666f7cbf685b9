#include "actors/venue/private_stream.hpp"

#include <algorithm>

#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"
#include "actors/venue/link_shell.hpp"

namespace karb::venue {

namespace {

using pointer = venue_private_actor::stateful_pointer<private_state>;

struct private_conn {
  venue_private_actor owner;
  uint64_t gen = 0;
  std::shared_ptr<const venue_protocol> protocol;
  std::string error;
  std::string venue;
  uint64_t frame_errors = 0; ///< this connection's failed frames
};

/// Counts a frame that failed (undecodable, out of range, or a venue
/// error); logs the 1st, 2nd, 4th, 8th, ... with its reason, never the
/// payload. Runs on the I/O thread.
void frame_error(private_conn& c, const std::string& why) {
  metrics::global()
    .get_counter("karb_venue_private_frame_errors_total",
                 "private stream frames that failed (dropped)",
                 {{"venue", c.venue}})
    .add();
  auto n = ++c.frame_errors;
  if ((n & (n - 1)) == 0)
    log::warn("venue", "private_frame_dropped",
              {{"venue", c.venue}, {"count", n}, {"reason", why}});
}

net::ws_handlers make_handlers(std::shared_ptr<private_conn> c) {
  net::ws_handlers h;
  h.on_open = [c] { caf::anon_send(c->owner, atom::ws_open_v, c->gen); };
  h.on_frame = [c](std::string_view data, bool, int64_t recv_ns) {
    auto f = c->protocol->parse_private(data, recv_ns);
    if (f.kind == private_frame::order)
      caf::anon_send(c->owner, std::move(f.update));
    else if (f.kind == private_frame::assets)
      caf::anon_send(c->owner, std::move(f.balances));
    else if (f.kind == private_frame::positions)
      caf::anon_send(c->owner, std::move(f.position_list));
    else if (f.kind == private_frame::authenticated)
      caf::anon_send(c->owner, atom::ok_v, c->gen);
    else if (f.kind == private_frame::failure) {
      frame_error(*c, f.error);
      c->error = "venue: " + f.error; // reported if the socket then closes
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

/// Opens the socket of generation `gen` on `url`.
void open_socket(pointer self, uint64_t gen, std::string url) {
  auto& st = self->state;
  auto c = std::make_shared<private_conn>();
  c->owner = caf::actor_cast<venue_private_actor>(self);
  c->gen = gen;
  c->protocol = st.setup.protocol;
  c->venue = st.setup.venue_name;
  auto cfg = make_ws_config(st.setup);
  cfg.url = std::move(url);
  if (st.setup.protocol->private_auth) {
    auto ctx = signing_context::fresh(st.setup.wall_clock.ms());
    cfg.headers.emplace_back("Authorization",
                             st.setup.protocol->private_auth(st.setup.creds,
                                                             ctx));
  }
  st.ws = st.setup.make_ws(std::move(cfg), make_handlers(c));
  st.ws->connect();
}

/// Venues with a listen key get one over REST first; the reply comes back
/// as (refresh, gen, key) or (refresh, gen, "", error).
void connect(pointer self, uint64_t gen) {
  auto& st = self->state;
  auto& lk = st.setup.protocol->listen_key;
  if (!lk)
    return open_socket(self, gen, st.setup.url);
  if (!st.setup.http)
    return link_failed(self, gen, "listen key: no REST session");
  auto hdl = caf::actor_cast<venue_private_actor>(self);
  auto parse = lk->parse;
  auto check = st.setup.protocol->check_reply;
  st.setup.http->async_send(
    lk->create(st.setup.creds),
    [hdl, gen, parse, check](net::http_result r) {
      if (r.error.kind != net::error_kind::none)
        return caf::anon_send(hdl, atom::refresh_v, gen, std::string{},
                              "listen key: " + r.error.message);
      if (auto e = check(r.response))
        return caf::anon_send(hdl, atom::refresh_v, gen, std::string{},
                              "listen key: " + to_string(*e));
      auto key = parse(r.response.body);
      if (!key)
        return caf::anon_send(hdl, atom::refresh_v, gen, std::string{},
                              "listen key: " + to_string(key.error()));
      caf::anon_send(hdl, atom::refresh_v, gen, *key, std::string{});
    });
}

/// Keeps the listen key alive; a failure drops the socket (a new key is
/// fetched on the reconnect).
void keep_alive(pointer self) {
  auto& st = self->state;
  auto& lk = st.setup.protocol->listen_key;
  if (!lk || st.listen_key.empty() || !st.setup.http)
    return;
  st.setup.http->async_send(lk->keepalive(st.setup.creds, st.listen_key),
                            [](net::http_result) {});
  self->delayed_send(self, std::chrono::seconds{lk->keepalive_s},
                     atom::refresh_v);
}

} // namespace

venue_private_actor::behavior_type private_actor(pointer self,
                                                 stream_setup setup) {
  self->state.setup = std::move(setup);
  self->state.core = connection_core{self->state.setup.link};
  auto do_connect = [self](uint64_t gen) { connect(self, gen); };
  link_start(self, do_connect);
  return {
    [=](atom::subscribe, const order_listener_actor& l) {
      auto& ls = self->state.listeners;
      if (std::find(ls.begin(), ls.end(), l) == ls.end())
        ls.push_back(l);
    },
    [=](atom::balances) {
      std::vector<balance> out;
      for (auto& [currency, b] : self->state.balances)
        out.push_back(b);
      return out;
    },
    [=](atom::status) {
      auto& st = self->state;
      venue_status out;
      out.venue = st.setup.venue_name;
      out.private_state = to_string(st.core.state());
      out.breaker = to_string(st.core.breaker(self->clock().now()));
      out.reconnects = st.core.reconnects();
      out.frames = st.updates;
      return out;
    },
    [=](order_update u) {
      auto& st = self->state;
      ++st.updates;
      if (st.setup.specs) {
        st.setup.specs->complete(u.state.symbol, st.spec_reader);
        for (auto& f : u.fills)
          st.setup.specs->complete(f.symbol, st.spec_reader);
      }
      for (auto& l : st.listeners)
        self->send(l, u);
    },
    [=](const std::vector<balance>& bs) {
      for (auto& b : bs)
        self->state.balances[b.currency] = b;
    },
    [=](std::vector<position> ps) {
      auto& st = self->state;
      for (auto& p : ps) {
        if (st.setup.specs)
          st.setup.specs->complete(p.symbol, st.spec_reader);
        st.positions[p.symbol.venue_symbol] = p;
      }
    },
    [=](atom::positions) {
      std::vector<position> out;
      for (auto& [code, p] : self->state.positions)
        out.push_back(p);
      return out;
    },
    [=](atom::refresh) { keep_alive(self); },
    [=](atom::refresh, uint64_t gen, const std::string& key,
        const std::string& error) {
      auto& st = self->state;
      if (gen != st.core.generation())
        return;
      if (key.empty())
        return link_failed(self, gen, error);
      bool first = st.listen_key.empty();
      st.listen_key = key;
      open_socket(self, gen, st.setup.url + "/" + key);
      if (first)
        self->delayed_send(
          self,
          std::chrono::seconds{st.setup.protocol->listen_key->keepalive_s},
          atom::refresh_v);
    },
    [=](atom::ws_open, uint64_t gen) {
      auto& st = self->state;
      if (!st.core.opened(gen))
        return;
      set_connected(self, true);
      log::info("venue", "connected",
                {{"venue", st.setup.venue_name}, {"stream", "private"}});
      publish_link_event(self, event_type::exchange_connected, "opened");
      // What the stream missed while down is found by reconciliation.
      for (auto& l : st.listeners)
        self->send(l, atom::reconnect_v, st.setup.venue_name);
      if (auto& subscribe = st.setup.protocol->private_subscription) {
        auto ctx = signing_context::fresh(st.setup.wall_clock.ms());
        for (auto& text : subscribe(st.setup.creds, ctx))
          st.ws->send_text(text);
      }
      st.core.synced(gen, self->clock().now()); // silent by nature
    },
    [=](atom::ok, uint64_t gen) {
      auto& st = self->state;
      if (gen != st.core.generation() || !st.ws)
        return;
      log::info("venue", "authenticated",
                {{"venue", st.setup.venue_name}, {"stream", "private"}});
      if (auto& after = st.setup.protocol->private_after_auth)
        for (auto& text : after())
          st.ws->send_text(text);
    },
    [=](atom::ws_closed, uint64_t gen, const std::string& reason) {
      link_failed(self, gen, reason);
    },
    [=](atom::reconnect, uint64_t gen) { link_retry(self, gen, do_connect); },
  };
}

} // namespace karb::venue
