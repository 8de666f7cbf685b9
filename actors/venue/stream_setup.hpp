#pragma once

// What a venue WebSocket child (feed or private stream) is built from.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "actors/common/clock.hpp"
#include "actors/common/spec_board.hpp"
#include "actors/venue/connection_core.hpp"
#include "exchanges/registry.hpp"
#include "actors/venue/transport.hpp"
#include "exchanges/common/credentials.hpp"
#include "messages/interfaces.hpp"

namespace karb::venue {

struct stream_setup {
  std::string venue_name;                  ///< e.g. "upbit"
  std::shared_ptr<const venue_protocol> protocol;
  std::string url;                         ///< ws(s) URL of this stream
  /// A feed's subscribe message(s) for its codes (books, mark prices or
  /// both; see venue_protocol::mark_subscription).
  std::function<std::vector<std::string>(const std::vector<std::string>&)>
    subscribe;
  credentials creds;                       ///< private stream only
  ws_factory make_ws;
  /// The venue's REST session (listen keys of the private stream).
  std::shared_ptr<http_transport> http;
  /// The venues' trading rules: complete the instruments of order updates
  /// named by venue symbol only (may be null).
  std::shared_ptr<spec_board> specs;
  event_bus_actor bus;                     ///< may be null
  std::function<double()> random;          ///< [0, 1) for jitter
  karb::wall_clock wall_clock;             ///< for JWT timestamps
  link_params link;                        ///< backoff, breaker, heartbeat
  /// ws_client pings; its own heartbeat_timeout is link.heartbeat.
  std::chrono::milliseconds ping_interval{20'000};
  std::chrono::milliseconds connect_timeout{10'000};
};

} // namespace karb::venue
