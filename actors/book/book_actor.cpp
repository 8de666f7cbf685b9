#include "actors/common/clock.hpp"
#include "actors/book/book_actor.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <utility>

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/book/inbox_registry.hpp"
#include "actors/bus/event_bus.hpp"
#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"

namespace karb {

namespace {

using self_ptr = hot_pointer<book_actor, book_state>;

book_listener_entry* find_listener(book_state& st,
                                   const book_listener_actor& l) {
  auto i = std::find_if(st.listeners.begin(), st.listeners.end(),
                        [&](const auto& e) { return e.hdl == l; });
  return i == st.listeners.end() ? nullptr : &*i;
}

void remove_listener(self_ptr self, const caf::actor_addr& addr) {
  auto& ls = self->state.listeners;
  auto gone = [&](const auto& e) { return e.hdl.address() == addr; };
  ls.erase(std::remove_if(ls.begin(), ls.end(), gone), ls.end());
}

void on_reply(self_ptr self, const book_listener_actor& l);

void send_view(self_ptr self, const book_listener_actor& l, book_view v) {
  auto& st = self->state;
  auto* e = find_listener(st, l);
  if (!e)
    return;
  ++st.views_sent;
  auto seq = ++e->seq;
  e->sent_ns = steady_ns(self);
  // The tick handles the listener timeout (expire_listeners).
  self->request(l, caf::infinite, std::move(v))
    .then(
      [=](atom::ok) {
        if (auto* x = find_listener(self->state, l); x && x->seq == seq)
          on_reply(self, l);
      },
      [=](caf::error&) {
        if (auto* x = find_listener(self->state, l); x && x->seq == seq)
          remove_listener(self, l.address());
      });
}

/// Listeners silent for listener_timeout: forget their view in flight and
/// send the latest one if there is a newer one.
void expire_listeners(self_ptr self) {
  auto& st = self->state;
  auto limit = std::chrono::duration_cast<std::chrono::nanoseconds>(
                 st.setup.listener_timeout)
                 .count();
  auto now = steady_ns(self);
  std::vector<book_listener_actor> late;
  for (auto& e : st.listeners)
    if (e.slot.in_flight() && now - e.sent_ns >= limit)
      late.push_back(e.hdl);
  for (auto& l : late)
    if (auto* e = find_listener(st, l)) {
      ++e->seq; // a reply to the old view no longer counts
      on_reply(self, l);
    }
}

void on_reply(self_ptr self, const book_listener_actor& l) {
  auto& st = self->state;
  if (auto e = find_listener(st, l); e && e->slot.on_reply())
    send_view(self, l, st.core.view(st.setup.symbol, st.setup.depth));
}

/// Whether `e` takes a change now; false holds it back until its interval
/// is over (and arms the timer that sends it then).
bool due(self_ptr self, book_listener_entry& e, int64_t now) {
  auto left = e.interval_start_ns + e.min_interval_ns - now;
  e.held = e.min_interval_ns > 0 && left > 0;
  if (!e.held) {
    e.interval_start_ns = now;
    return true;
  }
  if (!self->state.release_armed) {
    self->state.release_armed = true;
    arm_timer(self, std::chrono::nanoseconds{left}, atom::publish_v);
  }
  return false;
}

void publish(self_ptr self) {
  auto& st = self->state;
  if (st.listeners.empty())
    return;
  auto now = steady_ns(self);
  std::optional<book_view> v;
  for (auto& e : st.listeners)
    if (due(self, e, now) && e.slot.offer()) {
      if (!v)
        v = st.core.view(st.setup.symbol, st.setup.depth);
      send_view(self, e.hdl, *v);
    }
}

/// Views held back for their interval go out once it is over.
void release_held(self_ptr self) {
  auto& st = self->state;
  st.release_armed = false;
  auto now = steady_ns(self);
  std::vector<book_listener_actor> due_now;
  for (auto& e : st.listeners)
    if (e.held && due(self, e, now) && e.slot.offer())
      due_now.push_back(e.hdl);
  for (auto& l : due_now)
    send_view(self, l, st.core.view(st.setup.symbol, st.setup.depth));
}

void add_listener(self_ptr self, const book_listener_actor& l,
                  caf::timespan min_interval) {
  auto& st = self->state;
  if (!l || find_listener(st, l))
    return;
  self->monitor(l);
  book_listener_entry e{l, {}};
  e.min_interval_ns
    = std::chrono::duration_cast<std::chrono::nanoseconds>(min_interval)
        .count();
  st.listeners.push_back(std::move(e));
  st.listeners.back().slot.offer();
  send_view(self, l, st.core.view(st.setup.symbol, st.setup.depth));
}

void publish_health(self_ptr self) {
  auto& st = self->state;
  nlohmann::json data{{"alert", "book_health"},
                      {"venue", to_string(st.setup.symbol.venue)},
                      {"symbol", st.setup.symbol.venue_symbol},
                      {"healthy", st.core.healthy()},
                      {"reason", book::reason_of(st.core.health())}};
  if (st.core.healthy())
    log::info(st.source, "book_healthy", data);
  else
    log::warn(st.source, "book_unhealthy", data);
  publish_event(self, st.setup.bus, event_type::risk_alert, st.source, data);
}

void after_step(self_ptr self, const book::step_result& r);

/// A venue that sends snapshots on the socket (OKX, Bybit): the feed
/// subscribes the book again; asked again every snapshot_timeout until a
/// snapshot arrives.
void request_resubscribe(self_ptr self) {
  auto& st = self->state;
  auto now = steady_ns(self);
  if (!st.setup.venue || now < st.next_snapshot_ns)
    return;
  st.next_snapshot_ns
    = now
      + std::chrono::duration_cast<std::chrono::nanoseconds>(
          st.setup.snapshot_timeout)
          .count();
  self->send(st.setup.venue, atom::resync_v, st.setup.symbol);
  log::info(st.source, "resubscribe", {});
}

void request_snapshot(self_ptr self) {
  auto& st = self->state;
  if (book::snapshots_on_socket(st.setup.mode))
    return request_resubscribe(self);
  if (st.snapshot_in_flight || !st.setup.snapshots
      || steady_ns(self) < st.next_snapshot_ns)
    return;
  st.snapshot_in_flight = true;
  self
    ->request(st.setup.snapshots, st.setup.snapshot_timeout,
              atom::snapshot_v, st.setup.symbol)
    .then(
      [=](const order_book& b) {
        auto& st = self->state;
        st.snapshot_in_flight = false;
        after_step(self, st.core.on_book(b, steady_ns(self)));
      },
      [=](caf::error& e) {
        auto& st = self->state;
        st.snapshot_in_flight = false;
        st.next_snapshot_ns
          = steady_ns(self)
            + std::chrono::duration_cast<std::chrono::nanoseconds>(
                st.setup.snapshot_retry)
                .count();
        st.core.on_snapshot_failed();
        log::warn(st.source, "snapshot_failed",
                  {{"error", self->system().render(e)}});
      });
}

void after_step(self_ptr self, const book::step_result& r) {
  if (r.health_changed)
    publish_health(self);
  if (r.publish)
    publish(self);
  if (r.need_snapshot)
    request_snapshot(self);
}

/// Applies one input through `step` and records its latency if applied.
template <class Msg, class Step>
void ingest(self_ptr self, const Msg& msg, Step step) {
  auto& st = self->state;
  // Own mailbox only (CAF 0.17: fetches pending messages, no copy).
  st.mailbox_max = std::max<uint64_t>(st.mailbox_max,
                                      self->mailbox().size());
  auto r = step(st.core, msg, steady_ns(self));
  if (r.applied && msg.ts_recv_ns != 0) {
    auto applied = steady_ns(self);
    auto wall = st.setup.wall_clock();
    st.core.record_latency(msg.ts_event_ns, msg.ts_recv_ns, applied, wall);
    // Exported too: receipt -> applied, and venue stamp -> receipt (two
    // machines' wall clocks: includes their offset; negative counts as 0).
    st.update_latency->record_ns(applied - msg.ts_recv_ns);
    if (msg.ts_event_ns != 0) {
      auto recv_wall = wall - (applied - msg.ts_recv_ns);
      st.ws_latency->record_ns(std::max<int64_t>(
        0, book::saturated_difference(recv_wall, msg.ts_event_ns)));
    }
  }
  after_step(self, r);
}

} // namespace

book_actor::behavior_type
book_behavior(hot_pointer<book_actor, book_state> self, book_setup setup) {
  auto& st = self->state;
  st.source = "book:" + to_string(setup.symbol.venue) + ":"
              + setup.symbol.venue_symbol;
  book::book_core_config cfg;
  cfg.mode = setup.mode;
  cfg.stale_after_ns
    = std::chrono::duration_cast<std::chrono::nanoseconds>(setup.stale_after)
        .count();
  cfg.depth = setup.depth;
  st.core.configure(cfg);
  metrics::labels venue{{"venue", to_string(setup.symbol.venue)}};
  st.ws_latency = &metrics::global().get_latency(
    "karb_ws_latency_seconds",
    "venue event timestamp to frame receipt (includes clock offset)", venue);
  st.update_latency = &metrics::global().get_latency(
    "karb_orderbook_update_seconds", "frame receipt to book applied", venue);
  st.setup = std::move(setup);
  self->set_down_handler(
    [=](const caf::down_msg& dm) { remove_listener(self, dm.source); });
  auto* sys = &self->system();
  book::register_inbox(sys, self->id(), st.inbox);
  self->attach_functor(
    [sys, id = self->id()] { book::unregister_inbox(sys, id); });
  arm_timer(self, st.setup.tick_interval, atom::tick_v);
  return {
    [=](const order_book& frame) {
      ingest(self, frame, [](auto& core, const auto& m, int64_t now) {
        return core.on_book(m, now);
      });
    },
    [=](atom::ws_data) {
      auto& st = self->state;
      if (auto* b = st.inbox->take())
        ingest(self, *b, [](auto& core, const auto& m, int64_t now) {
          return core.on_book(m, now);
        });
    },
    [=](atom::get) {
      auto& st = self->state;
      after_step(self, st.core.on_tick(steady_ns(self)));
      return st.core.view(st.setup.symbol, SIZE_MAX);
    },
    [=](atom::subscribe, const book_listener_actor& l) {
      add_listener(self, l, caf::timespan{0});
    },
    [=](atom::subscribe, const book_listener_actor& l, caf::timespan every) {
      add_listener(self, l, every);
    },
    [=](atom::publish) { release_held(self); },
    [=](atom::unsubscribe, const book_listener_actor& l) {
      if (find_listener(self->state, l)) {
        self->demonitor(l.address());
        remove_listener(self, l.address());
      }
    },
    [=](const book_delta& d) {
      auto& st = self->state;
      if (d.reset && st.setup.specs) // OKX swaps count contracts
        if (auto* spec = st.setup.specs->find(st.setup.symbol, st.spec_reader))
          st.core.set_contract_size(spec->contract_size);
      ingest(self, d, [](auto& core, const auto& m, int64_t now) {
        return core.on_delta(m, now);
      });
    },
    [=](atom::stats) {
      auto& st = self->state;
      auto s = st.core.stats(st.setup.symbol);
      s.views_sent = st.views_sent;
      s.conflated = st.inbox->conflated();
      s.frames += s.conflated;
      s.mailbox_max = st.mailbox_max;
      return s;
    },
    [=](atom::tick) {
      auto& st = self->state;
      expire_listeners(self);
      after_step(self, st.core.on_tick(steady_ns(self)));
      arm_timer(self, st.setup.tick_interval, atom::tick_v);
    },
  };
}

book_actor spawn_book(caf::actor_system& sys, book_setup setup) {
  return sys.spawn(book_behavior, std::move(setup));
}

} // namespace karb
