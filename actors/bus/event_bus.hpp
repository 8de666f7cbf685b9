#pragma once

// The event bus: fans every published event out to its subscribers and
// keeps a bounded history for the inspector. Subscribers are monitored and
// dropped when they terminate.

#include <cstddef>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include <caf/send.hpp>
#include <nlohmann/json.hpp>

#include "messages/interfaces.hpp"

namespace karb {

struct event_bus_state {
  std::vector<event_sink_actor> subscribers;
  std::deque<event> history;
  size_t history_limit = 1000;
  static inline const char* name = "bus";
};

event_bus_actor::behavior_type
event_bus(event_bus_actor::stateful_pointer<event_bus_state> self,
          size_t history_limit);

/// Builds an event stamped with the wall clock.
event make_event(event_type type, std::string source, std::string data = "{}",
                 std::string correlation_id = {});

/// Publishes `data` as an event of `type` from `source` on `bus`, stamped
/// with the wall clock; does nothing when `bus` is null.
template <class Self>
void publish_event(Self* self, const event_bus_actor& bus, event_type type,
                   std::string source, const nlohmann::json& data,
                   std::string correlation_id = {}) {
  if (!bus)
    return;
  self->send(bus, atom::publish_v,
             make_event(type, std::move(source), data.dump(),
                        std::move(correlation_id)));
}

/// The same without a sender (for work run after a hot-loop cycle).
inline void publish_event(const event_bus_actor& bus, event_type type,
                          std::string source, const nlohmann::json& data,
                          std::string correlation_id = {}) {
  if (!bus)
    return;
  caf::anon_send(bus, atom::publish_v,
                 make_event(type, std::move(source), data.dump(),
                            std::move(correlation_id)));
}

} // namespace karb
