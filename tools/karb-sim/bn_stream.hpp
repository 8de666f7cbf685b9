#pragma once

// Binance WebSocket market streams (pure): which paths open which kind of
// connection, the streams a connection carries (URL, SUBSCRIBE /
// UNSUBSCRIBE / LIST_SUBSCRIPTIONS), and the frames of one market update
// (raw, or wrapped {"stream","data"} on combined connections).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/karb-sim/bn_venue.hpp"

namespace karb::sim {

struct bn_ws_route {
  enum class kind { market, api, user };
  kind k = kind::market;
  std::vector<std::string> streams; ///< market: from the URL
  bool combined = false;            ///< /stream: {"stream","data"} frames
  std::string listen_key;           ///< user (USD-M)
};

/// Spot: /ws[/<streams>], /stream[?streams=a/b], /ws-api/v3. USD-M: the
/// same market paths bare or under /public and /market (every stream on
/// every path), /private/ws/<listenKey> and /ws/<listenKey>. nullopt: no
/// WebSocket endpoint there.
std::optional<bn_ws_route> route_bn_ws(venue_kind v, std::string_view target);

class bn_stream_set {
public:
  bn_stream_set(venue_kind v, std::vector<std::string> streams, bool combined)
    : v_(v), streams_(std::move(streams)), combined_(combined) {}

  /// Handles a live request ({"method":"SUBSCRIBE","params":[...],"id":N});
  /// returns the reply frame.
  std::string on_text(std::string_view text);
  /// The frames this connection gets from one market update.
  std::vector<std::string> frames(const bn_feed& f) const;
  const std::vector<std::string>& streams() const { return streams_; }

private:
  venue_kind v_;
  std::vector<std::string> streams_;
  bool combined_;
};

/// The event of one stream kind ("depth", "bookTicker", "trade" (one per
/// print), "aggTrade", "markPrice") for an update; empty when it has none.
std::vector<std::string> stream_events(venue_kind v, const bn_feed& f,
                                       std::string_view kind);

} // namespace karb::sim
