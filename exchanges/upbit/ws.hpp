#pragma once

// Upbit WebSocket (exchanges.md §1.3): endpoints, subscribe requests and
// frame parsing bound to exchange::upbit. The private socket takes the
// same JWT as REST (no parameters) in the upgrade request's Authorization.

#include <string>
#include <string_view>
#include <vector>

#include "exchanges/korea/book_decoder.hpp"
#include "exchanges/korea/ws_build.hpp"
#include "exchanges/korea/ws_parse.hpp"

namespace karb::upbit {

inline constexpr std::string_view ws_public_url =
  "wss://api.upbit.com/websocket/v1";
inline constexpr std::string_view ws_private_url =
  "wss://api.upbit.com/websocket/v1/private";

using korea::frame;
using korea::frame_kind;
using korea::market_data_request;
using korea::private_request;
using korea::subscribe_request;
using korea::ws_format;
using korea::ws_subscription;

/// The hot-path orderbook decoder for Upbit frames.
inline korea::book_decoder make_book_decoder() {
  return korea::book_decoder{exchange::upbit};
}

inline result<frame> parse_frame(std::string_view text, int64_t ts_recv_ns) {
  return korea::parse_frame(text, exchange::upbit, ts_recv_ns);
}

} // namespace karb::upbit
