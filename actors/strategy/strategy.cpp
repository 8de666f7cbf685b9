#include "actors/common/clock.hpp"
#include "actors/strategy/strategy.hpp"

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"
#include "actors/strategy/instance_name.hpp"

namespace karb::strategy {

namespace {

/// A leg's book with its taker fee and, once its venue published them,
/// its trading rules.
venue_book with_rules(strategy_state& st, const strategy_leg& leg,
                      const book_view* view) {
  venue_book out{view, leg.taker_fee};
  if (!st.setup.specs)
    return out;
  if (auto spec = st.setup.specs->find(leg.symbol, st.specs)) {
    out.lot = spec->lot;
    out.min_qty = spec->min_qty;
    out.min_notional = spec->min_notional;
  }
  return out;
}

using self_ptr = hot_pointer<strategy_actor, strategy_state>;

std::string source_of(self_ptr self) {
  return instance_name(self->state.setup.settings.id);
}

nlohmann::json event_data(const arbitrage_opportunity& o) {
  nlohmann::json j;
  j["id"] = o.id;
  j["symbol"] = o.symbol;
  j["exchanges"] = o.exchanges;
  j["direction"] = direction_of(o);
  j["expected_profit"] = o.expected_profit.to_string();
  j["max_profit"] = o.max_profit.to_string();
  j["size"] = o.max_position_size.to_string();
  if (o.entry_signals.size() == 2) {
    j["sell_price"] = o.entry_signals[0].price.to_string();
    j["buy_price"] = o.entry_signals[1].price.to_string();
  }
  j["liquidity_score"] = o.liquidity_score;
  j["risk_score"] = o.risk_score;
  j["valid_until_ns"] = o.valid_until_ns;
  j["ts_tick_ns"] = o.ts_tick_ns;
  return j;
}

/// The leg trading on the venue named `name`; legs.size() if none.
size_t leg_of(const strategy_state& st, const std::string& name) {
  for (size_t i = 0; i < st.setup.legs.size(); ++i)
    if (to_string(st.setup.legs[i].venue) == name)
      return i;
  return st.setup.legs.size();
}

/// sell leg * legs + buy leg (exchanges = {selling venue, buying venue}).
int32_t direction_index(self_ptr self, const arbitrage_opportunity& o) {
  const auto& st = self->state;
  auto n = st.setup.legs.size();
  if (o.exchanges.size() != 2)
    return 0;
  return static_cast<int32_t>(leg_of(st, o.exchanges[0]) * n
                              + leg_of(st, o.exchanges[1]));
}

metrics::labels labels_of(self_ptr self) {
  const auto& cfg = self->state.setup.settings;
  return {{"strategy", cfg.id},
          {"symbol", cfg.symbols.empty() ? std::string{} : cfg.symbols[0]}};
}

metrics::counter& opportunities_metric(self_ptr self) {
  return metrics::global().get_counter(
    "karb_arbitrage_opportunities_total",
    "arbitrage opportunities found (directions, not refreshes)",
    labels_of(self));
}

metrics::counter& trades_metric(self_ptr self) {
  return metrics::global().get_counter(
    "karb_trades_executed_total",
    "attempts that execution accepted as trades", labels_of(self));
}

/// An attempt got its last answer; a draining instance may quit now.
void settle(self_ptr self) {
  auto& st = self->state;
  if (st.pending > 0)
    --st.pending;
  if (st.draining && st.pending == 0) {
    log::info(source_of(self), "drained");
    self->quit();
  }
}

void cool_down(self_ptr self, int32_t dir) {
  auto d = self->state.setup.cooldown;
  if (d <= caf::timespan{0})
    self->state.in_flight[dir] = 0;
  else
    arm_timer(self, d, atom::tick_v, dir);
}

/// Tells risk that an approved attempt never started (a no-op for risk
/// when it did not approve it).
void release(self_ptr self, const std::string& opportunity_id,
             const std::string& base) {
  self->send(self->state.setup.risk,
             trade_report{.trade_id = opportunity_id,
                          .strategy_id = self->state.setup.settings.id,
                          .symbol = base,
                          .outcome = "cancelled",
                          .ts_ns = steady_ns(self),
                          .opportunity_id = opportunity_id});
}

/// Stamps the trail: when the tick's book was applied, and now.
arbitrage_opportunity stamped(self_ptr self, arbitrage_opportunity opp) {
  auto& st = self->state;
  for (const auto& v : st.views)
    if (v && v->book.ts_recv_ns == opp.ts_tick_ns)
      opp.trail.book = std::max(opp.trail.book, v->ts_applied_ns);
  opp.trail.strategy = steady_ns(self);
  return opp;
}

/// Hands the opportunity to risk, which passes an approval straight to
/// execution; the outcome comes back as an attempt_outcome.
void attempt(self_ptr self, const arbitrage_opportunity& found) {
  auto& st = self->state;
  auto dir = direction_index(self, found);
  auto opp = stamped(self, found);
  st.in_flight[dir] = 1;
  ++st.pending;
  auto base = opp.entry_signals.empty() ? std::string{}
                                        : opp.entry_signals[0].symbol.base;
  st.attempts[opp.id] = pending_attempt{dir, std::move(base)};
  auto id = opp.id;
  self->send(st.setup.risk, atom::check_v, std::move(opp), st.setup.execution,
             caf::actor_cast<attempt_listener_actor>(self));
  arm_timer(self, st.setup.request_timeout, atom::expire_v, std::move(id));
}

void on_outcome(self_ptr self, const attempt_outcome& out) {
  auto& st = self->state;
  auto i = st.attempts.find(out.opportunity_id);
  if (i == st.attempts.end())
    return; // expired before: already settled
  auto a = std::move(i->second);
  st.attempts.erase(i);
  if (out.started) {
    ++st.status.trades_started;
    trades_metric(self).add();
    log::info(source_of(self), "trade_started",
              {{"opportunity", out.opportunity_id},
               {"size", out.size.to_string()}},
              out.trade_id);
  } else if (out.stage == "execution") {
    // Approved, never started: free risk's slot.
    log::warn(source_of(self), "execute_failed",
              {{"opportunity", out.opportunity_id}, {"error", out.reason}});
    release(self, out.opportunity_id, a.base);
  }
  cool_down(self, a.dir);
  settle(self);
}

/// No outcome in time (risk or execution is gone): the direction opens
/// again; a slot risk may hold expires there (risk.trade_slot_timeout_s).
void on_expired(self_ptr self, const std::string& opportunity_id) {
  auto& st = self->state;
  auto i = st.attempts.find(opportunity_id);
  if (i == st.attempts.end())
    return;
  auto dir = i->second.dir;
  st.attempts.erase(i);
  log::warn(source_of(self), "attempt_unanswered",
            {{"opportunity", opportunity_id}});
  cool_down(self, dir);
  settle(self);
}

void evaluate(self_ptr self) {
  auto& st = self->state;
  auto now = steady_ns(self);
  std::vector<venue_book> books;
  for (size_t i = 0; i < st.views.size(); ++i)
    if (st.views[i])
      books.push_back(with_rules(st, st.setup.legs[i], &*st.views[i]));
  // The widest top-of-book spread among every pair (for the status).
  std::optional<decimal> widest;
  for (const auto& s : books)
    for (const auto& b : books)
      if (&s != &b)
        if (auto x = top_spread(s.view->book, b.view->book))
          widest = widest ? max(*widest, *x) : *x;
  if (widest)
    st.status.last_spread = *widest;
  auto upd = st.tracker.update(st.calc->scan_all(books, now), now);
  // The best pair first: one new attempt per tick, on the most profitable
  // direction that has none out (the others wait for the next tick).
  if (!st.draining) {
    const arbitrage_opportunity* best = nullptr;
    for (const auto& o : st.tracker.live())
      if (!st.in_flight[direction_index(self, o)]
          && (!best || o.expected_profit > best->expected_profit))
        best = &o;
    if (best)
      attempt(self, *best);
  }
  st.status.opportunities_seen += static_cast<int64_t>(upd.found.size());
  if (upd.found.empty() && upd.expired.empty())
    return;
  // The events are not on the way to the venue: after the cycle.
  after_cycle(self, [bus = st.setup.bus, source = source_of(self),
                     &found_metric = opportunities_metric(self),
                     upd = std::move(upd)] {
    for (const auto& o : upd.expired)
      publish_event(bus, event_type::arbitrage_opportunity_expired, source,
                    event_data(o), o.id);
    for (const auto& o : upd.found)
      publish_event(bus, event_type::arbitrage_opportunity_found, source,
                    event_data(o), o.id);
    if (!upd.found.empty())
      found_metric.add(static_cast<double>(upd.found.size()));
  });
}

} // namespace

strategy_actor::behavior_type
strategy(hot_pointer<strategy_actor, strategy_state> self,
         strategy_setup setup) {
  auto& st = self->state;
  st.setup = std::move(setup);
  const auto& cfg = st.setup.settings;
  st.calc.emplace(scan_params{cfg.id, cfg.min_profit_rate, cfg.max_size,
                              st.setup.validity_ns});
  st.status.id = cfg.id;
  st.status.symbols = cfg.symbols;
  auto n = st.setup.legs.size();
  st.views.resize(n);
  st.in_flight.assign(n * n, 0);
  for (const auto& leg : st.setup.legs)
    st.status.venues.push_back(to_string(leg.venue));
  // Exported from the start (at zero), so a new instance is visible.
  opportunities_metric(self);
  trades_metric(self);
  auto& active = metrics::global().get_gauge(
    "karb_active_strategies", "running strategy instances");
  active.add(1);
  self->attach_functor([&active] { active.add(-1); });
  auto me = caf::actor_cast<book_listener_actor>(self);
  for (auto* leg = st.setup.legs.data();
       leg != st.setup.legs.data() + st.setup.legs.size(); ++leg) {
    if (leg->book) {
      self->send(leg->book, atom::subscribe_v, me);
    } else if (st.setup.market_data) {
      auto sym = leg->symbol;
      self->request(st.setup.market_data, std::chrono::seconds{10},
                    atom::subscribe_v, sym, me)
        .then([](const book_actor&) { /* the book now sends us views */ },
              [=](caf::error& e) {
                // Without both books the strategy can never trade: fail
                // loudly so the node restarts it.
                self->quit(caf::make_error(
                  caf::sec::runtime_error,
                  "no book for " + to_string(sym) + ": "
                    + self->system().render(e)));
              });
    }
  }
  return {
    [=](const book_view& v) {
      auto& s = self->state;
      auto i = leg_of(s, to_string(v.book.symbol.venue));
      if (i == s.setup.legs.size())
        return atom::ok_v;
      s.views[i] = v;
      evaluate(self);
      return atom::ok_v;
    },
    [=](const attempt_outcome& out) { on_outcome(self, out); },
    // A spread trade leaves nothing open: its report changes nothing here.
    [=](const trade_report&) {},
    [=](atom::expire, const std::string& id) { on_expired(self, id); },
    [=](atom::status) { return self->state.status; },
    [=](atom::tick, int32_t dir) {
      auto& s = self->state;
      if (dir >= 0 && static_cast<size_t>(dir) < s.in_flight.size())
        s.in_flight[dir] = 0;
    },
    [=](atom::drain) {
      auto& s = self->state;
      if (s.draining)
        return;
      s.draining = true;
      log::info(source_of(self), "draining", {{"pending", s.pending}});
      if (s.pending == 0)
        self->quit();
    },
  };
}

strategy_actor spawn_strategy(caf::actor_system& sys, strategy_setup setup,
                              hot_loop* hot) {
  return spawn_hot(sys, hot, strategy, std::move(setup));
}

decimal taker_fee_of(const config::settings& cfg, std::string_view venue) {
  auto v = cfg.find_venue(venue);
  return v ? v->fees.taker : dec(config::defaults::fee);
}

} // namespace karb::strategy
