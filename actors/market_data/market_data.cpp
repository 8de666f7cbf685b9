#include "actors/common/clock.hpp"
#include "actors/market_data/market_data.hpp"

#include <utility>

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/book/book_actor.hpp"
#include "actors/bus/event_bus.hpp"
#include "actors/log/logging.hpp"

namespace karb {

child_status book_status(const market_data_entry& e) {
  child_status out;
  out.name = "book:" + market_data_key(e.symbol);
  out.kind = "book";
  if (!e.book)
    out.state = "starting";
  else if (!e.has_view)
    out.state = "waiting";
  else if (e.latest.healthy)
    out.state = "healthy";
  else
    out.state = e.latest.reason.empty() ? "unhealthy" : e.latest.reason;
  return out;
}

std::string market_data_key(const instrument& x) {
  return to_string(x.venue) + ":" + x.venue_symbol;
}

namespace {

using self_ptr = market_data_actor::stateful_pointer<market_data_state>;
using waiter = std::function<void(caf::expected<book_actor>)>;

constexpr const char* component = "market_data";

caf::timespan event_interval(const market_data_setup& s) {
  auto n = s.max_events_per_second > 0 ? s.max_events_per_second : 1;
  return std::chrono::nanoseconds{1'000'000'000 / n};
}

caf::error not_subscribed(const instrument& x) {
  return caf::make_error(caf::sec::invalid_argument,
                         "not subscribed: " + market_data_key(x));
}

market_data_entry* find(self_ptr self, const instrument& x) {
  auto i = self->state.books.find(market_data_key(x));
  return i == self->state.books.end() ? nullptr : &i->second;
}

// -- events ---------------------------------------------------------------------

nlohmann::json level_json(const price_level& l) {
  if (l.price.raw == 0)
    return nullptr;
  return {{"price", l.price.to_string()}, {"size", l.volume.to_string()}};
}

void publish_book_event(self_ptr self, const market_data_entry& e) {
  auto t = market_data::top_of(e.latest);
  publish_event(self, self->state.setup.bus, event_type::orderbook_update,
                component,
                {{"venue", to_string(e.symbol.venue)},
                 {"symbol", e.symbol.venue_symbol},
                 {"bid", level_json(t.bid)},
                 {"ask", level_json(t.ask)},
                 {"healthy", e.latest.healthy},
                 {"reason", e.latest.reason},
                 {"ts_event_ns", e.latest.book.ts_event_ns}});
}

void publish_price_event(self_ptr self, const market_data_entry& e) {
  publish_event(self, self->state.setup.bus, event_type::price_update,
                component,
                {{"venue", to_string(e.symbol.venue)},
                 {"symbol", e.symbol.venue_symbol},
                 {"price", e.last_mid.to_string()},
                 {"source", "mid"}});
}

void schedule_tick(self_ptr self) {
  auto& st = self->state;
  if (st.tick_scheduled)
    return;
  st.tick_scheduled = true;
  self->delayed_send(self, event_interval(st.setup), atom::tick_v);
}

void on_view(self_ptr self, book_view v) {
  auto i = self->state.books.find(market_data_key(v.book.symbol));
  if (i == self->state.books.end())
    return;
  auto& e = i->second;
  auto now = steady_ns(self);
  e.latest = std::move(v);
  e.has_view = true;
  auto top = market_data::top_of(e.latest);
  if (top != e.last_top) { // starts empty: the first empty view is no news
    e.last_top = top;
    if (e.book_events.offer(now))
      publish_book_event(self, e);
    else
      schedule_tick(self);
  }
  if (auto mid = market_data::mid_of(e.latest);
      mid && (!e.has_mid || *mid != e.last_mid)) {
    e.has_mid = true;
    e.last_mid = *mid;
    if (e.price_events.offer(now))
      publish_price_event(self, e);
    else
      schedule_tick(self);
  }
}

// -- subscriptions ---------------------------------------------------------

void start_book(self_ptr self, const std::string& key,
                const venue_actor& venue, const venue_rest_actor& rest) {
  auto& st = self->state;
  auto i = st.books.find(key);
  if (i == st.books.end() || i->second.book)
    return; // unsubscribed meanwhile
  auto& e = i->second;
  book_setup bs;
  bs.symbol = e.symbol;
  auto m = st.setup.modes.find(to_string(e.symbol.venue));
  bs.mode = m != st.setup.modes.end() ? m->second
                                      : book::default_sync_mode(e.symbol.venue);
  bs.stale_after = st.setup.stale_after;
  bs.tick_interval = st.setup.book_tick;
  bs.depth = st.setup.depth;
  bs.bus = st.setup.bus;
  bs.snapshots = rest;
  bs.venue = venue;
  bs.specs = st.setup.specs;
  bs.listener_timeout = st.setup.listener_timeout;
  bs.wall_clock = st.setup.wall_clock;
  // Linked: the books stop with the service (and a crashing book takes the
  // service down, which the node escalates to a trading halt).
  e.book = spawn_hot(self->system(), st.setup.hot, book_behavior,
                     std::move(bs));
  self->link_to(e.book);
  self->monitor(e.book);
  // Its events are throttled anyway: at most one view per event interval
  // (every frame would hand the service to the pool and back).
  self->send(e.book, atom::subscribe_v,
             caf::actor_cast<book_listener_actor>(self),
             event_interval(st.setup));
  self->send(venue, atom::subscribe_v, e.symbol, e.book);
  log::info(component, "subscribed", {{"book", key}});
  auto waiters = std::move(e.waiters);
  e.waiters.clear();
  for (auto& w : waiters)
    w(e.book);
}

void fail_pending(self_ptr self, const std::string& key,
                  const caf::error& err) {
  auto i = self->state.books.find(key);
  if (i == self->state.books.end() || i->second.book)
    return;
  auto waiters = std::move(i->second.waiters);
  self->state.books.erase(i);
  log::warn(component, "subscribe_failed",
            {{"book", key}, {"error", self->system().render(err)}});
  for (auto& w : waiters)
    w(err);
}

/// Calls `k` with the instrument's book actor, spawning it if needed.
void ensure_book(self_ptr self, const instrument& x, waiter k) {
  auto& st = self->state;
  auto key = market_data_key(x);
  if (auto i = st.books.find(key); i != st.books.end()) {
    if (i->second.book)
      k(i->second.book);
    else
      i->second.waiters.push_back(std::move(k));
    return;
  }
  auto v = st.setup.venues.find(to_string(x.venue));
  if (v == st.setup.venues.end() || !v->second) {
    k(caf::make_error(caf::sec::invalid_argument,
                      "no venue actor for " + to_string(x.venue)));
    return;
  }
  auto venue = v->second;
  auto interval = event_interval(st.setup).count();
  auto& e = st.books[key];
  e.symbol = x;
  e.book_events = market_data::event_throttle{interval};
  e.price_events = market_data::event_throttle{interval};
  e.waiters.push_back(std::move(k));
  auto m = st.setup.modes.find(to_string(x.venue));
  auto mode = m != st.setup.modes.end() ? m->second
                                        : book::default_sync_mode(x.venue);
  if (mode == book::sync_mode::full_snapshot
      || book::snapshots_on_socket(mode)) { // no REST snapshots
    start_book(self, key, venue, venue_rest_actor{});
    return;
  }
  // Sequenced venues resync from REST snapshots: get the venue's REST actor.
  self->request(venue, st.setup.rest_timeout, atom::rest_v)
    .then([=](const venue_rest_actor& rest) {
            start_book(self, key, venue, rest);
          },
          [=](caf::error& err) { fail_pending(self, key, err); });
}

caf::result<book_actor> subscribe(self_ptr self, const instrument& x,
                                  book_listener_actor listener) {
  auto rp = self->make_response_promise<book_actor>();
  ensure_book(self, x, [=](caf::expected<book_actor> b) mutable {
    if (!b) {
      rp.deliver(b.error());
      return;
    }
    if (listener)
      self->send(*b, atom::subscribe_v, listener);
    rp.deliver(*b);
  });
  return rp;
}

} // namespace

market_data_actor::behavior_type
market_data_behavior(self_ptr self, market_data_setup setup) {
  self->state.setup = std::move(setup);
  self->set_down_handler([=](const caf::down_msg& dm) {
    auto& books = self->state.books;
    for (auto i = books.begin(); i != books.end(); ++i)
      if (i->second.book && i->second.book.address() == dm.source) {
        log::warn(component, "book_down",
                  {{"book", i->first},
                   {"reason", self->system().render(dm.reason)}});
        books.erase(i);
        return;
      }
  });
  return {
    [=](atom::subscribe, const instrument& x) {
      return subscribe(self, x, book_listener_actor{});
    },
    [=](atom::unsubscribe, const instrument& x) {
      auto& books = self->state.books;
      auto i = books.find(market_data_key(x));
      if (i == books.end())
        return;
      auto entry = std::move(i->second);
      books.erase(i);
      if (entry.book) {
        self->demonitor(entry.book.address());
        self->send_exit(entry.book, caf::exit_reason::user_shutdown);
      }
      for (auto& w : entry.waiters)
        w(not_subscribed(x));
      log::info(component, "unsubscribed", {{"book", market_data_key(x)}});
    },
    [=](atom::subscribe, const instrument& x, const book_listener_actor& l) {
      return subscribe(self, x, l);
    },
    [=](atom::unsubscribe, const instrument& x, const book_listener_actor& l) {
      if (auto e = find(self, x); e && e->book)
        self->send(e->book, atom::unsubscribe_v, l);
    },
    [=](atom::get, const instrument& x) -> caf::result<book_view> {
      auto e = find(self, x);
      if (!e || !e->book)
        return not_subscribed(x);
      return self->delegate(e->book, atom::get_v);
    },
    [=](atom::price, const instrument& x) -> caf::result<decimal> {
      auto e = find(self, x);
      if (!e)
        return not_subscribed(x);
      if (e->has_view)
        if (auto mid = market_data::mid_of(e->latest))
          return *mid;
      if (e->has_trade)
        return e->last_trade;
      return caf::make_error(caf::sec::invalid_argument,
                             "no price yet: " + market_data_key(x));
    },
    [=](atom::stats, const instrument& x) -> caf::result<book_stats> {
      auto e = find(self, x);
      if (!e || !e->book)
        return not_subscribed(x);
      return self->delegate(e->book, atom::stats_v);
    },
    [=](atom::status) {
      std::vector<child_status> out;
      for (const auto& [key, e] : self->state.books)
        out.push_back(book_status(e));
      return out;
    },
    [=](const trade& t) {
      auto e = find(self, t.symbol);
      if (!e)
        return;
      e->last_trade = t.price;
      e->has_trade = true;
      publish_event(self, self->state.setup.bus, event_type::trade_update,
                    component,
                    {{"venue", to_string(t.symbol.venue)},
                     {"symbol", t.symbol.venue_symbol},
                     {"id", t.id},
                     {"side", to_string(t.taker_side)},
                     {"price", t.price.to_string()},
                     {"amount", t.amount.to_string()},
                     {"ts_event_ns", t.ts_event_ns}});
    },
    [=](book_view& v) {
      on_view(self, std::move(v));
      return atom::ok_v;
    },
    [=](atom::tick) {
      auto& st = self->state;
      st.tick_scheduled = false;
      auto now = steady_ns(self);
      bool pending = false;
      for (auto& [key, e] : st.books) {
        if (e.book_events.flush(now))
          publish_book_event(self, e);
        if (e.price_events.flush(now))
          publish_price_event(self, e);
        pending = pending || e.book_events.pending()
                  || e.price_events.pending();
      }
      if (pending)
        schedule_tick(self);
    },
  };
}

market_data_actor spawn_market_data(caf::actor_system& sys,
                                    market_data_setup setup) {
  return sys.spawn(market_data_behavior, std::move(setup));
}

} // namespace karb
