#pragma once

// The venue connection state machine (architecture §4) as a table, one
// line per legal edge. Pure: no CAF, no time.
//
//   disconnected --start--> connecting --opened--> subscribing
//   subscribing --synced--> live         (first data, or nothing to await)
//   live / subscribing --silence--> stale  (no data for the heartbeat window)
//   connecting / subscribing / live / stale --failed--> reconnecting
//   reconnecting --start--> connecting   (after backoff, breaker permitting)
//   any --stop--> disconnected

#include <cstdint>
#include <optional>
#include <string>

namespace karb::venue {

enum class conn_state : uint8_t {
  disconnected, connecting, subscribing, live, stale, reconnecting,
};

enum class conn_event : uint8_t {
  start,    ///< a connection attempt begins
  opened,   ///< the socket is up (upgrade done); subscriptions are sent
  synced,   ///< the first data arrived (or the stream needs none)
  silence,  ///< no data for the heartbeat window
  failed,   ///< the attempt or the connection failed / was dropped
  stop,     ///< the owner closes for good
};

inline constexpr int conn_state_count = 6;
inline constexpr int conn_event_count = 6;

/// The next state, or nullopt for an illegal (state, event) pair.
std::optional<conn_state> transition(conn_state s, conn_event e);

/// Whether the socket of a connection in state `s` is (or was just) open.
constexpr bool is_open(conn_state s) {
  return s == conn_state::subscribing || s == conn_state::live
         || s == conn_state::stale;
}

std::string to_string(conn_state s);
std::string to_string(conn_event e);

} // namespace karb::venue
