#pragma once

// The public feed of one venue: one WebSocket (reconnected under backoff
// and the circuit breaker), the book subscriptions it carries (re-sent on
// every connection), frames decoded on the I/O thread and sent straight to
// the book actors (whole books or level changes), mark prices and funding
// kept for the venue's status, 60 s of silence -> stale -> reconnect.

#include <map>
#include <memory>
#include <string>

#include "actors/common/hot_loop.hpp"
#include "actors/venue/book_routes.hpp"
#include "actors/venue/connection_core.hpp"
#include "actors/venue/stream_setup.hpp"
#include "actors/venue/transport.hpp"
#include "messages/interfaces.hpp"

namespace karb::venue {

struct feed_state {
  stream_setup setup;
  connection_core core;
  std::shared_ptr<book_routes> routes = std::make_shared<book_routes>();
  std::unique_ptr<ws_transport> ws;
  bool heartbeat_pending = false;
  /// The latest streamed mark price and funding per venue symbol.
  std::map<std::string, mark_price> marks;
  std::map<std::string, funding_rate> funding;
  static inline const char* name = "venue_feed";
  std::string stream_name() const { return "feed"; }
};

venue_feed_actor::behavior_type
feed_actor(hot_pointer<venue_feed_actor, feed_state> self,
           stream_setup setup);

} // namespace karb::venue
