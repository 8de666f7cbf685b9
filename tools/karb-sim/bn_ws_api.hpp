#pragma once

// The part of Binance's spot WebSocket API (/ws-api/v3) the simulator
// serves: `userDataStream.subscribe.signature` (HMAC over the sorted
// params), `userDataStream.unsubscribe`, `ping`, `time`; `session.logon`
// is refused (it needs an Ed25519 key, which the simulator does not have).
// Pure.

#include <optional>
#include <string>
#include <string_view>

#include "tools/karb-sim/bn_engine.hpp"

namespace karb::sim {

struct ws_api_result {
  std::string reply;
  std::optional<std::string> subscribed; ///< account now subscribed
  bool unsubscribed = false;
};

ws_api_result handle_ws_api(bn_engine& eng, std::string_view text, time_ms now);

/// A user data event as the WebSocket API pushes it:
/// {"subscriptionId":0,"event":{...}}.
std::string ws_api_event(const std::string& event);

} // namespace karb::sim
