#pragma once

// Bithumb API 2.0 WebSocket (exchanges.md §2.3): Upbit-format requests and
// full-book orderbook frames, bound to exchange::bithumb. Private streams
// use the v2 endpoint (v1 private ends 2026-10-30) with the REST JWT in the
// upgrade request's Authorization header.

#include <string>
#include <string_view>
#include <vector>

#include "exchanges/korea/book_decoder.hpp"
#include "exchanges/korea/ws_build.hpp"
#include "exchanges/korea/ws_parse.hpp"

namespace karb::bithumb {

inline constexpr std::string_view ws_public_url =
  "wss://ws-api.bithumb.com/websocket/v1";
inline constexpr std::string_view ws_private_url =
  "wss://ws-api.bithumb.com/websocket/v2/private";

using korea::frame;
using korea::frame_kind;
using korea::market_data_request;
using korea::private_request;
using korea::subscribe_request;
using korea::ws_format;
using korea::ws_subscription;

/// The hot-path orderbook decoder for Bithumb frames.
inline korea::book_decoder make_book_decoder() {
  return korea::book_decoder{exchange::bithumb};
}

inline result<frame> parse_frame(std::string_view text, int64_t ts_recv_ns) {
  return korea::parse_frame(text, exchange::bithumb, ts_recv_ns);
}

} // namespace karb::bithumb
