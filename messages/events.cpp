#include "messages/events.hpp"

#include <array>

namespace karb {

namespace {

constexpr std::array<std::string_view, event_type_count> event_names{
  "orderbook_update", "trade_update", "price_update",
  "funding_rate_update", "funding_settlement",
  "arbitrage_opportunity_found", "arbitrage_opportunity_expired",
  "order_created", "order_filled", "order_cancelled", "order_rejected",
  "position_opened", "position_closed", "position_updated",
  "risk_alert", "risk_limit_breach", "emergency_stop",
  "system_startup", "system_shutdown", "exchange_connected",
  "exchange_disconnected",
};

} // namespace

std::string to_string(event_type x) {
  auto i = static_cast<size_t>(x);
  return i < event_names.size() ? std::string{event_names[i]} : "invalid";
}

std::optional<event_type> event_type_from_string(std::string_view s) {
  for (size_t i = 0; i < event_names.size(); ++i)
    if (event_names[i] == s)
      return static_cast<event_type>(i);
  return std::nullopt;
}

} // namespace karb
