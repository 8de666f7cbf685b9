#include "actors/execution/trade_actor.hpp"

#include <algorithm>
#include <cstdlib>
#include <chrono>

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/common/clock.hpp"
#include "actors/log/logging.hpp"

namespace karb::execution {

namespace {

using json = nlohmann::json;

event_type event_for_step(const trade_step& s) {
  if (s.what == "place")
    return event_type::order_created;
  if (s.what == "order_timeout")
    return event_type::order_cancelled;
  if (s.what == "cap_exceeded" || s.what == "give_up" || s.what == "refused")
    return event_type::risk_alert;
  if (s.what == "imbalanced")
    return event_type::position_opened;
  if (s.what == "balanced" || s.what == "nothing_filled")
    return event_type::position_closed;
  return event_type::position_updated;
}

void save_record(trade_pointer self, const trade_setup& setup) {
  auto& st = self->state;
  st.record.state = to_string(st.core->state());
  st.record.outcome = outcome_of(st.core->state());
  st.record.pnl_krw = st.core->pnl();
  st.record.fees_krw = st.core->fees();
  st.record.updated_ns = wall_ns();
  // The first record goes to the journal too (after the cycle: the
  // orders' own intents are what must precede their requests): recovery
  // then knows the trade even if the store never saw it. A failed append
  // is logged, not fatal: orders journal themselves and recovery rebuilds
  // a trade from its orders.
  if (setup.journal && !st.journaled) {
    st.journaled = true;
    after_cycle(self, [journal = setup.journal, rec = st.record] {
      if (!journal->append(rec))
        log::error("execution", "journal_failed",
                   {{"error", journal->last_error()}}, rec.trade_id);
    });
  }
  self->send(setup.store, st.record);
}

/// The audit rows and events of the core's steps so far (sent after the
/// cycle: they are not on the way to the venue).
void write_steps(trade_pointer self, const trade_setup& setup) {
  auto steps = self->state.core->take_steps();
  if (steps.empty())
    return;
  after_cycle(self, [steps = std::move(steps), store = setup.store,
                     bus = setup.bus, id = self->state.record.trade_id] {
    for (const auto& s : steps) {
      std::string cid;
      auto detail = json::parse(s.detail, nullptr, false);
      if (detail.is_object() && detail.contains("client_order_id"))
        cid = detail["client_order_id"].get<std::string>();
      caf::anon_send(store, audit_row{wall_ns(), id, cid, s.what, s.detail});
      publish_event(bus, event_for_step(s), "execution",
                    {{"trade_id", id},
                     {"step", s.what},
                     {"from", to_string(s.from)},
                     {"to", to_string(s.to)},
                     {"detail", detail}},
                    id);
    }
  });
}

void spawn_order(trade_pointer self, const trade_setup& setup,
                 order_record rec, bool resume) {
  auto cid = resume ? rec.request.client_order_id
                    : make_client_order_id(rec.trade_id, rec.leg,
                                           rec.attempt);
  order_setup os;
  os.record = std::move(rec);
  os.resume = resume;
  if (resume)
    for (const auto& f : setup.fills)
      if (f.client_order_id == cid)
        os.booked.push_back(f);
  os.trade = self;
  auto i = setup.rest.find(os.record.venue);
  if (i != setup.rest.end())
    os.rest = i->second;
  os.store = setup.store;
  os.journal = setup.journal;
  os.portfolio = setup.portfolio;
  os.bus = setup.bus;
  os.params = setup.order;
  auto hdl = self->spawn(order_behavior, std::move(os));
  self->state.orders[cid] = hdl;
  if (setup.execution)
    self->send(setup.execution, atom::subscribe_v, cid, hdl);
}

void run(trade_pointer self, const trade_setup& setup,
         std::vector<trade_action> actions) {
  auto& st = self->state;
  save_record(self, setup);
  // Orders first; the audit rows, events and logs of this step go after
  // the cycle: they are not on the way to the venue.
  for (auto& a : actions) {
    switch (a.what) {
      case trade_action::kind::place: {
        order_record rec;
        rec.trade_id = st.record.trade_id;
        rec.venue = a.plan.venue;
        rec.leg = a.plan.leg;
        rec.attempt = a.plan.attempt;
        rec.role = to_string(a.plan.role);
        rec.request.trade_id = rec.trade_id;
        rec.request.symbol = a.plan.symbol;
        rec.request.order_side = a.plan.order_side;
        rec.request.type = a.plan.type;
        rec.request.amount = a.plan.amount;
        rec.request.price = a.plan.price;
        rec.request.reduce_only = a.plan.reduce_only;
        rec.request.ts_tick_ns = setup.opportunity.ts_tick_ns;
        rec.request.trail = setup.opportunity.trail;
        rec.request.trail.trade = steady_ns(self);
        spawn_order(self, setup, std::move(rec), false);
        break;
      }
      case trade_action::kind::cancel: {
        auto i = st.orders.find(a.client_order_id);
        if (i != st.orders.end())
          self->send(i->second, atom::cancel_v);
        break;
      }
      default:
        break;
    }
  }
  write_steps(self, setup);
  for (auto& a : actions) {
    switch (a.what) {
      case trade_action::kind::place:
      case trade_action::kind::cancel:
        break;
      case trade_action::kind::alert:
        after_cycle(self, [bus = setup.bus, id = st.record.trade_id,
                           reason = a.reason] {
          log::error("execution", "trade_exposed", {{"reason", reason}}, id);
          publish_event(bus, event_type::risk_alert, "execution",
                        {{"trade_id", id},
                         {"reason", "trade_exposed"},
                         {"detail", reason}},
                        id);
        });
        break;
      case trade_action::kind::report: {
        trade_report rep{.trade_id = st.record.trade_id,
                         .strategy_id = st.record.strategy_id,
                         .symbol = st.record.base,
                         .outcome = a.reason,
                         .pnl_krw = st.core->pnl(),
                         .fees_krw = st.core->fees(),
                         .ts_ns = wall_ns(),
                         .opportunity_id = st.record.opportunity_id,
                         .quote = st.record.quote,
                         .bought = st.core->filled(side::buy),
                         .sold = st.core->filled(side::sell),
                         .buy_notional = st.core->notional(side::buy),
                         .sell_notional = st.core->notional(side::sell)};
        if (setup.risk)
          self->send(setup.risk, rep);
        if (setup.listener)
          self->send(setup.listener, rep);
        if (setup.portfolio)
          self->send(setup.portfolio, rep);
        after_cycle(self, [bus = setup.bus, rep] {
          publish_event(bus, event_type::position_closed, "execution",
                        {{"trade_id", rep.trade_id},
                         {"strategy_id", rep.strategy_id},
                         {"symbol", rep.symbol},
                         {"outcome", rep.outcome},
                         {"quote", rep.quote},
                         {"pnl_krw", rep.pnl_krw.to_string()},
                         {"fees_krw", rep.fees_krw.to_string()}},
                        rep.trade_id);
          log::info("execution", "trade_finished",
                    {{"outcome", rep.outcome},
                     {"pnl", rep.pnl_krw.to_string()},
                     {"fees", rep.fees_krw.to_string()}},
                    rep.trade_id);
        });
        self->quit();
        break;
      }
    }
  }
}

/// Once both entry legs were written: how long after the first the
/// second one's write started (hop "second_leg").
void time_entry_legs(trade_actor_state& s) {
  if (s.legs_timed)
    return;
  std::vector<int64_t> written;
  for (const auto& [cid, r] : s.records)
    if (r.role == "entry" && r.request.trail.written > 0)
      written.push_back(r.request.trail.written);
  if (written.size() != 2)
    return;
  s.legs_timed = true;
  hop_latency("second_leg").record_ns(std::abs(written[1] - written[0]));
}

tracked_order tracked_from(const order_record& r) {
  tracked_order t;
  t.plan.venue = r.venue;
  t.plan.symbol = r.request.symbol;
  t.plan.order_side = r.request.order_side;
  t.plan.type = r.request.type;
  t.plan.amount = r.request.amount;
  t.plan.price = r.request.price;
  t.plan.leg = r.leg;
  t.plan.attempt = r.attempt;
  t.plan.role = leg_role_from_string(r.role).value_or(leg_role::entry);
  t.plan.reduce_only = r.request.reduce_only;
  t.client_order_id = r.request.client_order_id;
  t.status = r.state.status;
  t.filled = r.state.filled;
  t.notional = decimal::mul(r.state.average_price, r.state.filled)
                 .value_or(decimal{});
  t.fees = r.state.fee;
  return t;
}

} // namespace

/// The legs of an approved opportunity, all of one size: the smallest
/// leg, cut to what risk approved and floored to every leg's lot.
std::vector<leg_plan> entry_legs(const arbitrage_opportunity& opp,
                                 const risk_verdict& verdict,
                                 const trade_params& params) {
  std::vector<leg_plan> out;
  for (const auto& sig : opp.entry_signals) {
    leg_plan p;
    auto v = sig.metadata.find("venue");
    p.venue = v != sig.metadata.end() ? v->second : to_string(sig.symbol.venue);
    p.symbol = sig.symbol;
    p.order_side = sig.signal_side;
    p.amount = sig.amount;
    if (verdict.size.is_positive() && verdict.size < p.amount)
      p.amount = verdict.size;
    p.price = sig.price;
    if (sig.signal_type == "close") {
      p.role = leg_role::close;
      if (!sig.has_price)
        p.type = order_type::market;
    }
    // An exit or a close only shrinks the perpetual position it targets.
    p.reduce_only = sig.symbol.contract == contract_type::perpetual
                    && (sig.signal_type == "exit" || sig.signal_type == "close");
    out.push_back(std::move(p));
  }
  if (out.empty())
    return out;
  auto size = out.front().amount;
  for (const auto& p : out)
    size = min(size, p.amount);
  if (params.round_size)
    for (const auto& p : out)
      size = params.round_size(p.symbol, size);
  for (auto& p : out)
    p.amount = size;
  return out;
}

trade_actor::behavior_type trade_behavior(trade_pointer self,
                                          trade_setup setup) {
  auto& st = self->state;
  auto now = steady_ns(self);
  std::vector<trade_action> actions;
  if (setup.resume) {
    st.record = setup.record;
    std::vector<leg_plan> legs;
    std::vector<tracked_order> tracked;
    auto orders = setup.orders;
    std::sort(orders.begin(), orders.end(), [](const auto& a, const auto& b) {
      return std::tie(a.leg, a.attempt) < std::tie(b.leg, b.attempt);
    });
    for (const auto& r : orders) {
      tracked.push_back(tracked_from(r));
      if (r.role == "entry" || r.role == "close")
        legs.push_back(tracked.back().plan);
    }
    st.core = std::make_unique<trade_core>(setup.params, st.record.trade_id,
                                           legs);
    auto stored = trade_state_from_string(st.record.state)
                    .value_or(trade_state::legs_submitted);
    actions = st.core->resume(stored, tracked, now);
    for (const auto& r : orders)
      if (!is_terminal(r.state.status))
        spawn_order(self, setup, r, true);
  } else {
    const auto& opp = setup.opportunity;
    st.record.trade_id = setup.trade_id;
    st.record.opportunity_id = opp.id;
    if (!opp.entry_signals.empty()) {
      st.record.strategy_id = opp.entry_signals.front().strategy_id;
      st.record.base = opp.entry_signals.front().symbol.base;
      st.record.quote = opp.entry_signals.front().symbol.quote;
    }
    st.record.created_ns = wall_ns();
    st.core = std::make_unique<trade_core>(setup.params, setup.trade_id,
                                           entry_legs(opp, setup.verdict,
                                                      setup.params));
    actions = st.core->start(now);
  }
  st.name = "trade:" + st.record.trade_id;
  run(self, setup, std::move(actions));
  arm_timer(self, setup.tick_interval, atom::tick_v);
  return {
    [=](const order_report& rep) {
      auto& s = self->state;
      const auto& v = rep.record.state;
      s.records[rep.record.request.client_order_id] = rep.record;
      time_entry_legs(s);
      auto notional = decimal::mul(v.average_price, v.filled)
                        .value_or(decimal{});
      run(self, setup,
          s.core->on_order(rep.record.request.client_order_id, v.status,
                           v.filled, notional, v.fee, steady_ns(self)));
    },
    [=](atom::get) { return self->state.record; },
    [=](atom::tick) {
      auto& s = self->state;
      if (is_final(s.core->state())) // a stuck trade waits for its retry
        return;
      auto actions = s.core->on_timer(steady_ns(self));
      if (!actions.empty())
        run(self, setup, std::move(actions));
      arm_timer(self, setup.tick_interval, atom::tick_v);
    },
  };
}

} // namespace karb::execution
