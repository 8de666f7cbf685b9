#include "actors/common/clock.hpp"
#include "actors/venue/rest.hpp"

#include <algorithm>

#include <caf/all.hpp>

#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"
#include "actors/venue/rest_limits.hpp"
#include "actors/venue/rest_rejects.hpp"
#include "exchanges/common/retry.hpp"

namespace karb::venue {

void fail_unsent(rest_call& c, const std::string& code,
                 const std::string& message, ack_kind kind) {
  if (c.ack.pending()) {
    order_ack a;
    a.kind = kind;
    a.error_code = code;
    a.error_message = message;
    a.ts_taken_ns = c.taken_ns;
    c.ack.deliver(a);
  }
  auto err = caf::make_error(caf::sec::runtime_error, code + ": " + message);
  if (c.balances.pending())
    c.balances.deliver(err);
  if (c.book.pending())
    c.book.deliver(err);
  if (c.orders.pending())
    c.orders.deliver(err);
  if (c.positions.pending())
    c.positions.deliver(err);
  if (c.funding.pending())
    c.funding.deliver(err);
  if (c.payments.pending())
    c.payments.deliver(err);
}

signing_context sign_now(const rest_state& st) {
  return signing_context::fresh(st.setup.wall_clock.ms() + st.clock_offset_ms);
}

namespace {

using pointer = hot_pointer<venue_rest_impl_actor, rest_state>;
using builder = std::function<result<http::request>(const signing_context&)>;

caf::error venue_failure(const std::string& what) {
  return caf::make_error(caf::sec::runtime_error, what);
}

caf::error not_supported(pointer self, const char* call) {
  return venue_failure(std::string{"not_supported: "} + call + " on "
                       + self->state.setup.venue_name);
}

http_reply flatten(uint64_t id, const net::http_result& r,
                   const std::string& header) {
  http_reply out;
  out.id = id;
  out.status = r.response.status;
  out.body = r.response.body;
  if (!header.empty())
    out.remaining = std::string{r.response.get(header)};
  out.retry_after = std::string{r.response.get("Retry-After")};
  out.error = static_cast<uint8_t>(r.error.kind);
  out.error_message = r.error.message;
  // When the write started (the bytes reach the kernel in that call on a
  // writable socket); its completion handler may wait behind the loop.
  out.ts_sent_ns = r.timing.written_ns != 0 ? r.timing.written_ns
                                            : r.timing.sent_ns;
  out.ts_reply_ns = r.timing.received_ns;
  return out;
}

void dispatch(pointer self, uint64_t id);
void drain(pointer self);

/// Queues a call behind its group's bucket.
void enqueue(pointer self, rest_call c, bool is_private) {
  auto& st = self->state;
  if (limits::refuse_if_banned(self, c))
    return;
  if (is_private && st.setup.creds.access_key.empty())
    return fail_unsent(c, "no_credentials",
                       "no API key configured for " + st.setup.venue_name,
                       ack_kind::not_sent);
  auto first = c.build(sign_now(st));
  if (!first)
    return fail_unsent(c, first.error().name, first.error().message,
                       ack_kind::rejected);
  auto& p = *st.setup.protocol;
  c.group = p.rate_group_of(first->method, first->target);
  if (p.request_cost) {
    auto cap = st.capacity.find(c.group);
    c.cost = p.request_cost(first->method, first->target);
    if (cap != st.capacity.end()) // a bucket smaller than one call's weight
      c.cost = std::min(c.cost, cap->second);
  }
  c.built = std::move(*first);
  c.built_ns = steady_ns(self);
  auto id = st.next_id++;
  st.queues[c.group].push_back(id);
  st.calls.emplace(id, std::move(c));
  drain(self);
}

/// Fails every queued call (during a ban; none of them was written).
void refuse_queued(pointer self) {
  auto& st = self->state;
  for (auto& [group, queue] : st.queues) {
    for (auto id : queue)
      if (auto i = st.calls.find(id); i != st.calls.end()) {
        limits::refuse_if_banned(self, i->second);
        st.calls.erase(i);
      }
    queue.clear();
  }
}

void drain(pointer self) {
  auto& st = self->state;
  auto now = self->clock().now();
  if (st.guard.banned(now))
    return refuse_queued(self);
  limits::drop_expired(self); // before a token goes to a stale place
  auto wait = std::chrono::nanoseconds::max();
  for (auto& [group, queue] : st.queues) {
    while (!queue.empty()) {
      auto front = st.calls.find(queue.front());
      double cost = front == st.calls.end() ? 1 : front->second.cost;
      if (!st.limiter.try_take(group, now, cost)) {
        ++st.throttled;
        wait = std::min(wait, st.limiter.wait_time(group, now, cost));
        break;
      }
      auto id = queue.front();
      queue.pop_front();
      dispatch(self, id);
    }
  }
  // Wake up when a bucket has a token again, or when a queued place
  // reaches its deadline, whichever comes first.
  std::optional<limits::time_point> wake;
  if (wait != std::chrono::nanoseconds::max())
    wake = now + std::max(wait, std::chrono::nanoseconds{1'000});
  if (auto due = limits::drop_expired(self); due && (!wake || *due < *wake))
    wake = std::max(*due, now + std::chrono::nanoseconds{1'000});
  if (wake && st.drain_timer.wants(*wake)) {
    st.drain_timer.at = *wake;
    arm_timer(self, *wake - now, atom::drain_v);
  }
}

void dispatch(pointer self, uint64_t id) {
  auto& st = self->state;
  auto i = st.calls.find(id);
  if (i == st.calls.end())
    return;
  auto& c = i->second;
  // A signature made a moment ago is sent as is; one that waited behind
  // the limiter, or a retry, is signed again.
  constexpr int64_t fresh_for_ns = 1'000'000'000;
  bool reuse = c.built && c.attempts == 0
               && steady_ns(self) - c.built_ns < fresh_for_ns;
  auto req = reuse ? result<http::request>{std::move(*c.built)}
                   : c.build(sign_now(st));
  c.built.reset();
  if (!req) { // cannot happen after the first build, but never send garbage
    fail_unsent(c, req.error().name, req.error().message, ack_kind::rejected);
    st.calls.erase(i);
    return;
  }
  ++c.attempts;
  ++st.requests;
  c.dispatched_ns = steady_ns(self);
  auto hdl = caf::actor_cast<venue_rest_impl_actor>(self);
  auto header = st.setup.protocol->budget_header;
  st.setup.http->async_send(std::move(*req),
                            [hdl, id, header](net::http_result r) {
                              caf::anon_send(hdl, atom::http_reply_v,
                                             flatten(id, r, header));
                            });
}

template <class T>
void deliver_value(caf::typed_response_promise<T>& rp, result<T> r) {
  if (r)
    rp.deliver(std::move(*r));
  else
    rp.deliver(venue_failure(to_string(r.error())));
}

/// The items of a list reply to `c`, its skipped items reported.
template <class T>
result<std::vector<T>> kept(pointer self, const rest_call& c,
                            result<item_list<T>> r) {
  return kept_items(self->state.setup.venue_name, to_string(c.kind),
                    std::move(r));
}

/// The items of a snapshot list reply to `c`: all, or an error.
template <class T>
result<std::vector<T>> whole(pointer self, const rest_call& c,
                             result<item_list<T>> r) {
  return all_items(self->state.setup.venue_name, to_string(c.kind),
                   std::move(r));
}

/// Base and quote of an instrument the reply named by venue symbol only.
void complete(pointer self, instrument& x) {
  auto& st = self->state;
  if (st.setup.specs)
    st.setup.specs->complete(x, st.spec_reader);
}

void finish(pointer self, rest_call& c, const http_reply& r) {
  auto& p = *self->state.setup.protocol;
  if (c.ack.pending()) {
    auto ack = to_ack(c.kind, r, p);
    complete(self, ack.state.symbol);
    for (auto& f : ack.fills)
      complete(self, f.symbol);
    ack.ts_taken_ns = c.taken_ns;
    ack.ts_dispatched_ns = c.dispatched_ns;
    c.ack.deliver(std::move(ack));
    return;
  }
  if (r.error != 0) {
    auto what = net::to_string(static_cast<net::error_kind>(r.error)) + ": "
                + r.error_message;
    fail_unsent(c, "network", what, ack_kind::not_sent);
    return;
  }
  if (auto ve = p.check_reply(to_response(r))) {
    if (c.kind == call_kind::prepare && p.is_already_set
        && p.is_already_set(*ve))
      return; // already so: nothing to change
    if (c.internal)
      log::warn("venue", "rest_setup_failed",
                {{"venue", self->state.setup.venue_name},
                 {"call", to_string(c.kind)}, {"error", to_string(*ve)}});
    fail_unsent(c, ve->name, ve->message, ack_kind::rejected);
    return;
  }
  switch (c.kind) {
    case call_kind::balances:
      deliver_value(c.balances, kept(self, c, p.parse_balances(r.body)));
      break;
    case call_kind::snapshot: {
      auto book = p.parse_snapshot(r.body);
      if (book)
        book->ts_recv_ns = r.ts_reply_ns;
      deliver_value(c.book, std::move(book));
      break;
    }
    case call_kind::positions: {
      auto ps = whole(self, c, p.parse_positions(r.body));
      if (ps)
        for (auto& x : *ps)
          complete(self, x.symbol);
      deliver_value(c.positions, std::move(ps));
      break;
    }
    case call_kind::settle:
      deliver_value(c.payments,
                    kept(self, c, p.parse_funding_payments(r.body)));
      break;
    case call_kind::funding: {
      auto f = p.parse_funding(r.body);
      if (f)
        c.funding.deliver(f->first, f->second);
      else
        c.funding.deliver(venue_failure(to_string(f.error())));
      break;
    }
    case call_kind::instruments:
    case call_kind::server_time:
    case call_kind::prepare:
      if (c.internal)
        c.internal(r.body);
      break;
    case call_kind::open_orders:
    case call_kind::recent_orders: {
      // Whole too: an order missing from both lists is how an order is
      // proven never placed (order_actor's absence check).
      auto snaps = whole(self, c, p.parse_orders(r.body));
      if (!snaps) {
        c.orders.deliver(venue_failure(to_string(snaps.error())));
        break;
      }
      std::vector<order> out;
      for (auto& s : *snaps) {
        complete(self, s.o.symbol);
        out.push_back(std::move(s.o));
      }
      c.orders.deliver(std::move(out));
      break;
    }
    default:
      break;
  }
}

/// Request written -> response read (I/O thread stamps) of every answer
/// (seed 002 §6.1 api response time); for placements also the order
/// latency.
void record_timing(pointer self, const rest_call& c, const http_reply& r) {
  if (r.error != 0 || r.ts_sent_ns <= 0 || r.ts_reply_ns < r.ts_sent_ns)
    return;
  auto& venue = self->state.setup.venue_name;
  auto& reg = metrics::global();
  auto ns = r.ts_reply_ns - r.ts_sent_ns;
  reg
    .get_latency("karb_api_response_seconds",
                 "venue REST request written to response read",
                 {{"venue", venue}, {"call", to_string(c.kind)}})
    .record_ns(ns);
  if (c.kind == call_kind::place)
    reg
      .get_latency("karb_order_latency_seconds",
                   "order placement written to the venue's answer",
                   {{"venue", venue}})
      .record_ns(ns);
}

void on_reply(pointer self, const http_reply& r) {
  auto& st = self->state;
  auto i = st.calls.find(r.id);
  if (i == st.calls.end())
    return;
  record_timing(self, i->second, r);
  auto now = self->clock().now();
  if (!r.remaining.empty() && st.setup.protocol->read_budget)
    if (auto b = st.setup.protocol->read_budget(r.remaining))
      st.limiter.observe(b->group, b->remaining, now);
  auto& c = i->second;
  limits::on_reply(self, c, r);
  bool error = is_error_reply(r, *st.setup.protocol);
  if (error)
    ++st.errors;
  if (error && is_idempotent(c.kind)) {
    net::retry_input in{true, static_cast<net::error_kind>(r.error),
                        r.status, c.attempts};
    auto d = net::decide_retry(in, st.setup.read_retry, st.setup.random());
    if (d.retry) {
      log::warn("venue", "rest_retry",
                {{"venue", st.setup.venue_name}, {"call", to_string(c.kind)},
                 {"status", r.status}, {"attempt", c.attempts},
                 {"delay_ms", d.delay.count()}});
      arm_timer(self, d.delay, atom::reconnect_v, r.id);
      return;
    }
  }
  if (error && !c.internal) // the actor's own calls log in finish()
    log::warn("venue", "rest_error",
              {{"venue", st.setup.venue_name}, {"call", to_string(c.kind)},
               {"status", r.status}, {"error", r.error_message}});
  finish(self, c, r);
  st.calls.erase(i);
}

builder wrap(std::function<http::request(const signing_context&)> f) {
  return [f = std::move(f)](const signing_context& ctx)
           -> result<http::request> { return f(ctx); };
}

using list_request = std::function<http::request(
  const credentials&, const signing_context&, std::string_view market)>;

/// Queues a call that lists the account's orders of a market.
caf::typed_response_promise<std::vector<order>>
list_orders(pointer self, call_kind kind, list_request f,
            std::shared_ptr<credentials> creds, std::string market) {
  rest_call c;
  c.kind = kind;
  c.build = wrap([f = std::move(f), creds, market](const signing_context& ctx) {
    return f(*creds, ctx, market);
  });
  auto rp = self->make_response_promise<std::vector<order>>();
  c.orders = rp;
  enqueue(self, std::move(c), true);
  return rp;
}

/// A call the actor makes for itself: `use` gets the reply body.
void internal_call(pointer self, call_kind kind,
                   std::function<http::request(const signing_context&)> f,
                   std::function<void(const std::string&)> use,
                   bool is_private = false) {
  rest_call c;
  c.kind = kind;
  c.build = wrap(std::move(f));
  c.internal = std::move(use);
  enqueue(self, std::move(c), is_private);
}

/// Sets up each perpetual waiting for it (leverage, margin mode, one-way)
/// once the trading rules are in.
void prepare_markets(pointer self) {
  auto& st = self->state;
  auto proto = st.setup.protocol;
  if (!proto->prepare_market || st.setup.creds.access_key.empty()
      || (proto->instruments && st.specs.empty()))
    return;
  auto creds = std::make_shared<credentials>(st.setup.creds);
  auto todo = std::move(st.to_prepare);
  st.to_prepare.clear();
  for (auto& m : todo) {
    if (std::find(st.prepared.begin(), st.prepared.end(), m)
        != st.prepared.end())
      continue;
    st.prepared.push_back(m);
    auto n = proto->prepare_market(*creds, sign_now(st), m, st.setup.leverage,
                                   st.setup.isolated)
               .size();
    for (size_t i = 0; i < n; ++i) {
      auto lev = st.setup.leverage;
      auto iso = st.setup.isolated;
      internal_call(
        self, call_kind::prepare,
        [proto, creds, m, i, lev, iso](const signing_context& ctx) {
          return proto->prepare_market(*creds, ctx, m, lev, iso)[i];
        },
        [self, m](const std::string&) {
          log::info("venue", "market_prepared",
                    {{"venue", self->state.setup.venue_name},
                     {"market", m}});
        },
        true);
    }
  }
}

/// Reloads the server-time offset and the trading rules; the first load
/// of the rules also prepares the perpetuals.
void refresh(pointer self) {
  auto& st = self->state;
  auto proto = st.setup.protocol;
  if (!proto->server_time && !proto->instruments)
    return; // nothing to load (the Upbit family's rules are tables)
  if (proto->server_time) {
    auto asked_ms = st.setup.wall_clock.ms();
    internal_call(
      self, call_kind::server_time,
      [proto](const signing_context&) { return proto->server_time(); },
      [self, proto, asked_ms](const std::string& body) {
        auto t = proto->parse_server_time(body);
        if (!t)
          return;
        auto& st = self->state;
        auto now_ms = st.setup.wall_clock.ms();
        // The server read its clock about halfway through the round trip.
        st.clock_offset_ms = *t - (asked_ms + now_ms) / 2;
        log::info("venue", "clock_offset",
                  {{"venue", st.setup.venue_name},
                   {"offset_ms", st.clock_offset_ms}});
      });
  }
  if (proto->instruments) {
    internal_call(
      self, call_kind::instruments,
      [proto](const signing_context&) { return proto->instruments(); },
      [self, proto](const std::string& body) {
        auto& st = self->state;
        auto specs = kept_items(st.setup.venue_name, "instruments",
                                proto->parse_instruments(body));
        if (!specs) {
          log::warn("venue", "instruments_unreadable",
                    {{"venue", st.setup.venue_name},
                     {"error", to_string(specs.error())}});
          return;
        }
        bool first = st.specs.empty();
        for (auto& x : *specs)
          st.specs[x.symbol.venue_symbol] = x;
        if (st.setup.specs)
          st.setup.specs->publish(proto->venue, *specs);
        log::info("venue", "instruments_loaded",
                  {{"venue", st.setup.venue_name},
                   {"count", specs->size()}});
        if (first)
          prepare_markets(self);
      });
  }
  arm_timer(self, st.setup.refresh_every, atom::refresh_v);
}

} // namespace

venue_rest_impl_actor::behavior_type rest_actor(pointer self,
                                                rest_setup setup) {
  auto& st = self->state;
  st.setup = std::move(setup);
  st.guard = rest_guard{st.setup.guard};
  auto now = self->clock().now();
  for (auto& g : st.setup.protocol->rate_groups) {
    int per_sec = g.per_sec;
    if (st.setup.max_per_sec > 0)
      per_sec = std::min(per_sec, st.setup.max_per_sec);
    auto b = bucket_for(per_sec);
    st.limiter.add_group(g.name, b.capacity, b.refill_per_sec, now);
    st.capacity[g.name] = b.capacity;
  }
  refresh(self);
  auto proto = st.setup.protocol;
  auto creds = std::make_shared<credentials>(st.setup.creds);
  auto market = [proto](const instrument& x) {
    return x.venue_symbol.empty() ? proto->market_code(x) : x.venue_symbol;
  };
  return {
    [=](atom::place, const order_request& r) {
      rest_call c;
      c.kind = call_kind::place;
      c.taken_ns = steady_ns(self);
      auto rp = self->make_response_promise<order_ack>();
      c.ack = rp;
      auto& specs = self->state.specs;
      if (auto i = specs.find(market(r.symbol)); i != specs.end())
        if (auto e = check_rules(i->second, r)) {
          fail_unsent(c, e->name, e->message, ack_kind::rejected);
          return rp;
        }
      c.build = [proto, creds, r](const signing_context& ctx) {
        return proto->place(*creds, ctx, r);
      };
      enqueue(self, std::move(c), true);
      return rp;
    },
    [=](atom::cancel, const std::string& id, const instrument& x) {
      rest_call c;
      c.kind = call_kind::cancel;
      c.build = wrap([proto, creds, id, m = market(x)](
                       const signing_context& ctx) {
        return proto->cancel(*creds, ctx, m, id);
      });
      auto rp = self->make_response_promise<order_ack>();
      c.ack = rp;
      enqueue(self, std::move(c), true);
      return rp;
    },
    [=](atom::lookup, const std::string& id, const instrument& x) {
      rest_call c;
      c.kind = call_kind::lookup;
      c.build = wrap([proto, creds, id, m = market(x)](
                       const signing_context& ctx) {
        return proto->lookup(*creds, ctx, m, id);
      });
      auto rp = self->make_response_promise<order_ack>();
      c.ack = rp;
      enqueue(self, std::move(c), true);
      return rp;
    },
    [=](atom::balances) {
      rest_call c;
      c.kind = call_kind::balances;
      c.build = wrap([proto, creds](const signing_context& ctx) {
        return proto->balances(*creds, ctx);
      });
      auto rp = self->make_response_promise<std::vector<balance>>();
      c.balances = rp;
      enqueue(self, std::move(c), true);
      return rp;
    },
    [=](atom::snapshot, const instrument& x) {
      rest_call c;
      c.kind = call_kind::snapshot;
      auto m = market(x);
      c.build = wrap(
        [proto, m](const signing_context&) { return proto->snapshot(m); });
      auto rp = self->make_response_promise<order_book>();
      c.book = rp;
      enqueue(self, std::move(c), false);
      return rp;
    },
    [=](atom::open_orders, const instrument& x) {
      return list_orders(self, call_kind::open_orders, proto->open_orders,
                         creds, market(x));
    },
    [=](atom::recent, const instrument& x) {
      return list_orders(self, call_kind::recent_orders, proto->recent_orders,
                         creds, market(x));
    },
    [=](atom::positions) {
      auto rp = self->make_response_promise<std::vector<position>>();
      if (!proto->positions) {
        rp.deliver(not_supported(self, "positions"));
        return rp;
      }
      rest_call c;
      c.kind = call_kind::positions;
      c.build = wrap([proto, creds](const signing_context& ctx) {
        return proto->positions(*creds, ctx);
      });
      c.positions = rp;
      enqueue(self, std::move(c), true);
      return rp;
    },
    [=](atom::settle, int64_t since_ns) {
      auto rp = self->make_response_promise<std::vector<funding_payment>>();
      if (!proto->funding_payments) {
        rp.deliver(not_supported(self, "settle"));
        return rp;
      }
      rest_call c;
      c.kind = call_kind::settle;
      c.build = wrap([proto, creds, since_ms = since_ns / 1'000'000](
                       const signing_context& ctx) {
        return proto->funding_payments(*creds, ctx, "", since_ms);
      });
      c.payments = rp;
      enqueue(self, std::move(c), true);
      return rp;
    },
    [=](atom::funding, const instrument& x) {
      auto rp = self->make_response_promise<funding_rate, mark_price>();
      if (!proto->funding) {
        rp.deliver(not_supported(self, "funding"));
        return rp;
      }
      rest_call c;
      c.kind = call_kind::funding;
      c.build = wrap([proto, m = market(x)](const signing_context&) {
        return proto->funding(m);
      });
      c.funding = rp;
      enqueue(self, std::move(c), false);
      return rp;
    },
    [=](atom::instruments) {
      std::vector<instrument_spec> out;
      for (auto& [code, x] : self->state.specs)
        out.push_back(x);
      return out;
    },
    [=](atom::refresh) { refresh(self); },
    [=](atom::load, const std::string& market) {
      self->state.to_prepare.push_back(market);
      prepare_markets(self);
    },
    [=](atom::status) {
      venue_status out;
      out.venue = self->state.setup.venue_name;
      out.rest_requests = self->state.requests;
      out.rest_errors = self->state.errors;
      return out;
    },
    [=](atom::http_reply, const http_reply& r) { on_reply(self, r); },
    [=](atom::drain) {
      self->state.drain_timer.fired(self->clock().now());
      drain(self);
    },
    [=](atom::reconnect, uint64_t id) {
      auto& st = self->state;
      auto i = st.calls.find(id);
      if (i == st.calls.end())
        return;
      if (limits::refuse_if_banned(self, i->second)) {
        st.calls.erase(i);
        return;
      }
      st.queues[i->second.group].push_front(id);
      drain(self);
    },
    [=](atom::tick) {
      if (limits::on_tick(self))
        drain(self);
    },
  };
}

} // namespace karb::venue
