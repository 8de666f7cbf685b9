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
  if (status != from && is_terminal(status)) {
    publish_event(self, setup.bus, order_event_type(status), "execution",
                  {{"client_order_id", st.record.request.client_order_id},
                   {"status", to_string(status)},
                   {"filled", st.record.state.filled.to_string()},
                   {"reason", st.record.reason}},
                  st.record.trade_id);
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
  return true;
}

void drive(order_pointer self, const order_setup& setup);

/// Applies the venue's view of the order (ack, lookup, list or stream).
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
  st.absence.reset();
  auto e = view_event(from, view.status, st.book.complete(),
                      st.book.filled().is_positive(), !new_fills.empty());
  bool moved = e && apply(self, *e, origin + ": " + to_string(view.status));
  // The venue's cumulative view books what its fills did not: at the end,
  // or at once when only gap fills book the order.
  if ((moved && is_terminal(st.record.state.status)) || st.book.by_cumulative())
    if (auto f = catch_up_fill(st.book, st.record.request, st.record.state.id)) {
      f->ts_event_ns = wall_ns();
      st.book.apply(*f);
      new_fills.push_back(std::move(*f));
    }
  if (moved || !new_fills.empty())
    publish(self, setup, from, std::move(new_fills));
}

std::chrono::nanoseconds ns(caf::timespan t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t);
}

void send_cancel(order_pointer self, const order_setup& setup) {
  const auto& req = self->state.record.request;
  self->state.cancels.sent();
  self->request(setup.rest.get(), setup.params.request_timeout, atom::cancel_v,
                req.client_order_id, req.symbol)
    .then(
      [=](const order_ack& ack) {
        auto& s = self->state;
        auto now = steady_ns(self);
        switch (read_cancel(ack.kind)) {
          case cancel_answer::confirmed:
            s.cancels.answered(now, ns(setup.params.cancel_recheck));
            apply_view(self, setup, ack.state, ack.fills, "cancel");
            break;
          case cancel_answer::settle: // done or gone: the lookup tells
            s.cancels.answered(now, ns(setup.params.cancel_recheck));
            s.lookups.hurry();
            break;
          case cancel_answer::retry:
            s.cancels.failed(now);
            log::warn("execution", "cancel_retry",
                      {{"client_order_id", s.record.request.client_order_id},
                       {"error", ack.error_code},
                       {"failures", s.cancels.failures()}},
                      s.record.trade_id);
            break;
        }
        drive(self, setup);
      },
      [=](const caf::error& err) {
        self->state.cancels.failed(steady_ns(self));
        log::warn("execution", "cancel_retry",
                  {{"client_order_id",
                    self->state.record.request.client_order_id},
                   {"error", to_string(err)}},
                  self->state.record.trade_id);
      });
}

/// The venue keeps denying an unknown order past the window: reads its
/// open and recent orders; absent from both, the order was never placed.
void list_check(order_pointer self, const order_setup& setup) {
  auto& st = self->state;
  st.listing = true;
  auto cid = st.record.request.client_order_id;
  auto sym = st.record.request.symbol;
  auto find = [cid](const std::vector<order>& xs) -> const order* {
    for (const auto& o : xs)
      if (o.client_order_id == cid)
        return &o;
    return nullptr;
  };
  auto give_up = [=](const caf::error& err) {
    self->state.listing = false;
    self->state.lookups.failed(steady_ns(self));
    log::warn("execution", "order_list_failed",
              {{"client_order_id", cid}, {"error", to_string(err)}},
              self->state.record.trade_id);
  };
  self->request(setup.rest.get(), setup.params.request_timeout, atom::open_orders_v,
                sym)
    .then(
      [=](const std::vector<order>& open) {
        if (auto* o = find(open)) {
          self->state.listing = false;
          apply_view(self, setup, *o, {}, "open orders");
          return;
        }
        self->request(setup.rest.get(), setup.params.request_timeout, atom::recent_v,
                      sym)
          .then(
            [=](const std::vector<order>& recent) {
              auto& s = self->state;
              s.listing = false;
              auto* o = find(recent);
              if (s.absence.on_listed(o != nullptr)
                  != absence_check::step::fail) {
                apply_view(self, setup, *o, {}, "recent orders");
                return;
              }
              auto from = s.record.state.status;
              if (apply(self, order_event::not_found,
                        "absent: lookup, open and recent orders"))
                publish(self, setup, from, {});
            },
            give_up);
      },
      give_up);
}

