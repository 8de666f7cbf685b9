#pragma once

// Messages karb sends on Bybit v5 WebSockets (exchanges.md §6.1, §6.3).
//
// Public (/v5/public/spot, /v5/public/linear):
//   {"op":"subscribe","args":["orderbook.50.BTCUSDT",...]} for the books
//   (50 levels, a snapshot then deltas every 20 ms), the same with
//   "unsubscribe" to drop them (a book resyncs by unsubscribing and
//   subscribing again), and on linear `tickers.BTCUSDT` for mark price and
//   funding. Spot takes at most 10 args per message: longer lists are
//   split, on both categories alike.
// Heartbeat: the text {"op":"ping"} (every 20 s recommended) on public and
//   private sockets.
// Private (/v5/private): first the login
//   {"op":"auth","args":[key, expires_ms, hex HMAC("GET/realtime" + expires)]}
//   with expires = the signing context's time + ws_auth_validity_ms (10 s);
//   once the venue accepts it, the subscriptions: order.<category>,
//   execution.<category>, wallet, and on linear position.linear.

#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/credentials.hpp"
#include "exchanges/common/signing_context.hpp"
#include "messages/enums.hpp"

namespace karb::bybit {

/// Args per subscribe message (the spot limit).
inline constexpr size_t max_args_per_message = 10;

inline constexpr std::string_view heartbeat = R"({"op":"ping"})";

/// "orderbook.50.BTCUSDT"
std::string book_topic(std::string_view code);
/// "tickers.BTCUSDT"
std::string ticker_topic(std::string_view code);

/// `op` messages for `topics`, at most max_args_per_message args each.
std::vector<std::string> op_messages(std::string_view op,
                                     const std::vector<std::string>& topics);

/// Subscribe / unsubscribe the 50-level books of `codes`.
std::vector<std::string> book_subscription(const std::vector<std::string>& codes);
std::vector<std::string> book_unsubscription(
  const std::vector<std::string>& codes);

/// Subscribe the linear tickers (mark price, funding) of `codes`.
std::vector<std::string> mark_subscription(const std::vector<std::string>& codes);

/// The signed login message.
std::string auth_message(const credentials& c, const signing_context& ctx);

/// The private subscriptions sent after the login succeeded.
std::vector<std::string> private_topics_subscription(exchange venue);

} // namespace karb::bybit
