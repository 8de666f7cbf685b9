#include "actors/common/clock.hpp"
#include "actors/risk/risk.hpp"

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"

namespace karb::risk {

namespace {

using self_ptr = hot_pointer<risk_actor, risk_state>;

constexpr const char* source = "risk";

/// Seed 002 §6.1 risk figures from the core: today's drawdown, and the
/// one-trade historical VaR once enough trades were recorded.
void export_metrics(const risk_core& core) {
  auto& reg = metrics::global();
  for (const auto& quote : core.quotes()) {
    reg
      .get_gauge("karb_risk_drawdown",
                 "today's drop of PnL from today's peak, in the quote",
                 {{"quote", quote}})
      .set(core.drawdown(quote).to_double());
    if (auto var = core.historical_var(quote, 0.95))
      reg
        .get_gauge("karb_risk_var",
                   "historical VaR of one trade's PnL, in the quote",
                   {{"confidence", "0.95"}, {"quote", quote}})
        .set(var->to_double());
  }
}

/// The verdict on `opp` (frees expired slots and raises breaches first).
risk_verdict check(self_ptr self, const arbitrage_opportunity& opp) {
  auto now = self->clock().now();
  for (const auto& id : self->state.core->expire_slots(now)) {
    nlohmann::json data{{"reason", "trade_slot_expired"}, {"opportunity", id}};
    log::error(source, "trade_slot_expired", data, id);
    publish_event(self, self->state.bus, event_type::risk_alert, source, data,
                  id);
  }
  auto d = self->state.core->check(opp, now, self->state.wall_clock());
  if (d.reason && is_limit_breach(*d.reason))
    publish_event(self, self->state.bus, event_type::risk_limit_breach,
                  source,
                  {{"reason", d.verdict.reason},
                   {"detail", d.verdict.detail},
                   {"opportunity", opp.id}},
                  opp.id);
  d.verdict.ts_checked_ns = steady_ns(self);
  return d.verdict;
}

} // namespace

risk_actor::behavior_type risk(hot_pointer<risk_actor, risk_state> self,
                               risk_setup setup) {
  auto& st = self->state;
  st.core.emplace(std::move(setup.params));
  st.bus = std::move(setup.bus);
  st.wall_clock = std::move(setup.wall_clock);
  return {
    [=](atom::check, const arbitrage_opportunity& opp) {
      return check(self, opp);
    },
    [=](atom::check, arbitrage_opportunity& opp, const execution_actor& exec,
        const attempt_listener_actor& from) {
      auto v = check(self, opp);
      if (v.approved) {
        opp.trail.risk = v.ts_checked_ns;
        self->send(exec, atom::execute_v, std::move(opp), v, from);
        return;
      }
      attempt_outcome out;
      out.opportunity_id = opp.id;
      out.stage = "risk";
      out.reason = v.reason;
      self->send(from, std::move(out));
    },
    [=](const trade_report& r) {
      auto now = self->clock().now();
      auto eff = self->state.core->on_trade_report(r, now,
                                                   self->state.wall_clock());
      auto& core = *self->state.core;
      export_metrics(core);
      if (eff.breaker_opened) {
        auto failures = core.breaker().consecutive_failures();
        nlohmann::json data{{"alert", "failure_pause"},
                            {"consecutive_failures", failures},
                            {"trade_id", r.trade_id}};
        log::error(source, "failure_pause", data, r.trade_id);
        publish_event(self, self->state.bus, event_type::risk_alert, source,
                      data, r.trade_id);
      }
      if (eff.loss_limit_reached)
        publish_event(self, self->state.bus, event_type::risk_limit_breach,
                      source,
                      {{"reason", "daily_loss_limit"},
                       {"detail", "daily pnl " + core.daily_pnl(r.quote).to_string()
                                    + " " + r.quote + " reached the loss limit"},
                       {"trade_id", r.trade_id}},
                      r.trade_id);
    },
    [=](const std::vector<balance>& xs) { self->state.core->on_balances(xs); },
    [=](atom::halt, const std::string& reason) {
      self->state.core->halt(reason);
      nlohmann::json data{{"reason", reason}};
      log::error(source, "emergency_stop", data);
      publish_event(self, self->state.bus, event_type::emergency_stop, source,
                    data);
    },
    [=](const position_book&) {},
    [=](const funding_payment&) {},
    [=](atom::emergency, const std::string&) -> caf::result<flatten_report> {
      return caf::make_error(caf::sec::runtime_error,
                             "not yet: emergency stop");
    },
    [=](atom::resume) {
      self->state.core->resume();
      log::warn(source, "resumed");
    },
    [=](atom::status) {
      auto now = self->clock().now();
      return self->state.core->status(now, self->state.wall_clock());
    },
    [=](atom::put, const config::risk_settings& limits) {
      self->state.core->set_limits(limits);
      log::info(source, "limits_updated");
    },
  };
}

risk_actor spawn_risk(caf::actor_system& sys, risk_setup setup,
                      hot_loop* hot) {
  return spawn_hot(sys, hot, risk, std::move(setup));
}

risk_params make_risk_params(const config::settings& cfg) {
  risk_params p;
  p.limits = cfg.risk;
  for (const auto& v : cfg.venues)
    p.taker_fees[v.venue] = v.fees.taker;
  return p;
}

} // namespace karb::risk
