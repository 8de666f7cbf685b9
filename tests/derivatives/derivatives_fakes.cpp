#include "tests/derivatives/derivatives_fakes.hpp"

#include "config/settings.hpp"

namespace karb::test {

namespace {

caf::error fake_error(const char* what) {
  return caf::make_error(caf::sec::unexpected_message, what);
}

} // namespace

std::vector<event> derivatives_probe::of(event_type type) const {
  std::vector<event> out;
  for (const auto& e : events)
    if (e.type == type)
      out.push_back(e);
  return out;
}

venue_actor::behavior_type fake_perp_venue(venue_actor::pointer,
                                           std::shared_ptr<venue_script> s) {
  return {
    [](atom::rest) -> caf::result<venue_rest_actor> {
      return fake_error("no rest");
    },
    [](atom::subscribe, const instrument&, const book_actor&) {},
    [s](atom::subscribe, const order_listener_actor& l) {
      s->listeners.push_back(l);
    },
    [](atom::resync, const instrument&) {},
    [](atom::status) { return venue_status{}; },
    [s](atom::positions) -> caf::result<std::vector<position>> {
      ++s->position_calls;
      if (s->positions_fail)
        return fake_error("positions down");
      return s->positions;
    },
    [s](atom::settle,
        int64_t since) -> caf::result<std::vector<funding_payment>> {
      s->settle_since.push_back(since);
      if (s->settle_fails)
        return fake_error("not_supported");
      std::vector<funding_payment> out;
      for (const auto& p : s->payments)
        if (p.ts_ns >= since)
          out.push_back(p);
      return out;
    },
    [s](atom::funding) {
      ++s->funding_calls;
      return caf::make_result(s->rates, s->marks);
    },
    [](atom::instruments) { return std::vector<instrument_spec>{}; },
  };
}

risk_actor::behavior_type probe_risk(risk_actor::pointer,
                                     std::shared_ptr<derivatives_probe> p) {
  return {
    [p](const position_book& b) { p->books.push_back(b); },
    [p](const funding_payment& x) { p->risk_payments.push_back(x); },
    [](atom::emergency, const std::string&) -> caf::result<flatten_report> {
      return fake_error("fake");
    },
    [](atom::check, const arbitrage_opportunity&) { return risk_verdict{}; },
    [](atom::check, const arbitrage_opportunity&, const execution_actor&,
       const attempt_listener_actor&) {},
    [](const trade_report&) {},
    [](const std::vector<balance>&) {},
    [](atom::halt, const std::string&) {},
    [](atom::resume) {},
    [](atom::status) { return risk_status{}; },
    [](atom::put, const config::risk_settings&) {},
  };
}

portfolio_actor::behavior_type
probe_portfolio(portfolio_actor::pointer,
                std::shared_ptr<derivatives_probe> p) {
  return {
    [p](const funding_payment& x) { p->portfolio_payments.push_back(x); },
    [](const fill&) {},
    [](const trade_report&) {},
    [p](atom::get) {
      ++p->snapshot_calls;
      return p->snapshot;
    },
    [p](atom::refresh) { return p->snapshot; },
    [](atom::tick) {},
  };
}

funding_listener_actor::behavior_type
probe_listener(funding_listener_actor::pointer,
               std::shared_ptr<derivatives_probe> p) {
  return {
    [p](const std::vector<funding_rate>& fs) {
      p->listener_rates.push_back(fs);
    },
    [p](const funding_payment& x) { p->listener_payments.push_back(x); },
  };
}

event_bus_actor::behavior_type probe_bus(event_bus_actor::pointer,
                                         std::shared_ptr<derivatives_probe> p) {
  return {
    [p](atom::publish, const event& e) { p->events.push_back(e); },
    [](atom::subscribe, const event_sink_actor&) {},
    [](atom::unsubscribe, const event_sink_actor&) {},
    [](atom::recent, int32_t) { return std::vector<event>{}; },
  };
}

} // namespace karb::test
