#include "actors/venue/venue.hpp"

#include <algorithm>
#include <chrono>
#include <random>

#include <caf/all.hpp>

#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"
#include "actors/venue/feed.hpp"
#include "actors/venue/private_stream.hpp"
#include "actors/venue/rest.hpp"
#include "exchanges/common/tls_context.hpp"

namespace karb::venue {

namespace {

using pointer = venue_supervisor_actor::stateful_pointer<venue_sup_state>;

stream_setup make_stream(pointer self, const std::string& url) {
  auto& st = self->state;
  stream_setup s;
  s.venue_name = st.settings.name;
  s.protocol = st.protocol;
  s.url = url;
  s.creds = credentials{st.settings.access_key, st.settings.secret_key,
                        st.settings.passphrase};
  s.make_ws = st.deps.io.make_ws;
  s.http = st.http;
  s.specs = st.deps.specs;
  s.bus = st.deps.bus;
  s.random = st.deps.random;
  s.wall_clock = st.deps.wall_clock;
  s.link = st.deps.link;
  s.link.heartbeat = std::chrono::seconds{st.settings.heartbeat_s};
  return s;
}

void remember(pointer self, const caf::actor& child, const char* name) {
  self->state.started[name] = self->clock().now();
  self->monitor(child);
  self->state.children->push_back(child);
}

/// Whether mark prices stream on a connection of their own.
bool separate_marks(const venue_sup_state& st) {
  return st.protocol->mark_subscription && !st.settings.mark_ws_url.empty();
}

void spawn_feed(pointer self) {
  auto& st = self->state;
  auto setup = make_stream(self, st.settings.ws_url);
  auto proto = st.protocol;
  if (proto->mark_subscription && !separate_marks(st))
    setup.subscribe = [proto](const std::vector<std::string>& codes) {
      auto out = proto->book_subscription(codes);
      for (auto& m : proto->mark_subscription(codes))
        out.push_back(std::move(m));
      return out;
    };
  else
    setup.subscribe = proto->book_subscription;
  st.feed = spawn_hot(self->system(), st.deps.hot, feed_actor,
                      std::move(setup));
  remember(self, caf::actor_cast<caf::actor>(st.feed), "feed");
  for (auto& [inst, book] : st.book_subs)
    self->send(st.feed, atom::subscribe_v, inst, book);
}

/// The mark price connection (off the hot loop: nothing trades on it).
void spawn_marks(pointer self) {
  auto& st = self->state;
  auto setup = make_stream(self, st.settings.mark_ws_url);
  setup.subscribe = st.protocol->mark_subscription;
  st.marks_feed = self->spawn(feed_actor, std::move(setup));
  remember(self, caf::actor_cast<caf::actor>(st.marks_feed), "marks");
  for (auto& [inst, book] : st.book_subs)
    self->send(st.marks_feed, atom::subscribe_v, inst, book);
}

void spawn_private(pointer self) {
  auto& st = self->state;
  st.priv = self->spawn(private_actor,
                        make_stream(self, st.settings.private_ws_url));
  remember(self, caf::actor_cast<caf::actor>(st.priv), "private");
  for (auto& l : st.order_subs)
    self->send(st.priv, atom::subscribe_v, l);
}

void spawn_rest(pointer self) {
  auto& st = self->state;
  rest_setup r;
  r.venue_name = st.settings.name;
  r.protocol = st.protocol;
  r.base_url = st.settings.rest_url;
  r.creds = credentials{st.settings.access_key, st.settings.secret_key,
                        st.settings.passphrase};
  r.http = st.http;
  r.random = st.deps.random;
  r.wall_clock = st.deps.wall_clock;
  r.max_per_sec = static_cast<int>(st.settings.rate_limit_per_s);
  r.guard.place_queue_deadline = st.deps.place_queue_deadline;
  r.guard.ban_default = std::chrono::seconds{st.settings.ban_default_s};
  r.guard.rate_limited_pause
    = std::chrono::milliseconds{st.settings.rate_limited_pause_ms};
  r.guard.rate_limited_slow
    = std::chrono::seconds{st.settings.rate_limited_slow_s};
  r.guard.rate_limited_refill = config::defaults::rate_limited_refill;
  r.bus = st.deps.bus;
  r.specs = st.deps.specs;
  r.leverage = st.settings.leverage;
  r.isolated = st.settings.margin_mode == "isolated";
  st.rest = spawn_hot(self->system(), st.deps.hot, rest_actor, std::move(r));
  remember(self, caf::actor_cast<caf::actor>(st.rest), "rest");
  st.deps.rest.set(st.rest);
  if (st.protocol->prepare_market)
    for (auto& [inst, book] : st.book_subs)
      self->send(st.rest, atom::load_v, inst.venue_symbol);
}

void spawn_child(pointer self, const std::string& name) {
  if (name == "feed")
    spawn_feed(self);
  else if (name == "marks")
    spawn_marks(self);
  else if (name == "private")
    spawn_private(self);
  else if (name == "rest")
    spawn_rest(self);
}

std::string child_name(pointer self, const caf::actor_addr& a) {
  auto& st = self->state;
  if (st.feed && st.feed.address() == a)
    return "feed";
  if (st.marks_feed && st.marks_feed.address() == a)
    return "marks";
  if (st.priv && st.priv.address() == a)
    return "private";
  if (st.rest && st.rest.address() == a)
    return "rest";
  return {};
}

void on_down(pointer self, const caf::down_msg& dm) {
  auto& st = self->state;
  auto& kids = *st.children;
  kids.erase(std::remove_if(kids.begin(), kids.end(),
                            [&](const caf::actor& a) {
                              return a.address() == dm.source;
                            }),
             kids.end());
  auto name = child_name(self, dm.source);
  if (name.empty())
    return;
  if (dm.reason == caf::exit_reason::normal
      || dm.reason == caf::exit_reason::user_shutdown)
    return;
  if (self->clock().now() - st.started[name] >= st.deps.stable_after)
    st.crashes[name] = 0;
  auto n = ++st.crashes[name];
  auto delay = st.deps.restart.delay(n, st.deps.random());
  log::error("venue", "child_crashed",
             {{"venue", st.settings.name}, {"child", name},
              {"reason", self->system().render(dm.reason)},
              {"restart_in_ms", delay.count()}});
  self->delayed_send(self, delay, atom::restart_v, name);
}

const char* worst_breaker(const std::string& a, const std::string& b) {
  for (auto s : {"open", "half_open", "closed"})
    if (a == s || b == s)
      return s;
  return "closed";
}

/// Asks every child for its part and merges them.
caf::typed_response_promise<venue_status> collect_status(pointer self) {
  auto& st = self->state;
  auto rp = std::make_shared<caf::typed_response_promise<venue_status>>(
    self->make_response_promise<venue_status>());
  auto acc = std::make_shared<venue_status>();
  acc->venue = st.settings.name;
  acc->feed_state = "down";
  acc->private_state = st.priv ? "down" : "disabled";
  acc->breaker = "closed";
  auto left = std::make_shared<int>(1 + (st.priv ? 1 : 0) + 1);
  auto done = [rp, acc, left] {
    if (--*left == 0)
      rp->deliver(*acc);
  };
  auto merge = [acc, done](const venue_status& s) {
    if (!s.feed_state.empty())
      acc->feed_state = s.feed_state;
    if (!s.private_state.empty())
      acc->private_state = s.private_state;
    if (!s.breaker.empty())
      acc->breaker = worst_breaker(acc->breaker, s.breaker);
    acc->reconnects += s.reconnects;
    acc->frames += s.frames;
    acc->rest_requests += s.rest_requests;
    acc->rest_errors += s.rest_errors;
    done();
  };
  auto skip = [done](caf::error&) { done(); };
  auto t = std::chrono::seconds{2};
  self->request(st.feed, t, atom::status_v).then(merge, skip);
  if (st.priv)
    self->request(st.priv, t, atom::status_v).then(merge, skip);
  self->request(st.rest, t, atom::status_v).then(merge, skip);
  return *rp;
}

void export_gauge(pointer self, const char* name, const char* help,
                  const std::string& symbol, decimal value) {
  metrics::global()
    .get_gauge(name, help,
               {{"venue", self->state.settings.name}, {"symbol", symbol}})
    .set(value.to_double());
}

/// Polls the funding and mark price of every subscribed instrument (kept
/// for `atom::funding`; the mark exported as a gauge). Positions and the
/// funding-rate gauges are the position manager's and the funding
/// service's.
void poll_funding(pointer self) {
  auto& st = self->state;
  if (!st.protocol->funding || st.deps.funding_poll.count() <= 0)
    return;
  for (auto& [inst, book] : st.book_subs)
    self->request(st.rest, std::chrono::seconds{10}, atom::funding_v, inst)
      .then(
        [self](const funding_rate& f, const mark_price& m) {
          self->state.funding[f.symbol] = f;
          self->state.marks[m.symbol.venue_symbol] = m;
          export_gauge(self, "karb_mark_price", "perpetual mark price",
                       m.symbol.venue_symbol, m.mark);
        },
        [](caf::error&) {});
  self->delayed_send(self, st.deps.funding_poll, atom::funding_v, true);
}

/// The polled values overlaid with the feed's streamed ones.
caf::typed_response_promise<std::vector<funding_rate>, std::vector<mark_price>>
collect_funding(pointer self) {
  auto rp = self->make_response_promise<std::vector<funding_rate>,
                                        std::vector<mark_price>>();
  auto reply = [self, rp](std::vector<funding_rate> fs,
                          std::vector<mark_price> ms) mutable {
    auto funding = self->state.funding;
    auto marks = self->state.marks;
    for (auto& f : fs)
      funding[f.symbol] = f;
    for (auto& m : ms)
      marks[m.symbol.venue_symbol] = m;
    std::vector<funding_rate> fo;
    for (auto& [k, f] : funding)
      fo.push_back(f);
    std::vector<mark_price> mo;
    for (auto& [k, m] : marks)
      mo.push_back(m);
    rp.deliver(std::move(fo), std::move(mo));
  };
  auto& st = self->state;
  auto streamed = st.marks_feed ? st.marks_feed : st.feed;
  self->request(streamed, std::chrono::seconds{2}, atom::funding_v)
    .then(reply, [reply](caf::error&) mutable { reply({}, {}); });
  return rp;
}

} // namespace

venue_supervisor_actor::behavior_type
venue_supervisor(pointer self, config::venue_settings settings,
                 venue_deps deps) {
  auto& st = self->state;
  if (!deps.random) {
    auto rng = std::make_shared<std::mt19937_64>(std::random_device{}());
    deps.random = [rng] {
      return std::uniform_real_distribution<double>{0.0, 1.0}(*rng);
    };
  }
  if ((!deps.io.make_ws || !deps.io.make_http) && deps.runner) {
    std::shared_ptr<net::tls_context> tls;
    if (!settings.ca_file.empty())
      tls = net::make_tls_context({settings.ca_file});
    deps.io = make_net_io(*deps.runner,
                          deps.rest_runner ? *deps.rest_runner : *deps.runner,
                          tls, deps.http_connections);
  }
  st.settings = std::move(settings);
  st.deps = std::move(deps);
  st.protocol = std::make_shared<const venue_protocol>(
    protocol_for(st.settings.venue,
                 [specs = st.deps.specs, venue = st.settings.venue](
                   std::string_view code) -> std::optional<decimal> {
                   if (!specs)
                     return std::nullopt;
                   return specs->contract_size(venue, code);
                 }));
  net::http_client_config hc;
  hc.base_url = st.settings.rest_url;
  hc.request_timeout
    = std::chrono::milliseconds{st.settings.request_timeout_ms};
  hc.retry.max_attempts = 1; // the rest actor retries reads itself
  st.http = st.deps.io.make_http(hc);
  self->set_down_handler([=](const caf::down_msg& dm) { on_down(self, dm); });
  self->attach_functor([kids = st.children](const caf::error&) {
    for (auto& k : *kids)
      caf::anon_send_exit(k, caf::exit_reason::user_shutdown);
  });
  spawn_rest(self);
  spawn_feed(self);
  if (separate_marks(st))
    spawn_marks(self);
  if (!st.settings.access_key.empty() && !st.settings.private_ws_url.empty())
    spawn_private(self);
  if (st.protocol->funding)
    self->delayed_send(self, std::chrono::seconds{1}, atom::funding_v, true);
  log::info("venue", "started",
            {{"venue", st.settings.name}, {"private", bool(st.priv)}});
  return {
    [=](atom::rest) { return venue_rest_actor{self->state.rest}; },
    [=](atom::subscribe, const instrument& inst, const book_actor& book) {
      auto& st = self->state;
      st.book_subs.emplace_back(inst, book);
      self->send(st.feed, atom::subscribe_v, inst, book);
      if (st.marks_feed) // routes nothing to the book: it names the code
        self->send(st.marks_feed, atom::subscribe_v, inst, book);
      if (st.protocol->prepare_market)
        self->send(st.rest, atom::load_v, inst.venue_symbol);
    },
    [=](atom::resync, const instrument& inst) {
      self->send(self->state.feed, atom::resync_v, inst);
    },
    [=](atom::subscribe, const order_listener_actor& l) {
      auto& st = self->state;
      st.order_subs.push_back(l);
      if (st.priv)
        self->send(st.priv, atom::subscribe_v, l);
    },
    [=](atom::status) { return collect_status(self); },
    [=](atom::positions) {
      return self->delegate(self->state.rest, atom::positions_v);
    },
    [=](atom::settle, int64_t since_ns) {
      return self->delegate(self->state.rest, atom::settle_v, since_ns);
    },
    [=](atom::funding) { return collect_funding(self); },
    [=](atom::funding, bool) { poll_funding(self); },
    [=](atom::instruments) {
      return self->delegate(self->state.rest, atom::instruments_v);
    },
    [=](atom::restart, const std::string& name) { spawn_child(self, name); },
  };
}

venue_actor spawn_venue(caf::actor_system& sys,
                        const config::venue_settings& settings,
                        venue_deps deps) {
  return sys.spawn(venue_supervisor, settings, std::move(deps));
}

} // namespace karb::venue
