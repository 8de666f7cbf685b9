#include "actors/positions/position_manager.hpp"

#include <limits>

#include <caf/all.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/log/logging.hpp"

namespace karb::positions {

namespace {

constexpr const char* component = "positions";

/// Forwards a venue's private-stream reconnects to the manager; order
/// updates are execution's business and are dropped.
order_listener_actor::behavior_type
reconnect_relay(order_listener_actor::pointer, position_manager_actor to) {
  return {
    [](const order_update&) {
      // nop
    },
    [to](atom::reconnect, const std::string& venue) {
      caf::anon_send(to, atom::reconnect_v, venue);
    },
  };
}

nlohmann::json change_event(const position_change& c) {
  auto side_of = [](const position& p) {
    return p.position_side == side::buy ? "long" : "short";
  };
  return {{"venue", to_string(c.now.symbol.venue)},
          {"symbol", c.now.symbol.venue_symbol},
          {"asset", c.now.symbol.base},
          {"side", side_of(c.now)},
          {"amount", c.now.amount.to_string()},
          {"previous_side", side_of(c.before)},
          {"previous_amount", c.before.amount.to_string()},
          {"entry_price", c.now.entry_price.to_string()},
          {"mark_price", c.now.mark_price.to_string()},
          {"liquidation_price", c.now.liquidation_price.to_string()}};
}

/// Gauges of one position; a closed one reads 0, its liquidation distance
/// NaN (no distance: never an alarm).
void export_position(const position_setup& setup, const position& p) {
  auto& reg = *setup.metrics;
  metrics::labels ls{{"venue", to_string(p.symbol.venue)},
                     {"symbol", p.symbol.venue_symbol}};
  reg
    .get_gauge("karb_position_size",
               "perpetual position in base units (short < 0)", ls)
    .set(signed_amount(p).to_double());
  reg
    .get_gauge("karb_position_unrealized_pnl",
               "unrealised PnL of a perpetual position (quote units)", ls)
    .set(p.unrealized_pnl.to_double());
  reg
    .get_gauge("karb_position_margin",
               "margin of a perpetual position (quote units)", ls)
    .set(p.margin.to_double());
  reg.get_gauge("karb_position_leverage", "leverage of a perpetual position",
                ls)
    .set(p.amount.is_positive() ? p.leverage : 0.0);
  auto distance = p.amount.is_positive() ? liquidation_distance(p)
                                         : std::nullopt;
  reg
    .get_gauge("karb_position_liquidation_distance",
               "|mark - liquidation| / mark of a perpetual position", ls)
    .set(distance.value_or(std::numeric_limits<double>::quiet_NaN()));
}

void export_book(const position_setup& setup, const position_book& b) {
  for (const auto& p : b.positions)
    export_position(setup, p);
  for (const auto& [asset, x] : b.net)
    setup.metrics
      ->get_gauge("karb_position_net",
                  "net per asset across perpetuals and spot (base units)",
                  {{"asset", asset}})
      .set(x.to_double());
  for (const auto& [asset, x] : b.exposure)
    setup.metrics
      ->get_gauge("karb_position_net_notional",
                  "net per asset at a perpetual's mark (quote units)",
                  {{"asset", asset}})
      .set(x.to_double());
}

/// Sends the book to risk and exports its gauges.
void share_book(position_pointer self, const position_setup& setup) {
  auto b = self->state.core.book(setup.wall_clock());
  export_book(setup, b);
  if (setup.risk)
    self->send(setup.risk, std::move(b));
}

/// Publishes what changed; shares the book when anything did.
void take_changes(position_pointer self, const position_setup& setup,
                  const std::vector<position_change>& changes) {
  if (changes.empty())
    return;
  for (const auto& c : changes) {
    if (c.type == event_type::position_closed)
      export_position(setup, c.now);
    publish_event(self, setup.bus, c.type, component, change_event(c));
  }
  share_book(self, setup);
}

void poll_venue(position_pointer self, const position_setup& setup,
                const std::string& name) {
  auto i = setup.venues.find(name);
  if (i == setup.venues.end())
    return;
  auto venue = exchange_from_string(name).value_or(exchange::custom);
  self->request(i->second, setup.request_timeout, atom::positions_v)
    .then(
      [=](const std::vector<position>& ps) {
        self->state.failures.clear(name);
        take_changes(self, setup, self->state.core.set_positions(venue, ps));
      },
      [=](const caf::error& err) {
        if (self->state.failures.news(name, to_string(err)))
          log::warn(component, "positions_failed",
                    {{"venue", name}, {"error", to_string(err)}});
      });
}

void poll_spot(position_pointer self, const position_setup& setup) {
  if (!setup.portfolio)
    return;
  self->request(setup.portfolio, setup.request_timeout, atom::get_v)
    .then(
      [=](const portfolio_snapshot& s) {
        self->state.failures.clear("portfolio");
        if (self->state.core.set_spot(s.exposure))
          share_book(self, setup);
      },
      [=](const caf::error& err) {
        if (self->state.failures.news("portfolio", to_string(err)))
          log::warn(component, "portfolio_failed", {{"error", to_string(err)}});
      });
}

void reconcile(position_pointer self, const position_setup& setup) {
  for (const auto& [name, _] : setup.venues)
    poll_venue(self, setup, name);
  poll_spot(self, setup);
}

} // namespace

position_manager_actor::behavior_type
position_manager(position_pointer self, position_setup setup) {
  auto relay = self->spawn(reconnect_relay,
                           caf::actor_cast<position_manager_actor>(self));
  self->attach_functor([relay](const caf::error&) {
    caf::anon_send_exit(relay, caf::exit_reason::user_shutdown);
  });
  for (const auto& [_, venue] : setup.venues)
    self->send(venue, atom::subscribe_v, relay);
  reconcile(self, setup);
  self->delayed_send(self, setup.interval, atom::tick_v);
  return {
    [=](atom::positions) {
      return self->state.core.book(setup.wall_clock());
    },
    [=](atom::reconnect, const std::string& venue) {
      poll_venue(self, setup, venue);
    },
    [=](const std::vector<position>& ps) {
      take_changes(self, setup, self->state.core.update_positions(ps));
    },
    [=](atom::tick) {
      share_book(self, setup);
      reconcile(self, setup);
      self->delayed_send(self, setup.interval, atom::tick_v);
    },
  };
}

position_manager_actor spawn_position_manager(caf::actor_system& sys,
                                              position_setup setup) {
  return sys.spawn(position_manager, std::move(setup));
}

} // namespace karb::positions
