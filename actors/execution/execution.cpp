#include "actors/common/clock.hpp"
#include "actors/execution/execution.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <set>

#include <caf/all.hpp>

#include "actors/execution/flatten.hpp"
#include "actors/execution/operator_commands.hpp"
#include "actors/execution/reconcile.hpp"
#include "actors/execution/shutdown.hpp"
#include "actors/log/logging.hpp"

namespace karb::execution {

trade_setup make_trade_setup(execution_pointer self,
                             const execution_setup& setup,
                             const std::string& quote) {
  trade_setup ts;
  ts.rest = setup.rest;
  ts.execution = self;
  ts.risk = setup.risk;
  ts.portfolio = setup.portfolio;
  ts.store = setup.store;
  ts.journal = setup.journal;
  ts.bus = setup.bus;
  ts.params = make_trade_params(setup, quote);
  ts.order.request_timeout =
    std::chrono::milliseconds(setup.settings.order_timeout_ms);
  ts.order.poll_interval = setup.poll_interval;
  ts.order.lookup_grace = setup.lookup_grace;
  ts.tick_interval = setup.tick_interval;
  return ts;
}

namespace {

/// Starts the trade of an approved opportunity; its id, or empty when
/// execution is shutting down (nothing started).
std::string begin_trade(execution_pointer self, const execution_setup& setup,
                        const arbitrage_opportunity& opp,
                        const risk_verdict& verdict,
                        attempt_listener_actor listener = {}) {
  auto& s = self->state;
  if (s.shutting_down)
    return {};
  auto ts = make_trade_setup(self, setup,
                       opp.entry_signals.empty()
                         ? std::string{}
                         : opp.entry_signals.front().symbol.quote);
  ts.trade_id = s.prefix + base36(s.next_id++);
  ts.opportunity = opp;
  ts.opportunity.trail.execution = steady_ns(self);
  ts.verdict = verdict;
  ts.listener = std::move(listener);
  auto id = ts.trade_id;
  start_trade(self, std::move(ts));
  return id;
}

} // namespace

void start_trade(execution_pointer self, trade_setup ts) {
  auto id = ts.resume ? ts.record.trade_id : ts.trade_id;
  auto hdl = self->spawn<caf::monitored>(trade_behavior, std::move(ts));
  self->state.trades[id] = hdl;
}

void recover(execution_pointer self, const execution_setup& setup,
             const recovery_set& set) {
  for (const auto& t : set.trades) {
    auto ts = make_trade_setup(self, setup, t.quote);
    ts.resume = true;
    ts.record = t;
    std::set<std::string> ids;
    for (const auto& o : set.orders)
      if (o.trade_id == t.trade_id) {
        ts.orders.push_back(o);
        ids.insert(o.request.client_order_id);
      }
    for (const auto& f : set.fills)
      if (ids.count(f.client_order_id))
        ts.fills.push_back(f);
    log::warn("execution", "recovering_trade",
              {{"state", t.state}, {"orders", ts.orders.size()}},
              t.trade_id);
    ++self->state.recovered;
    start_trade(self, std::move(ts));
  }
}

std::string base36(int64_t x) {
  static constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  if (x <= 0)
    return "0";
  std::string out;
  while (x > 0) {
    out.push_back(digits[x % 36]);
    x /= 36;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

trade_params make_trade_params(const execution_setup& setup,
                               const std::string& quote) {
  trade_params p;
  p.reprice_band = setup.settings.reprice_band;
  // Configuration gives every traded quote a cap; none would unwind at
  // once (0), never hold a naked leg without bound.
  auto cap = setup.settings.naked_notional_cap.find(quote);
  if (cap != setup.settings.naked_notional_cap.end())
    p.naked_notional_cap = cap->second;
  p.naked_time_cap_ns = setup.settings.naked_time_cap_s * 1'000'000'000;
  p.order_timeout_ns = setup.settings.order_timeout_ms * 1'000'000;
  p.flat_tolerance = setup.flat_tolerance;
  p.max_reprices = setup.max_reprices;
  p.max_unwinds = setup.max_unwinds;
  p.round_price = setup.round_price;
  p.round_size = setup.round_size;
  return p;
}

execution_actor::behavior_type execution(execution_pointer self,
                                         execution_setup setup) {
  auto& st = self->state;
  st.prefix = setup.id_prefix;
  if (st.prefix.empty()) {
    auto secs = wall_ns() / 1'000'000'000;
    st.prefix = base36(secs) + "x";
  }
  self->set_down_handler([=](const caf::down_msg& dm) {
    auto& s = self->state;
    for (auto i = s.orders.begin(); i != s.orders.end(); ++i)
      if (i->second.address() == dm.source) {
        s.orders.erase(i);
        return shutdown_progress(self);
      }
    for (auto i = s.trades.begin(); i != s.trades.end(); ++i)
      if (i->second.address() == dm.source) {
        s.trades.erase(i);
        return shutdown_progress(self);
      }
  });
  // The node's orderly stop cancels what is live first (a kill is not
  // trapped).
  self->set_exit_handler([=](const caf::exit_msg& m) {
    if (m.reason == caf::exit_reason::user_shutdown)
      begin_shutdown(self, setup);
    else
      self->quit(m.reason);
  });
  auto listener = caf::actor_cast<order_listener_actor>(self);
  for (const auto& [name, venue] : setup.venues)
    self->send(venue, atom::subscribe_v, listener);
  // What a previous run left open is resumed first; then every venue's
  // open and recent orders are compared with the store.
  // A stream's update meanwhile is decided after the recovery: the trades
  // it resumes are running by then.
  if (setup.recover && setup.store) {
    st.deciding = true;
    self->request(setup.store, caf::infinite, atom::load_v)
      .then(
        [=](const recovery_set& set) {
          recover(self, setup, set);
          decision_done(self, setup);
          reconcile_all(self, setup, "start");
        },
        [=](const caf::error& err) {
          log::error("execution", "recovery_failed",
                     {{"error", to_string(err)}});
          decision_done(self, setup);
          reconcile_all(self, setup, "start");
        });
  } else
    reconcile_all(self, setup, "start");
  if (setup.reconcile_interval.count() > 0)
    arm_timer(self, setup.reconcile_interval, atom::tick_v);
  return {
    [=](atom::execute, const arbitrage_opportunity& opp,
        const risk_verdict& verdict) -> caf::result<std::string> {
      auto id = begin_trade(self, setup, opp, verdict);
      if (id.empty()) // never started: the strategy frees its slot
        return caf::make_error(caf::sec::runtime_error,
                               "execution is shutting down");
      return id;
    },
    [=](atom::execute, const arbitrage_opportunity& opp,
        const risk_verdict& verdict, const attempt_listener_actor& from) {
      attempt_outcome out;
      out.opportunity_id = opp.id;
      out.stage = "execution";
      out.trade_id = begin_trade(self, setup, opp, verdict, from);
      out.started = !out.trade_id.empty();
      out.size = verdict.size;
      if (!out.started)
        out.reason = "execution is shutting down";
      // After the cycle: the strategy's bookkeeping is not on the way to
      // the venue, the new trade's orders are.
      send_after_cycle(self, from, std::move(out));
    },
    [=](const order_update& u) {
      auto& s = self->state;
      auto i = s.orders.find(u.state.client_order_id);
      if (i != s.orders.end())
        return self->send(i->second, u);
      // No actor runs it (terminal here, never known, or not ours): the
      // venue's word goes to reconciliation, never dropped.
      reconcile_listed(self, setup, to_string(u.state.symbol.venue), {u.state},
                       "stream");
    },
    [=](atom::reconnect, const std::string& venue) {
      reconcile_venue(self, setup, venue, "reconnect");
    },
    [=](atom::tick) {
      reconcile_all(self, setup, "timer");
      arm_timer(self, setup.reconcile_interval, atom::tick_v);
    },
    [=](atom::open_orders) -> caf::result<std::vector<order>> {
      auto& s = self->state;
      if (s.orders.empty())
        return std::vector<order>{};
      auto rp = self->make_response_promise<std::vector<order>>();
      struct gather {
        std::vector<order> out;
        size_t pending = 0;
      };
      auto g = std::make_shared<gather>();
      g->pending = s.orders.size();
      auto done = [g, rp]() mutable {
        if (--g->pending == 0)
          rp.deliver(std::move(g->out));
      };
      for (const auto& [cid, hdl] : s.orders)
        self->request(hdl, std::chrono::seconds(1), atom::get_v)
          .then(
            [g, done](const order& o) mutable {
              if (!is_terminal(o.status))
                g->out.push_back(o);
              done();
            },
            [done](const caf::error&) mutable { done(); });
      return rp;
    },
    [=](atom::status) { return report_live(self); },
    [=](atom::cancel, const std::string& cid) {
      return cancel_order(self, cid);
    },
    [=](atom::cancel) { return cancel_all(self); },
    [=](atom::subscribe, const std::string& cid, const order_actor& hdl) {
      self->monitor(hdl);
      self->state.orders[cid] = hdl;
      if (self->state.shutting_down && !self->state.draining
          && setup.cancel_on_shutdown)
        self->send(hdl, atom::cancel_v);
    },
    [=](atom::close, const close_request& r) { start_close(self, setup, r); },
    [=](atom::flatten, const std::string& reason) {
      return begin_flatten(self, setup, reason);
    },
    [=](atom::flatten, int64_t id) { flatten_check(self, setup, id); },
    [=](caf::timeout_atom) { shutdown_timer(self); },
  };
}

execution_actor spawn_execution(caf::actor_system& sys,
                                execution_setup setup, hot_loop* hot) {
  return spawn_hot(sys, hot, execution, std::move(setup));
}

} // namespace karb::execution
