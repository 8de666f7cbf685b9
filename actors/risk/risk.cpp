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

/// Seed 002 §6.1 risk figures from the core, per quote: today's
/// drawdown, the one-trade historical VaR once enough trades were
/// recorded, equity, leverage and the parametric VaR of the open
/// positions; and the nearest distance to a liquidation price.
void export_metrics(const risk_core& core) {
  auto& reg = metrics::global();
  for (const auto& quote : core.quotes()) {
    auto u = core.usage(quote);
    metrics::labels by_quote{{"quote", quote}};
    reg
      .get_gauge("karb_risk_drawdown",
                 "today's drop of PnL from today's peak, in the quote",
                 by_quote)
      .set(u.drawdown.to_double());
    if (u.has_var_historical)
      reg
        .get_gauge("karb_risk_var",
                   "historical VaR of one trade's PnL, in the quote",
                   {{"confidence", "0.95"}, {"quote", quote}})
        .set(u.var_historical.to_double());
    reg
      .get_gauge("karb_risk_equity",
                 "capital plus unrealised PnL, in the quote", by_quote)
      .set(u.equity.to_double());
    reg
      .get_gauge("karb_risk_leverage",
                 "open perpetual notional over equity", by_quote)
      .set(u.leverage);
    reg
      .get_gauge("karb_risk_var_parametric",
                 "95 % parametric VaR of the open perpetual positions, in "
                 "the quote",
                 by_quote)
      .set(u.var_parametric.to_double());
  }
  auto nearest = liquidation_guard::distances(core.portfolio().book());
  if (!nearest.empty())
    reg
      .get_gauge("karb_liquidation_distance_min",
                 "the smallest |mark - liquidation| / mark of the open "
                 "positions")
      .set(nearest.front().distance);
}

/// Announces a halt the core is in: the operator's, the equity
/// drawdown's or the emergency stop's.
void announce_halt(self_ptr self, const std::string& reason) {
  nlohmann::json data{{"reason", reason}};
  log::error(source, "emergency_stop", data);
  publish_event(self, self->state.bus, event_type::emergency_stop, source,
                data);
}

/// After balances, a report or a payment: equity against its peak.
void watch_equity(self_ptr self) {
  if (auto reason = self->state.core->watch_equity())
    announce_halt(self, *reason);
}

void loss_limit_breach(self_ptr self, const std::string& quote,
                       const std::string& id) {
  publish_event(self, self->state.bus, event_type::risk_limit_breach, source,
                {{"reason", "daily_loss_limit"},
                 {"detail", "daily pnl "
                              + self->state.core->daily_pnl(quote).to_string()
                              + " " + quote + " reached the loss limit"},
                 {"trade_id", id}},
                id);
}

execution_actor execution_of(self_ptr self) {
  return self->state.execution ? self->state.execution() : execution_actor{};
}

/// Sends one of the liquidation guard's close requests to execution.
void send_close(self_ptr self, const close_request& req) {
  auto exec = execution_of(self);
  nlohmann::json data{{"alert", req.reason},
                      {"venue", to_string(req.symbol.venue)},
                      {"symbol", req.symbol.venue_symbol},
                      {"side", to_string(req.order_side)},
                      {"amount", req.amount.to_string()},
                      {"sent", static_cast<bool>(exec)}};
  log::warn(source, req.reason, data);
  publish_event(self, self->state.bus, event_type::risk_alert, source, data);
  if (exec)
    self->send(exec, atom::close_v, req);
}

/// The emergency stop: halt, then execution flattens; replies its report.
caf::result<flatten_report> emergency(self_ptr self,
                                      const std::string& reason) {
  self->state.core->halt(reason);
  announce_halt(self, reason);
  auto exec = execution_of(self);
  if (!exec)
    return caf::make_error(caf::sec::runtime_error,
                           "halted, but there is no execution to flatten");
  auto rp = self->make_response_promise<flatten_report>();
  self->request(exec, self->state.flatten_timeout, atom::flatten_v, reason)
    .then(
      [rp](flatten_report& r) mutable {
        log::warn(source, "flattened",
                  {{"reason", r.reason},
                   {"orders_cancelled", r.orders_cancelled},
                   {"positions_closed", r.positions_closed},
                   {"remaining", r.remaining}});
        rp.deliver(std::move(r));
      },
      [self, rp](caf::error& e) mutable {
        auto why = self->system().render(e);
        log::error(source, "flatten_failed", {{"error", why}});
        rp.deliver(caf::make_error(caf::sec::runtime_error,
                                   "halted, but execution did not flatten: "
                                     + why));
      });
  return rp;
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
  st.execution = std::move(setup.execution);
  st.flatten_timeout = setup.flatten_timeout;
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
        loss_limit_breach(self, r.quote, r.trade_id);
      watch_equity(self);
    },
    [=](const std::vector<balance>& xs) {
      self->state.core->on_balances(xs);
      watch_equity(self);
    },
    [=](atom::halt, const std::string& reason) {
      self->state.core->halt(reason);
      announce_halt(self, reason);
    },
    [=](const position_book& book) {
      auto& core = *self->state.core;
      auto eff = core.on_position_book(book, self->clock().now());
      if (eff.halted)
        announce_halt(self, *eff.halted);
      for (const auto& req : eff.closes)
        send_close(self, req);
      export_metrics(core);
    },
    [=](const funding_payment& p) {
      auto& core = *self->state.core;
      if (core.on_funding(p, self->state.wall_clock()))
        loss_limit_breach(self, p.currency, p.id);
      watch_equity(self);
      export_metrics(core);
    },
    [=](atom::emergency, const std::string& reason) {
      return emergency(self, reason);
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
  for (const auto& v : cfg.venues) {
    p.taker_fees[v.venue] = v.fees.taker;
    p.leverage[v.venue] = decimal::from_int(v.leverage);
  }
  return p;
}

} // namespace karb::risk
