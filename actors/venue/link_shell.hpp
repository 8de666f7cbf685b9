#pragma once

// The actor side of connection_core, shared by the feed and the private
// stream actors (templates over their typed self pointer). The state of
// such an actor has `setup` (stream_setup), `core` (connection_core) and
// `ws` (std::unique_ptr<ws_transport>); `connect` builds and starts one
// transport for a generation.
//
//   start: core.start -> connect(gen)       failed: drop ws, publish
//   EXCHANGE_DISCONNECTED if it had opened, reconnect after plan.delay

#include <string>

#include <caf/all.hpp>
#include <nlohmann/json.hpp>

#include "actors/bus/event_bus.hpp"
#include "actors/log/logging.hpp"
#include "actors/metrics/registry.hpp"
#include "actors/venue/stream_setup.hpp"

namespace karb::venue {

/// The exported connection state (karb_exchange_connections, 1 while the
/// stream's connection is open, else 0).
template <class Self>
void set_connected(Self self, bool open) {
  auto& st = self->state;
  metrics::global()
    .get_gauge("karb_exchange_connections",
               "venue stream connections open (1) or not (0)",
               {{"venue", st.setup.venue_name}, {"stream", st.stream_name()}})
    .set(open ? 1.0 : 0.0);
}

/// Publishes a connection event with venue, stream and reason.
template <class Self>
void publish_link_event(Self self, event_type type, const std::string& reason) {
  auto& s = self->state.setup;
  publish_event(self, s.bus, type, "venue:" + s.venue_name,
                {{"venue", s.venue_name},
                 {"stream", self->state.stream_name()},
                 {"reason", reason}});
}

/// Starts the next attempt now, or re-arms the timer while the breaker is
/// still open.
template <class Self, class Connect>
void link_start(Self self, Connect connect) {
  auto& st = self->state;
  auto now = self->clock().now();
  auto gen = st.core.start(now);
  if (!gen) {
    if (st.core.state() == conn_state::reconnecting) {
      auto wait = std::chrono::milliseconds{1000};
      self->delayed_send(self, wait, atom::reconnect_v,
                         st.core.generation());
    }
    return;
  }
  log::info("venue", "connecting",
            {{"venue", st.setup.venue_name}, {"stream", st.stream_name()},
             {"attempt", st.core.reconnects() + 1}});
  connect(*gen);
}

/// Handles the failure of connection `gen` (closed, error, stale).
template <class Self>
void link_failed(Self self, uint64_t gen, const std::string& reason) {
  auto& st = self->state;
  auto plan = st.core.failed(gen, self->clock().now(), st.setup.random());
  if (!plan)
    return; // an older connection's late news
  st.ws.reset();
  set_connected(self, false);
  log::warn("venue", "connection_failed",
            {{"venue", st.setup.venue_name}, {"stream", st.stream_name()},
             {"reason", reason}, {"retry_in_ms", plan->delay.count()},
             {"failures", st.core.consecutive_failures()},
             {"breaker_opened", plan->breaker_opened}});
  if (plan->was_open)
    publish_link_event(self, event_type::exchange_disconnected, reason);
  if (plan->breaker_opened)
    publish_link_event(self, event_type::risk_alert,
                       "circuit_breaker_open: " + reason);
  self->delayed_send(self, plan->delay, atom::reconnect_v,
                     st.core.generation());
}

/// The reconnect timer for generation `gen` fired.
template <class Self, class Connect>
void link_retry(Self self, uint64_t gen, Connect connect) {
  auto& st = self->state;
  if (gen != st.core.generation()
      || st.core.state() != conn_state::reconnecting)
    return;
  link_start(self, connect);
}

/// Base ws_config of a stream.
inline net::ws_config make_ws_config(const stream_setup& s) {
  net::ws_config cfg;
  cfg.url = s.url;
  cfg.ping_interval = s.ping_interval;
  cfg.ping_text = s.protocol ? s.protocol->heartbeat_text : std::string{};
  cfg.connect_timeout = s.connect_timeout;
  cfg.heartbeat_timeout = s.link.heartbeat;
  return cfg;
}

} // namespace karb::venue
