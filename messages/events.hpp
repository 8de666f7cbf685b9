#pragma once

// The event envelope and every event type of seed 002 §4.1. `data` is a
// JSON object in text form, so that an event reads the same in the store,
// the JSONL audit file, the log and the inspector.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <caf/meta/type_name.hpp>

namespace karb {

enum class event_type : uint8_t {
  // market data
  orderbook_update, trade_update, price_update,
  // funding
  funding_rate_update, funding_settlement,
  // arbitrage
  arbitrage_opportunity_found, arbitrage_opportunity_expired,
  // orders
  order_created, order_filled, order_cancelled, order_rejected,
  // positions
  position_opened, position_closed, position_updated,
  // risk
  risk_alert, risk_limit_breach, emergency_stop,
  // system
  system_startup, system_shutdown, exchange_connected, exchange_disconnected,
};

inline constexpr int event_type_count = 21;

/// The seed's wire name, e.g. "orderbook_update".
std::string to_string(event_type x);
std::optional<event_type> event_type_from_string(std::string_view s);

struct event {
  event_type type = event_type::system_startup;
  std::string data = "{}";      ///< JSON object
  int64_t ts_ns = 0;            ///< wall clock, ns since the Unix epoch
  std::string source;           ///< emitting component, e.g. "venue:upbit"
  std::string correlation_id;   ///< trade / order / trace id, may be empty
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, event& x) {
  return f(caf::meta::type_name("karb.event"), x.type, x.data, x.ts_ns,
           x.source, x.correlation_id);
}

} // namespace karb
