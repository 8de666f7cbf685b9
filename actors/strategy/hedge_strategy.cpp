#include "actors/strategy/hedge_strategy.hpp"

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/common/clock.hpp"
#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"
#include "actors/strategy/instance_name.hpp"

namespace karb::strategy {

namespace {

using self_ptr = hedge_pointer;

std::string source_of(self_ptr self) {
  return instance_name(self->state.setup.settings.id);
}

metrics::labels labels_of(self_ptr self) {
  const auto& st = self->state.setup;
  return {{"strategy", st.settings.id}, {"kind", to_string(st.params.kind)}};
}

void export_metrics(self_ptr self) {
  auto& reg = metrics::global();
  const auto& b = self->state.book;
  auto l = labels_of(self);
  reg.get_gauge("karb_hedges_open", "hedges a derivatives strategy holds", l)
    .set(static_cast<double>(b.live()));
  reg.get_gauge("karb_hedge_pnl",
                "closed hedges' PnL after fees, funding included (quote)", l)
    .set(b.closed_pnl().to_double());
  reg.get_gauge("karb_hedge_funding",
                "funding credited to this strategy's hedges (quote)", l)
    .set(b.funding_total().to_double());
}

/// A leg's market for the core: its book, fee, rules and funding.
leg_market market_of(self_ptr self, size_t i) {
  auto& st = self->state;
  const auto& leg = st.setup.legs[i];
  leg_market m;
  m.view = st.views[i] ? &*st.views[i] : nullptr;
  m.taker_fee = leg.taker_fee;
  m.perpetual = leg.symbol.contract == contract_type::perpetual;
  m.funding = st.funding[i];
  if (st.setup.specs)
    if (auto spec = st.setup.specs->find(leg.symbol, st.specs)) {
      m.lot = spec->lot;
      m.min_qty = spec->min_qty;
      m.min_notional = spec->min_notional;
    }
  return m;
}

/// The leg trading `venue`'s `symbol` (venue spelling); -1 if none.
int leg_of(const hedge_strategy_state& st, exchange venue,
           const std::string& symbol) {
  for (size_t i = 0; i < st.setup.legs.size(); ++i) {
    const auto& x = st.setup.legs[i].symbol;
    if (x.venue == venue && (symbol.empty() || x.venue_symbol == symbol))
      return static_cast<int>(i);
  }
  return -1;
}

void settle(self_ptr self) {
  auto& st = self->state;
  if (st.draining && st.attempts.empty()) {
    log::info(source_of(self), "drained");
    self->quit();
  }
}

void cool_down(self_ptr self) {
  auto& st = self->state;
  st.cooling = true;
  arm_timer(self, st.setup.cooldown, atom::tick_v, int32_t{0});
}

void attempt(self_ptr self, const hedge_signal& s) {
  auto& st = self->state;
  auto opp = s.opportunity;
  opp.trail.strategy = steady_ns(self);
  st.attempts[opp.id] = hedge_attempt{s.what, s.long_leg, s.short_leg,
                                      s.hedge_id, s.reason};
  if (s.what == hedge_signal::action::enter)
    ++st.status.opportunities_seen;
  auto id = opp.id;
  after_cycle(self, [bus = st.setup.bus, source = source_of(self), opp] {
    nlohmann::json j{{"id", opp.id},
                     {"type", to_string(opp.type)},
                     {"symbol", opp.symbol},
                     {"exchanges", opp.exchanges},
                     {"expected_profit", opp.expected_profit.to_string()},
                     {"size", opp.max_position_size.to_string()},
                     {"metadata", opp.metadata}};
    publish_event(bus, event_type::arbitrage_opportunity_found, source, j,
                  opp.id);
  });
  self->send(st.setup.risk, atom::check_v, std::move(opp), st.setup.execution,
             caf::actor_cast<attempt_listener_actor>(self));
  arm_timer(self, st.setup.request_timeout, atom::expire_v, std::move(id));
}

/// The pair's basis at the top of the books (second leg's bid over the
/// first leg's ask), for the gauge.
void export_basis(self_ptr self) {
  auto& st = self->state;
  if (!st.basis || !st.views[0] || !st.views[1])
    return;
  const auto& a = st.views[0]->book.asks;
  const auto& b = st.views[1]->book.bids;
  if (a.empty() || b.empty() || !a.front().price.is_positive())
    return;
  st.basis->set(b.front().price.to_double() / a.front().price.to_double()
                - 1.0);
}

void evaluate(self_ptr self) {
  auto& st = self->state;
  export_basis(self);
  if (st.draining || st.cooling || !st.attempts.empty())
    return;
  std::vector<leg_market> legs;
  for (size_t i = 0; i < st.setup.legs.size(); ++i)
    legs.push_back(market_of(self, i));
  auto s = st.core->evaluate(legs, st.book, steady_ns(self));
  if (!s)
    return;
  if (auto b = s->opportunity.metadata.find("basis");
      b != s->opportunity.metadata.end())
    if (auto x = decimal::parse(b->second))
      st.status.last_spread = *x;
  attempt(self, *s);
}

void on_outcome(self_ptr self, const attempt_outcome& out) {
  auto& st = self->state;
  auto i = st.attempts.find(out.opportunity_id);
  if (i == st.attempts.end())
    return;
  auto a = std::move(i->second);
  st.attempts.erase(i);
  if (out.started) {
    ++st.status.trades_started;
    if (a.what == hedge_signal::action::enter)
      st.book.entering(out.trade_id, a.long_leg, a.short_leg,
                       steady_ns(self));
    else
      st.book.exit_sent(a.hedge_id, out.trade_id, a.reason);
    log::info(source_of(self),
              a.what == hedge_signal::action::enter ? "hedge_entering"
                                                    : "hedge_exiting",
              {{"opportunity", out.opportunity_id},
               {"hedge", a.hedge_id},
               {"reason", a.reason},
               {"size", out.size.to_string()}},
              out.trade_id);
  } else {
    log::info(source_of(self), "attempt_refused",
              {{"opportunity", out.opportunity_id},
               {"stage", out.stage},
               {"reason", out.reason}});
    if (out.stage == "execution")
      self->send(st.setup.risk,
                 trade_report{.trade_id = out.opportunity_id,
                              .strategy_id = st.setup.settings.id,
                              .outcome = "cancelled",
                              .ts_ns = steady_ns(self),
                              .opportunity_id = out.opportunity_id});
  }
  export_metrics(self);
  cool_down(self);
  settle(self);
}

void on_report(self_ptr self, const trade_report& r) {
  auto& st = self->state;
  auto before = st.book.closed_count();
  if (!st.book.on_report(r, steady_ns(self)))
    return;
  nlohmann::json j{{"trade_id", r.trade_id},
                   {"outcome", r.outcome},
                   {"pnl", r.pnl_krw.to_string()},
                   {"bought", r.bought.to_string()},
                   {"sold", r.sold.to_string()}};
  if (st.book.closed_count() > before)
    j["closed_pnl_total"] = st.book.closed_pnl().to_string();
  log::info(source_of(self), "hedge_trade_finished", j, r.trade_id);
  export_metrics(self);
}

} // namespace

hedge_params hedge_params_of(const config::strategy_settings& s,
                             const config::risk_settings& risk) {
  hedge_params p;
  p.strategy_id = s.id;
  p.kind = hedge_kind_from_string(s.type).value_or(hedge_kind::spot_perp_basis);
  p.entry_threshold = s.entry_threshold;
  p.exit_threshold = s.exit_threshold;
  p.min_annual_edge = s.min_annual_edge;
  p.horizon_periods = s.funding_horizon_periods;
  auto ratio = [](decimal own, double fallback) {
    if (own.is_positive())
      return own;
    return decimal::from_double(fallback, rounding::down).value_or(decimal{});
  };
  p.take_profit = ratio(s.take_profit, risk.take_profit_threshold);
  p.stop_loss = ratio(s.stop_loss, risk.stop_loss_threshold);
  p.max_holding_ns = s.max_holding_s * 1'000'000'000;
  p.size = s.max_size;
  p.max_open = static_cast<int>(s.max_open);
  return p;
}

hedge_strategy_actor::behavior_type hedge_strategy(hedge_pointer self,
                                                   hedge_setup setup) {
  auto& st = self->state;
  st.setup = std::move(setup);
  st.core.emplace(st.setup.params);
  st.views.resize(st.setup.legs.size());
  st.funding.resize(st.setup.legs.size());
  st.status.id = st.setup.settings.id;
  st.status.symbols = st.setup.settings.symbols;
  for (const auto& leg : st.setup.legs)
    st.status.venues.push_back(to_string(leg.venue));
  export_metrics(self);
  st.basis = &metrics::global().get_gauge(
    "karb_hedge_basis",
    "second leg's best bid over the first leg's best ask, minus 1",
    labels_of(self));
  auto me = caf::actor_cast<book_listener_actor>(self);
  for (const auto& leg : st.setup.legs) {
    if (leg.book) {
      self->send(leg.book, atom::subscribe_v, me);
    } else if (st.setup.market_data) {
      auto sym = leg.symbol;
      self->request(st.setup.market_data, std::chrono::seconds{10},
                    atom::subscribe_v, sym, me)
        .then([](const book_actor&) {},
              [=](caf::error& e) {
                self->quit(caf::make_error(
                  caf::sec::runtime_error,
                  "no book for " + to_string(sym) + ": "
                    + self->system().render(e)));
              });
    }
  }
  if (st.setup.funding)
    self->send(st.setup.funding, atom::subscribe_v,
               caf::actor_cast<funding_listener_actor>(self));
  return {
    [=](const book_view& v) {
      auto& s = self->state;
      auto i = leg_of(s, v.book.symbol.venue, v.book.symbol.venue_symbol);
      if (i < 0)
        return atom::ok_v;
      s.views[i] = v;
      evaluate(self);
      return atom::ok_v;
    },
    [=](const std::vector<funding_rate>& rates) {
      auto& s = self->state;
      for (const auto& r : rates)
        if (auto i = leg_of(s, r.venue, r.symbol); i >= 0)
          s.funding[i] = r;
    },
    [=](const funding_payment& p) {
      auto& s = self->state;
      auto i = leg_of(s, p.venue, p.symbol);
      if (i < 0)
        return;
      auto credited = s.book.on_funding(i, p);
      if (!credited.is_zero())
        log::info(source_of(self), "funding_credited",
                  {{"venue", to_string(p.venue)},
                   {"symbol", p.symbol},
                   {"amount", credited.to_string()},
                   {"currency", p.currency}});
      export_metrics(self);
    },
    [=](const attempt_outcome& out) { on_outcome(self, out); },
    [=](const trade_report& r) { on_report(self, r); },
    [=](atom::expire, const std::string& id) {
      auto& s = self->state;
      if (s.attempts.erase(id) == 0)
        return;
      log::warn(source_of(self), "attempt_unanswered", {{"opportunity", id}});
      cool_down(self);
      settle(self);
    },
    [=](atom::status) { return self->state.status; },
    [=](atom::tick, int32_t) {
      self->state.cooling = false;
      evaluate(self);
    },
    [=](atom::drain) {
      auto& s = self->state;
      s.draining = true;
      log::info(source_of(self), "draining", {{"hedges", s.book.live()}});
      settle(self);
    },
  };
}

hedge_strategy_actor spawn_hedge_strategy(caf::actor_system& sys,
                                          hedge_setup setup, hot_loop* hot) {
  return spawn_hot(sys, hot, hedge_strategy, std::move(setup));
}

} // namespace karb::strategy
