#include "actors/execution/order_actor.hpp"

#include <chrono>

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/common/clock.hpp"
#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"

namespace karb::execution {

namespace {

using json = nlohmann::json;

/// Copies the accounting into the record's order view.
void sync_view(order_actor_state& st) {
  auto& v = st.record.state;
  v.filled = st.book.filled();
  v.remaining = st.book.remaining();
  v.fee = st.book.fees();
  v.has_fee = true;
  v.average_price = st.book.average_price();
  v.has_average_price = v.filled.is_positive();
}

/// Sends the change everywhere it must go; quits once terminal.
void publish(order_pointer self, const order_setup& setup, order_status from,
             std::vector<fill> new_fills) {
  auto& st = self->state;
  sync_view(st);
  st.record.updated_ns = wall_ns();
  st.record.state.ts_ns = st.record.updated_ns;
  self->send(setup.store, st.record);
  for (const auto& f : new_fills) {
    self->send(setup.store, f);
    if (setup.portfolio)
      self->send(setup.portfolio, f);
  }
  auto status = st.record.state.status;
  if (setup.bus && status != from && is_terminal(status)) {
    auto type = status == order_status::filled      ? event_type::order_filled
                : status == order_status::cancelled ? event_type::order_cancelled
                                                    : event_type::order_rejected;
    self->send(setup.bus, atom::publish_v,
               make_event(type, "execution",
                          json{{"client_order_id",
                                st.record.request.client_order_id},
                               {"status", to_string(status)},
                               {"filled", st.record.state.filled.to_string()},
                               {"reason", st.record.reason}}
                            .dump(),
                          st.record.trade_id));
  }
  self->send(setup.trade, order_report{st.record, from, std::move(new_fills)});
  if (is_terminal(status))
    self->quit();
}

/// Applies one event; false (and nothing changes) when the edge is refused.
bool apply(order_pointer self, order_event e, std::string reason) {
  auto& st = self->state;
  auto from = st.record.state.status;
  auto to = next_status(from, e);
  if (!to) {
    log::warn("execution", "order_edge_refused",
              {{"client_order_id", st.record.request.client_order_id},
               {"from", to_string(from)}, {"event", to_string(e)}},
              st.record.trade_id);
    return false;
  }
  st.record.state.status = *to;
  st.record.reason = std::move(reason);
  if (*to == order_status::unknown)
    st.unknown_since_ns = steady_ns(self);
  return true;
}

void send_cancel(order_pointer self, const order_setup& setup);

/// Applies the venue's view of the order (ack, lookup or stream).
void apply_view(order_pointer self, const order_setup& setup,
                const order& view, const std::vector<fill>& fills,
                const std::string& origin) {
  auto& st = self->state;
  auto from = st.record.state.status;
  std::vector<fill> new_fills;
  for (auto f : fills) {
    f.client_order_id = st.record.request.client_order_id;
    if (f.symbol.base.empty())
      f.symbol = st.record.request.symbol;
    if (st.book.apply(f))
      new_fills.push_back(std::move(f));
  }
  if (view.filled.is_positive())
    st.book.apply_venue(view.filled, view.average_price, view.fee);
  if (!view.id.empty())
    st.record.state.id = view.id;
  std::optional<order_event> e;
  if (st.book.complete())
    e = order_event::venue_filled;
  else if (view.status == order_status::open && st.book.filled().is_positive())
    e = order_event::venue_partial;
  else
    e = event_for_venue_status(view.status);
  bool moved = false;
  if (e && (*e != order_event::venue_partial
            || from != order_status::partially_filled || !new_fills.empty()))
    moved = next_status(from, *e).has_value()
            && apply(self, *e, origin + ": " + to_string(view.status));
  if (moved || !new_fills.empty())
    publish(self, setup, from, std::move(new_fills));
  // A cancel asked for while the order was in flight or unknown.
  auto now = st.record.state.status;
  bool live = now == order_status::open
              || now == order_status::partially_filled;
  bool was_live = from == order_status::open
                  || from == order_status::partially_filled;
  if (st.cancel_wanted && live && !was_live && !st.placing)
    send_cancel(self, setup);
}

void send_cancel(order_pointer self, const order_setup& setup) {
  const auto& req = self->state.record.request;
  self->request(setup.rest, setup.params.request_timeout, atom::cancel_v,
                req.client_order_id, req.symbol)
    .then(
      [=](const order_ack& ack) {
        if (ack.kind == ack_kind::accepted)
          apply_view(self, setup, ack.state, ack.fills, "cancel");
      },
      [](const caf::error&) { /* the poll resolves it */ });
}

void lookup(order_pointer self, const order_setup& setup) {
  auto& st = self->state;
  if (st.polling || st.placing || is_terminal(st.record.state.status))
    return;
  st.polling = true;
  const auto& req = st.record.request;
  self->request(setup.rest, setup.params.request_timeout, atom::lookup_v,
                req.client_order_id, req.symbol)
    .then(
      [=](const order_ack& ack) {
        auto& s = self->state;
        s.polling = false;
        if (ack.kind == ack_kind::accepted) {
          apply_view(self, setup, ack.state, ack.fills, "lookup");
          return;
        }
        if (ack.kind != ack_kind::not_found
            || s.record.state.status != order_status::unknown)
          return;
        auto waited = steady_ns(self) - s.unknown_since_ns;
        auto grace = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       setup.params.lookup_grace)
                       .count();
        if (waited >= grace) {
          auto from = s.record.state.status;
          if (apply(self, order_event::not_found, "lookup: not found"))
            publish(self, setup, from, {});
        }
      },
      [=](const caf::error&) { self->state.polling = false; });
}

/// The histogram of one hop (the registry keeps it for the process).
metrics::latency& hop_latency(const char* hop) {
  return metrics::global().get_latency(
    "karb_latency_hop_seconds",
    "time between two stamps of a tick's trail to the wire, per entry order",
    {{"hop", hop}});
}

// Tick-to-order: from the steady-clock stamp of the frame that carried the
// triggering book to the moment the order's bytes were written.
void record_tick_to_order(const order_record& rec, const order_ack& ack) {
  if (rec.request.ts_tick_ns <= 0 || ack.ts_sent_ns <= 0
      || ack.ts_sent_ns < rec.request.ts_tick_ns)
    return;
  static auto& hist = metrics::global().get_latency(
    "karb_latency_tick_to_order_seconds",
    "frame read (steady clock) to order request written, per order");
  hist.record_ns(ack.ts_sent_ns - rec.request.ts_tick_ns);
  // The same without the wait in the venue's rate limiter (Upbit allows 8
  // orders/s): what the node itself spends.
  if (ack.ts_taken_ns > 0 && ack.ts_dispatched_ns >= ack.ts_taken_ns) {
    static auto& own = metrics::global().get_latency(
      "karb_latency_tick_to_order_unthrottled_seconds",
      "tick-to-order minus the wait in the venue's order rate limit");
    own.record_ns(ack.ts_sent_ns - rec.request.ts_tick_ns
                  - (ack.ts_dispatched_ns - ack.ts_taken_ns));
  }
  const auto& t = rec.request.trail;
  struct hop {
    const char* name;
    int64_t from;
    int64_t to;
  };
  const hop hops[] = {
    {"read_to_book", rec.request.ts_tick_ns, t.book},
    {"book_to_strategy", t.book, t.strategy},
    {"strategy_to_risk", t.strategy, t.risk},
    {"risk_to_execution", t.risk, t.execution},
    {"execution_to_trade", t.execution, t.trade},
    {"trade_to_order", t.trade, t.order},
    {"order_to_venue", t.order, ack.ts_taken_ns},
    {"rate_limit_wait", ack.ts_taken_ns, ack.ts_dispatched_ns},
    {"venue_to_wire", ack.ts_dispatched_ns, ack.ts_sent_ns},
  };
  for (const auto& h : hops)
    if (h.from > 0 && h.to >= h.from)
      hop_latency(h.name).record_ns(h.to - h.from);
}

void on_ack(order_pointer self, const order_setup& setup,
            const order_ack& ack) {
  auto& st = self->state;
  st.placing = false;
  if (st.record.role == "entry")
    record_tick_to_order(st.record, ack);
  auto from = st.record.state.status;
  switch (ack.kind) {
    case ack_kind::accepted:
      apply(self, order_event::ack_accepted, "place: accepted");
      publish(self, setup, from, {});
      if (!is_terminal(st.record.state.status))
        apply_view(self, setup, ack.state, ack.fills, "place");
      if (st.cancel_wanted && !is_terminal(st.record.state.status))
        send_cancel(self, setup);
      return;
    case ack_kind::rejected:
      apply(self, order_event::ack_rejected,
            "place: rejected " + ack.error_code);
      break;
    case ack_kind::not_sent:
      apply(self, order_event::ack_not_sent,
            "place: not sent " + ack.error_code);
      break;
    case ack_kind::maybe_sent:
    case ack_kind::not_found:
      apply(self, order_event::ack_maybe_sent,
            "place: maybe sent " + ack.error_code);
      break;
  }
  publish(self, setup, from, {});
}

void place(order_pointer self, const order_setup& setup) {
  auto& st = self->state;
  auto from = st.record.state.status;
  apply(self, order_event::send, "intent stored");
  st.placing = true;
  ++st.places;
  st.record.request.trail.order = steady_ns(self);
  self->request(setup.rest, setup.params.request_timeout, atom::place_v,
                st.record.request)
    .then([=](const order_ack& ack) { on_ack(self, setup, ack); },
          [=](const caf::error& err) {
            // No reply in time or a broken session: it may have been sent.
            order_ack ack;
            ack.kind = ack_kind::maybe_sent;
            ack.error_code = to_string(err);
            on_ack(self, setup, ack);
          });
  // The request is on its way; the store, the bus and the trade learn of
  // it after (the intent is already journaled or stored).
  publish(self, setup, from, {});
}

/// The intent could not be kept: the order is never sent.
void intent_failed(order_pointer self, const order_setup& setup,
                   std::string reason) {
  auto from = self->state.record.state.status;
  apply(self, order_event::store_failed, std::move(reason));
  publish(self, setup, from, {});
}

/// Keeps the intent, then places. With a journal the intent is kept once
/// append returns and the store gets it without a round trip on the way
/// to the venue; without one, the order waits for the store's reply.
void store_intent_then_place(order_pointer self, const order_setup& setup) {
  auto& rec = self->state.record;
  if (!setup.journal) {
    self->request(setup.store, setup.params.request_timeout, atom::intent_v,
                  rec)
      .then([=](atom::ok) { place(self, setup); },
            [=](const caf::error& err) {
              intent_failed(self, setup, "store: " + to_string(err));
            });
    return;
  }
  if (!setup.journal->append(rec)) {
    intent_failed(self, setup, "journal: " + setup.journal->last_error());
    return;
  }
  self->send(setup.store, rec);
  place(self, setup);
}

} // namespace