void lookup(order_pointer self, const order_setup& setup) {
  auto& st = self->state;
  st.lookups.sent();
  const auto& req = st.record.request;
  self->request(setup.rest.get(), setup.params.request_timeout, atom::lookup_v,
                req.client_order_id, req.symbol)
    .then(
      [=](const order_ack& ack) {
        auto& s = self->state;
        auto now = steady_ns(self);
        auto answer = read_lookup(ack.kind);
        if (answer == lookup_answer::found) {
          s.lookups.answered(now, ns(setup.params.poll_interval));
          apply_view(self, setup, ack.state, ack.fills, "lookup");
        } else if (answer == lookup_answer::absent
                   && s.record.state.status == order_status::unknown) {
          s.lookups.answered(now, ns(setup.params.poll_interval));
          if (s.absence.on_absent(now) == absence_check::step::list)
            list_check(self, setup);
        } else { // no answer, or "no such order" for an order it acked
          s.lookups.failed(now);
          log::warn("execution", "lookup_retry",
                    {{"client_order_id", s.record.request.client_order_id},
                     {"kind", to_string(ack.kind)},
                     {"error", ack.error_code},
                     {"failures", s.lookups.failures()}},
                    s.record.trade_id);
        }
      },
      [=](const caf::error&) { self->state.lookups.failed(steady_ns(self)); });
}

/// Sends what is due: a cancel while one is wanted and the order may be
/// live, a lookup while the order is not terminal.
void drive(order_pointer self, const order_setup& setup) {
  auto& st = self->state;
  auto status = st.record.state.status;
  if (is_terminal(status) || st.placing)
    return;
  auto now = steady_ns(self);
  if (st.cancel_wanted && cancellable(status) && st.cancels.due(now))
    send_cancel(self, setup);
  if (!st.listing && st.lookups.due(now))
    lookup(self, setup);
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
  st.record.request.trail.written = ack.ts_sent_ns;
  if (st.record.role == "entry")
    record_tick_to_order(st.record, ack);
  auto from = st.record.state.status;
  auto e = place_event(ack.kind);
  std::string why = ack.kind == ack_kind::accepted ? "place: accepted"
                    : "place: " + to_string(ack.kind) + " " + ack.error_code;
  if (ack.http_status != 0)
    why += " (HTTP " + std::to_string(ack.http_status) + ")";
  apply(self, e, std::move(why));
  publish(self, setup, from, {});
  if (e == order_event::ack_accepted && !is_terminal(st.record.state.status))
    apply_view(self, setup, ack.state, ack.fills, "place");
  st.lookups.answered(steady_ns(self), ns(setup.params.poll_interval));
  if (e == order_event::ack_maybe_sent)
    st.lookups.hurry(); // find out at once what the venue holds
  drive(self, setup);
}

void place(order_pointer self, const order_setup& setup) {
  auto& st = self->state;
  auto from = st.record.state.status;
  apply(self, order_event::send, "intent stored");
  st.placing = true;
  ++st.places;
  st.record.request.trail.order = steady_ns(self);
  self->request(setup.rest.get(), setup.params.request_timeout, atom::place_v,
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

metrics::latency& hop_latency(const char* hop) {
  return metrics::global().get_latency(
    "karb_latency_hop_seconds",
    "time between two stamps of a tick's trail to the wire, per entry order",
    {{"hop", hop}});
}

order_actor::behavior_type order_behavior(order_pointer self,
                                          order_setup setup) {
  auto& st = self->state;
  st.record = setup.record;
  auto& req = st.record.request;
  st.book = fill_book{req.amount};
  st.name = "order:" + req.client_order_id;
  const auto& pp = setup.params;
  st.lookups = retry_timer{ns(pp.poll_interval), ns(pp.retry_cap)};
  st.cancels = retry_timer{ns(pp.poll_interval), ns(pp.retry_cap)};
  st.absence = absence_check{ns(pp.lookup_grace)};
  if (setup.resume) {
    st.book.restore(setup.booked);
    const auto& v = st.record.state;
    if (v.filled.is_positive())
      st.book.apply_venue(v.filled, v.average_price, v.fee);
    auto from = v.status;
    if (next_status(from, order_event::recover)
        && apply(self, order_event::recover, "restart: look up"))
      publish(self, setup, from, {});
    drive(self, setup);
  } else {
    req.client_order_id = make_client_order_id(st.record.trade_id,
                                               st.record.leg,
                                               st.record.attempt);
    req.trade_id = st.record.trade_id;
    st.name = "order:" + req.client_order_id;
    st.record.state = view_of(req);
    st.record.reason = "created";
    st.record.created_ns = st.record.updated_ns = wall_ns();
    store_intent_then_place(self, setup);
  }
  // The poll timer after the place request (on the hot loop: after the
  // cycle's writes): arming it wakes the clock thread.
  arm_timer(self, setup.params.poll_interval, atom::tick_v);
  return {
    [=](const order_update& u) {
      apply_view(self, setup, u.state, u.fills, u.origin);
    },
    [=](atom::cancel) {
      self->state.cancel_wanted = true;
      drive(self, setup);
    },
    [=](atom::get) { return self->state.record.state; },
    [=](atom::tick) {
      if (is_terminal(self->state.record.state.status))
        return;
      drive(self, setup);
      arm_timer(self, setup.params.poll_interval, atom::tick_v);
    },
  };
}

} // namespace karb::execution
