#include "actors/venue/private_stream.hpp"

#include <algorithm>

#include "actors/venue/link_shell.hpp"

namespace karb::venue {

namespace {

using pointer = venue_private_actor::stateful_pointer<private_state>;

struct private_conn {
  venue_private_actor owner;
  uint64_t gen = 0;
  std::shared_ptr<const venue_protocol> protocol;
  std::string error;
};

net::ws_handlers make_handlers(std::shared_ptr<private_conn> c) {
  net::ws_handlers h;
  h.on_open = [c] { caf::anon_send(c->owner, atom::ws_open_v, c->gen); };
  h.on_frame = [c](std::string_view data, bool, int64_t recv_ns) {
    auto f = c->protocol->parse_private(data, recv_ns);
    if (f.kind == private_frame::order)
      caf::anon_send(c->owner, std::move(f.update));
    else if (f.kind == private_frame::assets)
      caf::anon_send(c->owner, std::move(f.balances));
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
  auto c = std::make_shared<private_conn>();
  c->owner = caf::actor_cast<venue_private_actor>(self);
  c->gen = gen;
  c->protocol = st.setup.protocol;
  auto cfg = make_ws_config(st.setup);
  auto ctx = signing_context::fresh(st.setup.wall_clock.ms());
  cfg.headers.emplace_back("Authorization",
                           st.setup.protocol->private_auth(st.setup.creds,
                                                           ctx));
  st.ws = st.setup.make_ws(std::move(cfg), make_handlers(c));
  st.ws->connect();
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
    [=](const order_update& u) {
      ++self->state.updates;
      for (auto& l : self->state.listeners)
        self->send(l, u);
    },
    [=](const std::vector<balance>& bs) {
      for (auto& b : bs)
        self->state.balances[b.currency] = b;
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
      st.ws->send_text(st.setup.protocol->private_subscription());
      st.core.synced(gen, self->clock().now()); // silent by nature
    },
    [=](atom::ws_closed, uint64_t gen, const std::string& reason) {
      link_failed(self, gen, reason);
    },
    [=](atom::reconnect, uint64_t gen) { link_retry(self, gen, do_connect); },
  };
}

} // namespace karb::venue
