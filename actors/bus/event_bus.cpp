#include "actors/bus/event_bus.hpp"

#include "actors/common/clock.hpp"

#include <algorithm>
#include <chrono>

#include <caf/all.hpp>

namespace karb {

event make_event(event_type type, std::string source, std::string data,
                 std::string correlation_id) {
  return event{type, std::move(data), wall_ns(), std::move(source),
               std::move(correlation_id)};
}

event_bus_actor::behavior_type
event_bus(event_bus_actor::stateful_pointer<event_bus_state> self,
          size_t history_limit) {
  self->state.history_limit = history_limit;
  self->set_down_handler([=](const caf::down_msg& dm) {
    auto& subs = self->state.subscribers;
    subs.erase(std::remove_if(subs.begin(), subs.end(),
                              [&](const event_sink_actor& s) {
                                return s.address() == dm.source;
                              }),
               subs.end());
  });
  return {
    [=](atom::publish, const event& e) {
      for (auto& s : self->state.subscribers)
        self->send(s, e);
      auto& h = self->state.history;
      h.push_back(e);
      while (h.size() > self->state.history_limit)
        h.pop_front();
    },
    [=](atom::subscribe, const event_sink_actor& s) {
      auto& subs = self->state.subscribers;
      if (std::find(subs.begin(), subs.end(), s) != subs.end())
        return;
      self->monitor(s);
      subs.push_back(s);
    },
    [=](atom::unsubscribe, const event_sink_actor& s) {
      auto& subs = self->state.subscribers;
      auto i = std::find(subs.begin(), subs.end(), s);
      if (i != subs.end()) {
        self->demonitor(s.address());
        subs.erase(i);
      }
    },
    [=](atom::recent, int32_t n) {
      auto& h = self->state.history;
      auto count = std::min<size_t>(h.size(), n < 0 ? 0 : static_cast<size_t>(n));
      return std::vector<event>(h.end() - static_cast<ptrdiff_t>(count),
                                h.end());
    },
  };
}

} // namespace karb
