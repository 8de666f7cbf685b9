#include "actors/funding/funding_service.hpp"

#include <algorithm>

#include <caf/all.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/funding/payment_json.hpp"
#include "actors/log/logging.hpp"

namespace karb::funding {

namespace {

constexpr const char* component = "funding";

nlohmann::json rate_event(const funding_rate& f, const std::string& base) {
  nlohmann::json out{{"venue", to_string(f.venue)},
                     {"symbol", f.symbol},
                     {"asset", base},
                     {"rate", f.rate.to_string()},
                     {"next_funding_ns", f.next_funding_ns},
                     {"interval_s", f.funding_interval_s}};
  if (f.has_predicted)
    out["predicted_rate"] = f.predicted_rate.to_string();
  return out;
}

/// Logs a venue's failure once until it changes (a venue without payment
/// history answers the same error every minute).
void note_error(funding_pointer self, const std::string& venue,
                const char* what, const caf::error& err) {
  auto text = to_string(err);
  if (self->state.failures.news(venue + " " + what, text))
    log::warn(component, std::string{what} + "_failed",
              {{"venue", venue}, {"error", text}});
}

void clear_error(funding_pointer self, const std::string& venue,
                 const char* what) {
  self->state.failures.clear(venue + " " + what);
}

void export_rate(const funding_setup& setup, const funding_rate& f) {
  metrics::labels ls{{"venue", to_string(f.venue)}, {"symbol", f.symbol}};
  setup.metrics
    ->get_gauge("karb_funding_rate",
                "perpetual funding rate of the current period", ls)
    .set(f.rate.to_double());
  if (f.has_predicted)
    setup.metrics
      ->get_gauge("karb_funding_rate_predicted",
                  "predicted next funding rate (the venue's, else from the "
                  "premium index)",
                  ls)
      .set(f.predicted_rate.to_double());
}

void export_spread(funding_pointer self, const funding_setup& setup) {
  for (const auto& [asset, x] : self->state.core.spread())
    setup.metrics
      ->get_gauge("karb_funding_rate_spread",
                  "highest minus lowest funding rate across venues, per asset",
                  {{"asset", asset}})
      .set(x.to_double());
}

void take_rates(funding_pointer self, const funding_setup& setup,
                exchange venue, const std::vector<funding_rate>& fs,
                const std::vector<mark_price>& ms) {
  auto& core = self->state.core;
  auto changed = core.take_rates(venue, fs, ms);
  if (changed.empty())
    return;
  for (const auto& f : changed) {
    export_rate(setup, f);
    publish_event(self, setup.bus, event_type::funding_rate_update, component,
                  rate_event(f, core.base(venue, f.symbol)));
  }
  export_spread(self, setup);
  for (const auto& l : self->state.listeners)
    self->send(l, changed);
}

void take_payments(funding_pointer self, const funding_setup& setup,
                   exchange venue, const std::vector<funding_payment>& ps) {
  auto fresh = self->state.core.take_payments(venue, ps);
  for (const auto& p : fresh) {
    log::info(component, "funding_settled", payment_json(p));
    publish_event(self, setup.bus, event_type::funding_settlement, component,
                  payment_json(p), p.id);
    if (setup.portfolio)
      self->send(setup.portfolio, p);
    if (setup.risk)
      self->send(setup.risk, p);
    for (const auto& l : self->state.listeners)
      self->send(l, p);
  }
  if (fresh.empty())
    return;
  for (const auto& [currency, x] : self->state.core.funding_pnl())
    setup.metrics
      ->get_gauge("karb_funding_pnl",
                  "funding booked by the venues since start, per currency",
                  {{"currency", currency}})
      .set(x.to_double());
}

void poll_rates(funding_pointer self, const funding_setup& setup) {
  for (const auto& [name, hdl] : setup.venues) {
    auto venue = exchange_from_string(name).value_or(exchange::custom);
    self->request(hdl, setup.request_timeout, atom::funding_v)
      .then(
        [=](const std::vector<funding_rate>& fs,
            const std::vector<mark_price>& ms) {
          clear_error(self, name, "funding");
          take_rates(self, setup, venue, fs, ms);
        },
        [=](const caf::error& err) { note_error(self, name, "funding", err); });
  }
}

void poll_payments(funding_pointer self, const funding_setup& setup) {
  auto& st = self->state;
  for (const auto& [name, hdl] : setup.venues) {
    auto venue = exchange_from_string(name).value_or(exchange::custom);
    auto since = st.core.payments_since(venue, st.start_ns);
    self->request(hdl, setup.request_timeout, atom::settle_v, since)
      .then(
        [=](const std::vector<funding_payment>& ps) {
          clear_error(self, name, "settle");
          take_payments(self, setup, venue, ps);
        },
        [=](const caf::error& err) { note_error(self, name, "settle", err); });
  }
}

} // namespace

funding_service_actor::behavior_type funding_service(funding_pointer self,
                                                     funding_setup setup) {
  auto& st = self->state;
  st.core = funding_core{setup.history_limit, setup.recent_limit};
  st.start_ns = setup.wall_clock();
  self->set_down_handler([=](const caf::down_msg& dm) {
    std::erase_if(self->state.listeners, [&](const auto& l) {
      return l.address() == dm.source;
    });
  });
  poll_rates(self, setup);
  poll_payments(self, setup);
  self->delayed_send(self, setup.rates_interval, atom::tick_v, false);
  self->delayed_send(self, setup.payments_interval, atom::tick_v, true);
  return {
    [=](atom::subscribe, const funding_listener_actor& l) {
      auto& ls = self->state.listeners;
      if (!l || std::find(ls.begin(), ls.end(), l) != ls.end())
        return;
      self->monitor(l);
      ls.push_back(l);
      if (auto current = self->state.core.rates(); !current.empty())
        self->send(l, std::move(current));
    },
    [=](atom::funding) {
      return self->state.core.board(setup.wall_clock());
    },
    [=](atom::recent, const std::string& venue, const std::string& symbol) {
      auto v = exchange_from_string(venue).value_or(exchange::custom);
      return self->state.core.history(v, symbol);
    },
    [=](atom::tick, bool payments) {
      if (payments) {
        poll_payments(self, setup);
        self->delayed_send(self, setup.payments_interval, atom::tick_v, true);
      } else {
        poll_rates(self, setup);
        self->delayed_send(self, setup.rates_interval, atom::tick_v, false);
      }
    },
  };
}

funding_service_actor spawn_funding_service(caf::actor_system& sys,
                                            funding_setup setup) {
  return sys.spawn(funding_service, std::move(setup));
}

} // namespace karb::funding
