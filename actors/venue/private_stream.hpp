#pragma once

// The private stream of one venue: a WebSocket authenticated with the
// venue's JWT in the upgrade request (a fresh token per attempt), myOrder
// frames -> order_update (origin "stream") to every registered listener,
// myAsset frames -> the latest balances. Frames are parsed on the I/O
// thread. Same FSM and reconnect rules as the feed; the stream is silent
// by nature, so liveness comes from the ws_client's ping/pong heartbeat.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "actors/venue/connection_core.hpp"
#include "actors/venue/stream_setup.hpp"
#include "actors/venue/transport.hpp"
#include "messages/interfaces.hpp"

namespace karb::venue {

struct private_state {
  stream_setup setup;
  connection_core core;
  std::unique_ptr<ws_transport> ws;
  std::vector<order_listener_actor> listeners;
  std::map<std::string, balance> balances; ///< by currency
  int64_t updates = 0;                     ///< order updates received
  static inline const char* name = "venue_private";
  std::string stream_name() const { return "private"; }
};

venue_private_actor::behavior_type
private_actor(venue_private_actor::stateful_pointer<private_state> self,
              stream_setup setup);

} // namespace karb::venue
