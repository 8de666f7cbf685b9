#pragma once

// The Bybit v5 WebSocket protocol of one connection (pure): `op` requests
// (ping, subscribe, unsubscribe, auth) and their replies, which public
// frames of a market step and which private pushes reach it.

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tools/karb-sim/by_venue.hpp"

namespace karb::sim {

struct by_ws_state {
  enum class channel { spot, linear, priv };
  channel ch = channel::spot;
  std::string conn_id;
  std::set<std::string> topics;
  std::string account; ///< private: after a successful auth
};

/// "/v5/public/spot", "/v5/public/linear", "/v5/private" (a query such
/// as ?max_active_time= is ignored); nullopt for any other path.
std::optional<by_ws_state::channel> by_ws_channel(std::string_view target);

/// What the simulator offers the protocol while it holds its lock.
struct by_ws_env {
  time_ms now = 0;
  /// The snapshot frame of a public topic ("" none yet, nullopt unknown).
  std::function<std::optional<std::string>(by_cat, const std::string&)> snapshot;
  /// WS auth: the account, or the refusal text.
  std::function<std::pair<std::string, std::string>(
    const std::string& key, int64_t expires, const std::string& sign)> auth;
};

/// The replies (and snapshots) to one text frame.
std::vector<std::string> by_ws_handle(by_ws_state& s, std::string_view text,
                                      const by_ws_env& env);
/// The frames of a market step this connection subscribed to.
std::vector<std::string> by_ws_feed(const by_ws_state& s, const by_feed& f);
/// The pushes of one private event (one per matching topic).
std::vector<std::string> by_ws_private(const by_ws_state& s,
                                       const by_private& p, time_ms now,
                                       uint64_t id);

/// The WS auth signature: hex HMAC-SHA256 of "GET/realtime" + expires.
std::string by_ws_sign(std::string_view secret, int64_t expires);

} // namespace karb::sim
