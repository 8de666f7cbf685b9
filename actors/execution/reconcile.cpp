#include "actors/execution/reconcile.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/common/clock.hpp"
#include "actors/execution/order_core.hpp"
#include "actors/execution/reconcile_core.hpp"
#include "actors/execution/trade_fsm.hpp"
#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"

namespace karb::execution {

namespace {

using json = nlohmann::json;

constexpr auto list_timeout = std::chrono::seconds(10);

/// The venue's fills beyond the node's count, stamped now.
std::optional<fill> catch_up_fill(const reconcile_action& a) {
  auto f = a.catch_up;
  if (f)
    f->ts_event_ns = wall_ns();
  return f;
}

/// Reconciliation's findings by action, for /metrics.
void count(const std::string& what) {
  metrics::global()
    .get_counter("karb_orders_reconciled_total",
                 "venue orders reconciliation acted on, by action "
                 "(route, report, adopt, ghost, foreign)",
                 {{"action", what}})
    .add();
}

/// Store, portfolio, bus and audit learn of an adopted order.
void record_adoption(execution_pointer self, const execution_setup& setup,
                     const reconcile_action& a, const std::optional<fill>& f,
                     const std::string& why) {
  const auto& rec = a.record;
  const auto& cid = rec.request.client_order_id;
  if (setup.store) {
    self->send(setup.store, rec);
    if (f)
      self->send(setup.store, *f);
  }
  if (f && setup.portfolio)
    self->send(setup.portfolio, *f);
  json detail{{"client_order_id", cid},
              {"venue", rec.venue},
              {"action", to_string(a.kind)},
              {"was", a.was},
              {"status", to_string(rec.state.status)},
              {"filled", rec.state.filled.to_string()},
              {"why", why}};
  if (setup.store)
    self->send(setup.store, audit_row{wall_ns(), rec.trade_id, cid,
                                      "order_reconciled", detail.dump()});
  publish_event(self, setup.bus, order_event_type(rec.state.status),
                "execution", detail, rec.trade_id);
  auto alert = detail;
  alert["reason"] = "order_reconciled";
  publish_event(self, setup.bus, event_type::risk_alert, "execution", alert,
                rec.trade_id);
  log::error("execution", "order_reconciled",
             {{"client_order_id", cid},
              {"venue", rec.venue},
              {"action", to_string(a.kind)},
              {"was", a.was},
              {"status", to_string(rec.state.status)},
              {"filled", rec.state.filled.to_string()},
              {"why", why}},
             rec.trade_id);
}

/// Resumes the trade of an adopted order so that it re-evaluates its
/// exposure from the store's rows (which now hold the venue's view); then
/// `done`, answered or not.
void resume_trade(execution_pointer self, const execution_setup& setup,
                  const order_record& rec, std::function<void()> done) {
  auto trade_id = rec.trade_id;
  self->request(setup.store, list_timeout, atom::load_v, trade_id)
    .then(
      [=](recovery_set set) {
        if (!self->state.trades.count(trade_id) && !set.trades.empty()
            && !self->state.shutting_down) { // else running, or stopping
          auto& t = set.trades.front();
          auto state = trade_state_from_string(t.state);
          bool no_row = t.base.empty(); // a ghost's trade
          if (no_row) {
            t.base = rec.request.symbol.base;
            t.quote = rec.request.symbol.quote;
            t.strategy_id = "reconciled";
            t.created_ns = wall_ns();
          }
          // A finished trade, or one the node never ran, is exposed until
          // it proves flat: it unwinds, it does not re-price.
          if (no_row || !state || is_final(*state))
            t.state = to_string(trade_state::exposed);
          t.outcome.clear();
          t.updated_ns = wall_ns();
          self->send(setup.store, t);
          recover(self, setup, set);
        }
        done();
      },
      [=](const caf::error& err) {
        log::error("execution", "reconcile_resume_failed",
                   {{"error", to_string(err)}}, trade_id);
        done();
      });
}

/// Carries out one action; a trade to resume goes into `resume` (by id).
void act(execution_pointer self, const execution_setup& setup,
         const reconcile_action& a, const std::string& why,
         std::map<std::string, order_record>& resume) {
  auto& st = self->state;
  const auto& cid = a.view.client_order_id;
  switch (a.kind) {
    case reconcile_kind::foreign:
      if (!st.foreign_seen.insert(cid.empty() ? a.view.id : cid).second)
        return;
      count("foreign");
      log::warn("execution", "foreign_order",
                {{"venue", to_string(a.view.symbol.venue)},
                 {"client_order_id", cid},
                 {"venue_order_id", a.view.id},
                 {"status", to_string(a.view.status)},
                 {"why", why}});
      return;
    case reconcile_kind::route: {
      auto i = st.orders.find(cid);
      if (i != st.orders.end())
        self->send(i->second, order_update{a.view, {}, "reconcile",
                                           steady_ns(self)});
      count("route");
      return;
    }
    case reconcile_kind::report: {
      auto f = catch_up_fill(a);
      count("report");
      record_adoption(self, setup, a, f, why);
      auto t = st.trades.find(a.record.trade_id);
      if (t == st.trades.end()) {
        resume.emplace(a.record.trade_id, a.record);
        return;
      }
      std::vector<fill> fills;
      if (f)
        fills.push_back(*f);
      auto from = order_status_from_string(a.was).value_or(
        order_status::failed);
      self->send(t->second, order_report{a.record, from, std::move(fills)});
      return;
    }
    case reconcile_kind::adopt:
    case reconcile_kind::ghost: {
      auto f = catch_up_fill(a);
      count(to_string(a.kind));
      record_adoption(self, setup, a, f, why);
      resume.emplace(a.record.trade_id, a.record);
      return;
    }
  }
}

/// Acts on what the core decides for `batch` against the node's state and
/// the store's rows; the trades to resume, by id.
std::map<std::string, order_record>
decide(execution_pointer self, const execution_setup& setup,
       const listed_orders& batch, const recovery_set& rows) {
  auto& st = self->state;
  node_orders node;
  for (const auto& r : rows.orders)
    node.stored[r.request.client_order_id] = r;
  for (const auto& f : rows.fills)
    node.booked[f.client_order_id].push_back(f);
  for (const auto& [cid, hdl] : st.orders)
    node.live_orders.insert(cid);
  for (const auto& [id, hdl] : st.trades)
    node.live_trades.insert(id);
  std::map<std::string, order_record> resume;
  for (const auto& a :
       reconcile(batch.venue, batch.orders, node, setup.client_prefix))
    act(self, setup, a, batch.why, resume);
  return resume;
}

/// The client ids among `listed` that carry this node's prefix.
std::vector<std::string> ours(const execution_setup& setup,
                              const std::vector<order>& listed) {
  std::vector<std::string> out;
  for (const auto& o : listed)
    if (parse_client_order_id(o.client_order_id, setup.client_prefix))
      out.push_back(o.client_order_id);
  return out;
}

/// Takes the next list waiting, if none is being decided: asks the store
/// for its rows, acts, resumes the trades, then goes on.
void next_decision(execution_pointer self, const execution_setup& setup) {
  auto& st = self->state;
  if (st.deciding || st.to_decide.empty())
    return;
  st.deciding = true;
  auto batch = std::move(st.to_decide.front());
  st.to_decide.pop_front();
  auto ids = ours(setup, batch.orders);
  if (ids.empty() || !setup.store) {
    // Nothing of ours to read, or no store to read it from (nor to resume
    // a trade from): decided on what the node runs alone.
    decide(self, setup, batch, {});
    return decision_done(self, setup);
  }
  self->request(setup.store, list_timeout, atom::get_v, std::move(ids))
    .then(
      [=](const recovery_set& rows) {
        auto resume = decide(self, setup, batch, rows);
        if (resume.empty())
          return decision_done(self, setup);
        auto left = std::make_shared<size_t>(resume.size());
        for (const auto& [id, rec] : resume)
          resume_trade(self, setup, rec, [=] {
            if (--*left == 0)
              decision_done(self, setup);
          });
      },
      [=](const caf::error& err) {
        log::error("execution", "reconcile_failed",
                   {{"venue", batch.venue}, {"error", to_string(err)}});
        decision_done(self, setup);
      });
}

} // namespace

void decision_done(execution_pointer self, const execution_setup& setup) {
  self->state.deciding = false;
  next_decision(self, setup);
}

void reconcile_listed(execution_pointer self, const execution_setup& setup,
                      const std::string& venue, std::vector<order> listed,
                      const std::string& why) {
  self->state.to_decide.push_back({venue, std::move(listed), why});
  next_decision(self, setup);
}

void reconcile_venue(execution_pointer self, const execution_setup& setup,
                     const std::string& venue, const std::string& why) {
  auto rest = setup.rest.find(venue);
  auto inst = setup.instruments.find(venue);
  if (rest == setup.rest.end() || inst == setup.instruments.end()
      || inst->second.empty())
    return;
  if (!self->state.reconciling.insert(venue).second) {
    // One listing at a time per venue; the first reason asked for
    // meanwhile runs next.
    self->state.reconcile_again.emplace(venue, why);
    return;
  }
  struct gather {
    std::vector<order> listed;
    size_t pending = 0;
    std::string error;
  };
  auto g = std::make_shared<gather>();
  g->pending = inst->second.size() * 2;
  auto done = [=]() {
    if (--g->pending > 0)
      return;
    auto& st = self->state;
    st.reconciling.erase(venue);
    if (!g->error.empty())
      // What was listed is still acted on (only a listed order leads to
      // an action); the rest waits for the next run.
      log::warn("execution", "reconcile_incomplete",
                {{"venue", venue}, {"error", g->error}, {"why", why}});
    log::info("execution", "reconcile_run",
              {{"venue", venue}, {"listed", g->listed.size()}, {"why", why}});
    reconcile_listed(self, setup, venue, std::move(g->listed), why);
    if (auto i = st.reconcile_again.find(venue);
        i != st.reconcile_again.end()) {
      auto next = i->second;
      st.reconcile_again.erase(i);
      reconcile_venue(self, setup, venue, next);
    }
  };
  auto take = [=](std::vector<order> xs) {
    for (auto& o : xs)
      g->listed.push_back(std::move(o));
    done();
  };
  auto fail = [=](const caf::error& err) {
    g->error = to_string(err);
    done();
  };
  auto fail_all = [=](const caf::error& err) {
    for (auto n = g->pending; n > 0; --n)
      fail(err);
  };
  venue::with_rest(
    self, rest->second,
    [=, xs = inst->second](const venue_rest_actor& r) {
      for (const auto& x : xs) {
        self->request(r, list_timeout, atom::open_orders_v, x).then(take, fail);
        self->request(r, list_timeout, atom::recent_v, x).then(take, fail);
      }
    },
    fail_all);
}

void reconcile_all(execution_pointer self, const execution_setup& setup,
                   const std::string& why) {
  for (const auto& [venue, xs] : setup.instruments)
    reconcile_venue(self, setup, venue, why);
}

} // namespace karb::execution
