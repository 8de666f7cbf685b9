#include "actors/app/wiring.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include <caf/all.hpp>

#include "actors/alerts/alerter.hpp"
#include "actors/alerts/webhook.hpp"
#include "actors/execution/execution.hpp"
#include "actors/funding/funding_service.hpp"
#include "actors/log/event_logger.hpp"
#include "actors/market_data/market_data.hpp"
#include "actors/portfolio/portfolio.hpp"
#include "actors/positions/position_manager.hpp"
#include "actors/risk/risk.hpp"
#include "actors/store/store.hpp"
#include "actors/strategy/hedge_strategy.hpp"
#include "actors/strategy/instance_name.hpp"
#include "actors/strategy/strategy.hpp"
#include "actors/venue/venue.hpp"
#include "exchanges/bithumb/rules.hpp"
#include "exchanges/registry.hpp"
#include "exchanges/upbit/rules.hpp"

namespace karb::app {

using std::chrono::milliseconds;
using std::chrono::seconds;
using node::restart_policy;

namespace {

// Shutdown order: strategies (10) -> execution (20) -> market data (50) ->
// funding and positions (55) -> venues (60) -> risk (70) -> portfolio (75)
// -> alerts (85) -> logging (90) -> store (95, last, so every final state
// is written).
constexpr int order_strategy = 10;
constexpr int order_execution = 20;
constexpr int order_market_data = 50;
constexpr int order_derivatives = 55;
constexpr int order_venue = 60;
constexpr int order_risk = 70;
constexpr int order_portfolio = 75;
constexpr int order_alerts = 85;
constexpr int order_log = 90;
constexpr int order_store = 95;

template <class Handle>
caf::actor untyped(const Handle& h) {
  return caf::actor_cast<caf::actor>(h);
}

void add_observability(std::vector<node::child_spec>& out,
                       const config::settings& cfg, const deps& d) {
  out.push_back({"event_logger", "log", {restart_policy::restart, order_log},
                 [bus = d.bus](caf::actor_system& sys) {
                   auto logger = sys.spawn(event_logger, bus);
                   // Subscribe now, so the node's next events reach it.
                   caf::anon_send(bus, atom::subscribe_v, logger);
                   return untyped(logger);
                 }});
  out.push_back(
    {"alerter", "alerts", {restart_policy::restart, order_alerts},
     [bus = d.bus, io = d.io, rules = cfg.alerts,
      name = cfg.node.name](caf::actor_system& sys) {
       alerts::alert_sink sink;
       if (!rules.webhook_url.empty() && io)
         sink = alerts::make_webhook_sink(*io, rules.webhook_url, name);
       auto a = sys.spawn(alerts::alerter,
                          alerts::alerter_setup{rules, {}, sink, seconds{1}});
       caf::anon_send(bus, atom::subscribe_v,
                      caf::actor_cast<event_sink_actor>(a));
       return untyped(a);
     }});
}

bool is_perpetual(const std::string& venue) {
  auto v = exchange_from_string(venue);
  return v && venue::entry_of(*v).contracts == contract_type::perpetual;
}

/// The running perpetual venues (read under the handles' lock).
std::map<std::string, venue_actor> perpetual_venues(const trading_handles& h) {
  std::map<std::string, venue_actor> out;
  for (const auto& [name, hdl] : h.venues)
    if (is_perpetual(name))
      out.emplace(name, hdl);
  return out;
}

/// The funding service and the position manager, when a perpetual venue is
/// configured. Not critical to trading: they restart.
void add_derivatives(std::vector<node::child_spec>& out,
                     const config::settings& cfg, const deps& d) {
  if (std::none_of(cfg.venues.begin(), cfg.venues.end(), [](const auto& v) {
        return v.enabled && is_perpetual(v.name);
      }))
    return;
  auto h = d.handles;
  auto bus = d.bus;
  out.push_back(
    {"funding", "funding", {restart_policy::restart, order_derivatives},
     [h, bus, every = seconds(cfg.node.funding_payments_s)](
       caf::actor_system& sys) {
       std::lock_guard<std::mutex> g{h->mtx};
       funding::funding_setup fs;
       fs.venues = perpetual_venues(*h);
       fs.payments_interval = every;
       fs.bus = bus;
       fs.portfolio = h->portfolio;
       fs.risk = h->risk;
       h->funding = funding::spawn_funding_service(sys, std::move(fs));
       return untyped(h->funding);
     }});
  out.push_back(
    {"positions", "positions", {restart_policy::restart, order_derivatives},
     [h, bus](caf::actor_system& sys) {
       std::lock_guard<std::mutex> g{h->mtx};
       positions::position_setup ps;
       ps.venues = perpetual_venues(*h);
       ps.portfolio = h->portfolio;
       ps.risk = h->risk;
       ps.bus = bus;
       h->positions = positions::spawn_position_manager(sys, std::move(ps));
       return untyped(h->positions);
     }});
}

/// The intent journal sits beside the database.
std::string journal_path(const config::settings& cfg) {
  return cfg.node.store + ".intents";
}

/// Opened after the store merged the previous run's journal.
std::shared_ptr<store::intent_journal>
open_journal(const config::settings& cfg) {
  std::string error;
  auto j = store::intent_journal::open(journal_path(cfg),
                                       cfg.node.store_sync != "normal", error);
  if (!j)
    throw std::runtime_error(error);
  return j;
}

void add_trading(std::vector<node::child_spec>& out,
                 const config::settings& cfg, const deps& d) {
  auto h = d.handles;
  auto bus = d.bus;
  out.push_back({"store", "store", {restart_policy::escalate, order_store},
                 [h, bus, cfg](caf::actor_system& sys) {
                   store::store_setup ss;
                   ss.path = cfg.node.store;
                   ss.sync = cfg.node.store_sync == "normal"
                               ? store::durability::normal
                               : store::durability::full;
                   ss.bus = bus;
                   ss.journal = journal_path(cfg);
                   ss.audit_file = cfg.node.audit_file;
                   ss.audit_file_rotation = {
                     cfg.node.audit_rotation.max_size_mb * 1024 * 1024,
                     cfg.node.audit_rotation.max_files};
                   ss.keep = std::chrono::hours{cfg.node.store_keep_hours};
                   ss.halt = halt_trading(h);
                   auto s = store::spawn_store(sys, std::move(ss));
                   auto j = open_journal(cfg);
                   std::lock_guard<std::mutex> g{h->mtx};
                   h->store = s;
                   h->journal = std::move(j);
                   return untyped(s);
                 }});
  out.push_back({"risk", "risk", {restart_policy::escalate, order_risk},
                 [h, bus, cfg, hot = d.hot](caf::actor_system& sys) {
                   risk::risk_setup rs{risk::make_risk_params(cfg), bus};
                   // Execution starts after risk: found when needed.
                   rs.execution = [h] {
                     std::lock_guard<std::mutex> g{h->mtx};
                     return h->execution;
                   };
                   auto r = risk::spawn_risk(sys, std::move(rs), hot);
                   std::lock_guard<std::mutex> g{h->mtx};
                   h->risk = r;
                   if (!h->halt_reason.empty())
                     caf::anon_send(r, atom::halt_v, h->halt_reason);
                   return untyped(r);
                 }});
  for (auto& v : cfg.venues) {
    if (!v.enabled)
      continue;
    out.push_back(
      {"venue:" + v.name, "venue", {restart_policy::escalate, order_venue},
       [h, bus, d, v, link = venue::rest_link{},
        deadline_ms = cfg.execution.place_queue_deadline_ms](
         caf::actor_system& sys) {
         venue::venue_deps vd;
         vd.bus = bus;
         if (d.hot_io) {
           vd.runner = vd.rest_runner = d.hot_io.get();
           vd.hot = d.hot;
         } else {
           vd.runner = d.io.get();
           vd.rest_runner = d.rest_io ? d.rest_io.get() : d.io.get();
         }
         vd.rest = link;
         vd.specs = h->specs;
         if (d.venue_io)
           vd.io = d.venue_io(v);
         vd.place_queue_deadline = milliseconds{deadline_ms};
         auto hdl = venue::spawn_venue(sys, v, vd);
         link.bind(hdl);
         std::lock_guard<std::mutex> g{h->mtx};
         h->venues[v.name] = hdl;
         h->rest[v.name] = link;
         return untyped(hdl);
       }});
  }
  out.push_back(
    {"portfolio", "portfolio", {restart_policy::escalate, order_portfolio},
     [h](caf::actor_system& sys) {
       std::lock_guard<std::mutex> g{h->mtx};
       portfolio::portfolio_setup ps;
       ps.rest = h->rest;
       ps.risk = h->risk;
       ps.store = h->store;
       ps.refresh_after_trade = true; // the report's balance history
       h->portfolio = portfolio::spawn_portfolio(sys, ps);
       return untyped(h->portfolio);
     }});
  add_derivatives(out, cfg, d);
  out.push_back(
    {"market_data", "market_data",
     {restart_policy::escalate, order_market_data},
     [h, bus, hot = d.hot](caf::actor_system& sys) {
       std::lock_guard<std::mutex> g{h->mtx};
       market_data_setup ms;
       ms.venues = h->venues;
       ms.specs = h->specs;
       ms.bus = bus;
       ms.depth = 30; // strategies walk the depth
       ms.hot = hot;
       h->market_data = spawn_market_data(sys, ms);
       return untyped(h->market_data);
     }});
  out.push_back(
    {"execution", "execution", {restart_policy::escalate, order_execution},
     [h, bus, cfg, hot = d.hot](caf::actor_system& sys) {
       std::lock_guard<std::mutex> g{h->mtx};
       execution::execution_setup es;
       es.rest = h->rest;
       es.venues = h->venues;
       es.risk = h->risk;
       es.portfolio = h->portfolio;
       es.store = h->store;
       es.journal = h->journal;
       es.bus = bus;
       es.settings = cfg.execution;
       es.lookup_grace = std::chrono::milliseconds(cfg.execution.lookup_window_ms);
       es.reconcile_interval =
         std::chrono::seconds(cfg.execution.reconcile_interval_s);
       es.cancel_on_shutdown = cfg.execution.cancel_on_shutdown;
       // The node kills what still runs at its deadline: leave it 2 s.
       es.shutdown_wait = std::chrono::seconds(
         std::max<int64_t>(1, cfg.supervision.shutdown_timeout_s - 2));
       for (const auto& st : cfg.strategies)
         for (const auto& venue : st.venues)
           for (const auto& base : st.symbols) {
             auto& xs = es.instruments[venue];
             auto x = strategy_instrument(st, *exchange_from_string(venue),
                                          base);
             if (std::find(xs.begin(), xs.end(), x) == xs.end())
               xs.push_back(x);
           }
       // Re-priced and unwind orders must sit on the venue's tick: the
       // Korean venues' price tables, else the tick of the exchange info.
       es.round_price = [specs = h->specs](const instrument& x, decimal price,
                                           side sd) {
         switch (x.venue) {
           case exchange::upbit:
             return upbit::round_to_tick(price, sd);
           case exchange::bithumb:
             return bithumb::round_to_tick(price, sd);
           default:
             if (auto s = specs->get(x); s && s->tick.is_positive())
               return decimal::round_to(price, s->tick,
                                        sd == side::buy ? rounding::floor
                                                        : rounding::ceil);
             return price;
         }
       };
       es.round_size = [specs = h->specs](const instrument& x,
                                          decimal size) {
         if (auto s = specs->get(x); s && s->lot.is_positive())
           return decimal::round_to(size, s->lot, rounding::floor);
         return size;
       };
       h->execution = execution::spawn_execution(sys, es, hot);
       return untyped(h->execution);
     }});
  for (auto& st : cfg.strategies)
    for (auto& spec : strategy_children(cfg, st, d))
      out.push_back(std::move(spec));
}

} // namespace

std::function<void(const std::string&)>
halt_trading(std::shared_ptr<trading_handles> h) {
  return [h](const std::string& reason) {
    std::lock_guard<std::mutex> g{h->mtx};
    if (h->risk)
      caf::anon_send(h->risk, atom::halt_v, reason);
    else
      h->halt_reason = reason;
  };
}

instrument strategy_instrument(const config::strategy_settings& st,
                               exchange venue, const std::string& base) {
  return venue::instrument_on(venue, base, st.quote);
}

std::vector<node::child_spec>
strategy_children(const config::settings& cfg,
                  const config::strategy_settings& st, const deps& d) {
  std::vector<node::child_spec> out;
  if (!st.enabled)
    return out;
  auto h = d.handles;
  auto bus = d.bus;
  for (auto& base : st.symbols) {
    auto id = st.id + ":" + base;
    node::child_spec spec{
      strategy::instance_name(id), "strategy",
      {restart_policy::restart, order_strategy},
      [h, bus, cfg, st, base, id, hot = d.hot](caf::actor_system& sys) {
        std::lock_guard<std::mutex> g{h->mtx};
        strategy::strategy_setup ss;
        ss.settings = st;
        ss.settings.symbols = {base};
        auto leg = [&](const std::string& name) {
          auto venue = *exchange_from_string(name);
          return strategy::strategy_leg{venue,
                                        strategy_instrument(st, venue, base), {},
                                        strategy::taker_fee_of(cfg, name)};
        };
        ss.specs = h->specs;
        for (const auto& venue : st.venues)
          ss.legs.push_back(leg(venue));
        ss.risk = h->risk;
        ss.execution = h->execution;
        ss.market_data = h->market_data;
        ss.bus = bus;
        if (config::is_derivatives_type(st.type)) {
          strategy::hedge_setup hs;
          hs.settings = ss.settings;
          hs.params = strategy::hedge_params_of(ss.settings, cfg.risk);
          hs.legs = ss.legs;
          hs.risk = ss.risk;
          hs.execution = ss.execution;
          hs.specs = ss.specs;
          hs.market_data = ss.market_data;
          hs.funding = h->funding;
          hs.bus = bus;
          auto s = strategy::spawn_hedge_strategy(sys, hs, hot);
          h->strategies[id] = s;
          return untyped(s);
        }
        auto s = strategy::spawn_strategy(sys, ss, hot);
        h->strategies[id] = s;
        return untyped(s);
      }};
    // A reload drains it: no new attempt, quit once nothing is due.
    spec.stop = [](const caf::actor& a) {
      caf::anon_send(caf::actor_cast<strategy_actor>(a), atom::drain_v);
    };
    out.push_back(std::move(spec));
  }
  return out;
}

node::supervision_params
supervision_from(const config::supervision_settings& s) {
  node::supervision_params p;
  p.backoff.base = milliseconds{s.restart_base_ms};
  p.backoff.cap = milliseconds{s.restart_cap_ms};
  p.backoff.jitter = s.restart_jitter;
  p.breaker_failures = static_cast<int>(s.breaker_failures);
  p.breaker_cool_down = seconds{s.breaker_cool_down_s};
  p.stable_after = seconds{s.stable_after_s};
  return p;
}

std::vector<node::child_spec> build_children(const config::settings& cfg,
                                             const deps& d) {
  std::vector<node::child_spec> out;
  add_observability(out, cfg, d);
  if (d.trading)
    add_trading(out, cfg, d);
  return out;
}

node::node_setup build_node(const config::settings& cfg, const deps& d) {
  node::node_setup s;
  s.name = cfg.node.name;
  s.params = supervision_from(cfg.supervision);
  s.children = build_children(cfg, d);
  s.bus = d.bus;
  s.status_interval = seconds{cfg.node.status_interval_s};
  s.shutdown_timeout = seconds{cfg.supervision.shutdown_timeout_s};
  s.on_escalate = [h = d.handles](const std::string& child) {
    std::lock_guard<std::mutex> g{h->mtx};
    h->halt_reason = "critical component failed: " + child;
    if (h->risk)
      caf::anon_send(h->risk, atom::halt_v, h->halt_reason);
  };
  return s;
}

} // namespace karb::app
