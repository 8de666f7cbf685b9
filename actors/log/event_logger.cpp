#include "actors/log/event_logger.hpp"

#include <caf/all.hpp>

#include "actors/log/logging.hpp"

namespace karb {

event_sink_actor::behavior_type event_logger(event_sink_actor::pointer self,
                                             event_bus_actor bus) {
  self->send(bus, atom::subscribe_v, event_sink_actor{self});
  return {
    [=](const event& e) {
      auto fields = nlohmann::json::parse(e.data, nullptr, false);
      if (fields.is_discarded() || !fields.is_object())
        fields = nlohmann::json{{"data", e.data}};
      // Market data events are frequent: debug, so they reach the log only
      // when asked for.
      auto lvl = e.type == event_type::emergency_stop
                     || e.type == event_type::risk_limit_breach
                   ? log::level::warn
                 : e.type == event_type::orderbook_update
                     || e.type == event_type::price_update
                     || e.type == event_type::trade_update
                   ? log::level::debug
                   : log::level::info;
      log::write(lvl, e.source, to_string(e.type), fields, e.correlation_id);
    },
  };
}

} // namespace karb
