#pragma once

// What the node reports about itself and its children (inspector, logs).

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

namespace karb {

struct child_status {
  std::string name;          ///< e.g. "venue:upbit", "bus"
  std::string kind;          ///< e.g. "venue", "bus"
  std::string state;         ///< "running", "restarting", "breaker_open", "stopped"
  int64_t restarts = 0;      ///< restarts since the node started
  int64_t consecutive_failures = 0;
  std::string breaker;       ///< "closed", "open", "half_open"
};

struct node_status {
  std::string name;
  int64_t uptime_ms = 0;
  std::vector<child_status> children;
};

/// One venue's connections as its supervisor reports them.
struct venue_status {
  std::string venue;
  std::string feed_state;     ///< connection FSM state of the public feed
  std::string private_state;  ///< ... of the private stream
  std::string breaker;        ///< "closed", "open", "half_open"
  int64_t reconnects = 0;
  int64_t frames = 0;
  int64_t rest_requests = 0;
  int64_t rest_errors = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, venue_status& x) {
  return f(caf::meta::type_name("karb.venue_status"), x.venue, x.feed_state,
           x.private_state, x.breaker, x.reconnects, x.frames,
           x.rest_requests, x.rest_errors);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, child_status& x) {
  return f(caf::meta::type_name("karb.child_status"), x.name, x.kind, x.state,
           x.restarts, x.consecutive_failures, x.breaker);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, node_status& x) {
  return f(caf::meta::type_name("karb.node_status"), x.name, x.uptime_ms,
           x.children);
}

} // namespace karb
