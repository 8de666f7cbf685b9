#pragma once

// The private stream of one venue: a WebSocket authenticated as its
// protocol says (a JWT in the upgrade request, fresh per attempt; a signed
// subscribe message once open; or a listen key fetched over REST first and
// kept alive), order frames -> order_update (origin "stream") to every
// registered listener, asset and position frames -> the latest balances
// and positions. Frames are parsed on the I/O thread. Same FSM and reconnect rules as the feed; the stream is silent
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
  std::map<std::string, position> positions; ///< by venue symbol
  std::string listen_key;                  ///< venues with one: the latest
  spec_board::reader spec_reader;          ///< cached view of setup.specs
  int64_t updates = 0;                     ///< order updates received
  static inline const char* name = "venue_private";
  std::string stream_name() const { return "private"; }
};

venue_private_actor::behavior_type
private_actor(venue_private_actor::stateful_pointer<private_state> self,
              stream_setup setup);

} // namespace karb::venue