order_actor::behavior_type order_behavior(order_pointer self,
                                          order_setup setup) {
  auto& st = self->state;
  st.record = setup.record;
  auto& req = st.record.request;
  st.book = fill_book{req.amount};
  st.name = "order:" + req.client_order_id;
  if (setup.resume) {
    const auto& v = st.record.state;
    if (v.filled.is_positive())
      st.book.apply_venue(v.filled, v.average_price, v.fee);
    auto from = v.status;
    if (next_status(from, order_event::recover)
        && apply(self, order_event::recover, "restart: look up"))
      publish(self, setup, from, {});
    lookup(self, setup);
  } else {
    req.client_order_id = make_client_order_id(st.record.trade_id,
                                               st.record.leg,
                                               st.record.attempt);
    req.trade_id = st.record.trade_id;
    st.name = "order:" + req.client_order_id;
    auto& v = st.record.state;
    v.client_order_id = req.client_order_id;
    v.symbol = req.symbol;
    v.order_side = req.order_side;
    v.type = req.type;
    v.amount = req.amount;
    v.has_price = true;
    v.price = req.price;
    v.remaining = req.amount;
    v.status = order_status::pending;
    st.record.reason = "created";
    st.record.created_ns = st.record.updated_ns = wall_ns();
    store_intent_then_place(self, setup);
  }
  // The poll timer after the place request: arming it wakes the clock
  // thread, which the order need not wait for.
  self->delayed_send(self, setup.params.poll_interval, atom::tick_v);
  return {
    [=](const order_update& u) {
      apply_view(self, setup, u.state, u.fills, u.origin);
    },
    [=](atom::cancel) {
      auto& s = self->state;
      s.cancel_wanted = true;
      auto status = s.record.state.status;
      if (status == order_status::open
          || status == order_status::partially_filled
          || status == order_status::unknown)
        send_cancel(self, setup);
    },
    [=](atom::get) { return self->state.record.state; },
    [=](atom::tick) {
      if (is_terminal(self->state.record.state.status))
        return;
      lookup(self, setup);
      self->delayed_send(self, setup.params.poll_interval, atom::tick_v);
    },
  };
}

} // namespace karb::execution
