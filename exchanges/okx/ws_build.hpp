#pragma once

// Messages karb sends on OKX WebSockets (exchanges.md §5.3).
//
// Public: `{"op":"subscribe","args":[{"channel":"books","instId":..},..]}`
// (one message for all codes; "unsubscribe" likewise), and on swap the
// `mark-price` and `funding-rate` channels of each code.
//
// Private: the login (sign.hpp) alone once the socket opens; after the
// venue answers it, the subscriptions: `orders` of the venue's instType,
// `account`, and on swap `positions` of instType SWAP.

#include <string>
#include <string_view>
#include <vector>

#include "messages/enums.hpp"

namespace karb::okx {

/// The application-level ping (the venue answers the text "pong").
inline constexpr std::string_view heartbeat_text = "ping";

std::vector<std::string> book_subscription(
  const std::vector<std::string>& codes);
std::vector<std::string> book_unsubscription(
  const std::vector<std::string>& codes);
/// mark-price and funding-rate of every code (swap).
std::vector<std::string> mark_subscription(
  const std::vector<std::string>& codes);

/// The private channels to subscribe once logged in.
std::vector<std::string> private_channels(exchange venue);

} // namespace karb::okx
