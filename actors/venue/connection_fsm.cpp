#include "actors/venue/connection_fsm.hpp"

namespace karb::venue {

namespace {

using s = conn_state;
using e = conn_event;

struct edge {
  conn_state from;
  conn_event on;
  conn_state to;
};

// clang-format off
constexpr edge table[] = {
  {s::disconnected, e::start,   s::connecting},
  {s::connecting,   e::opened,  s::subscribing},
  {s::connecting,   e::failed,  s::reconnecting},
  {s::subscribing,  e::synced,  s::live},
  {s::subscribing,  e::silence, s::stale},        // subscribed, nothing came
  {s::subscribing,  e::failed,  s::reconnecting},
  {s::live,         e::synced,  s::live},         // a resubscription
  {s::live,         e::silence, s::stale},
  {s::live,         e::failed,  s::reconnecting},
  {s::stale,        e::failed,  s::reconnecting}, // the owner drops it
  {s::reconnecting, e::start,   s::connecting},
  {s::disconnected, e::stop,    s::disconnected},
  {s::connecting,   e::stop,    s::disconnected},
  {s::subscribing,  e::stop,    s::disconnected},
  {s::live,         e::stop,    s::disconnected},
  {s::stale,        e::stop,    s::disconnected},
  {s::reconnecting, e::stop,    s::disconnected},
};
// clang-format on

} // namespace

std::optional<conn_state> transition(conn_state from, conn_event on) {
  for (auto& x : table)
    if (x.from == from && x.on == on)
      return x.to;
  return std::nullopt;
}

std::string to_string(conn_state x) {
  switch (x) {
    case s::disconnected: return "disconnected";
    case s::connecting: return "connecting";
    case s::subscribing: return "subscribing";
    case s::live: return "live";
    case s::stale: return "stale";
    case s::reconnecting: return "reconnecting";
  }
  return "?";
}

std::string to_string(conn_event x) {
  switch (x) {
    case e::start: return "start";
    case e::opened: return "opened";
    case e::synced: return "synced";
    case e::silence: return "silence";
    case e::failed: return "failed";
    case e::stop: return "stop";
  }
  return "?";
}

} // namespace karb::venue
