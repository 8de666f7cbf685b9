#include "exchanges/common/venue_error.hpp"

namespace karb {

std::string_view to_string(venue_errc x) {
  switch (x) {
    case venue_errc::auth: return "auth";
    case venue_errc::insufficient_funds: return "insufficient_funds";
    case venue_errc::invalid_price: return "invalid_price";
    case venue_errc::invalid_volume: return "invalid_volume";
    case venue_errc::under_min_total: return "under_min_total";
    case venue_errc::rate_limited: return "rate_limited";
    case venue_errc::unknown_order: return "unknown_order";
    case venue_errc::order_not_ready: return "order_not_ready";
    case venue_errc::bad_request: return "bad_request";
    case venue_errc::server_error: return "server_error";
    case venue_errc::unknown_market: return "unknown_market";
    case venue_errc::duplicate_client_id: return "duplicate_client_id";
    case venue_errc::blocked: return "blocked";
    case venue_errc::malformed: return "malformed";
  }
  return "unknown";
}

bool refuses_order(const venue_error& x) {
  if (!x.from_venue)
    return false;
  switch (x.code) {
    case venue_errc::auth:
    case venue_errc::insufficient_funds:
    case venue_errc::invalid_price:
    case venue_errc::invalid_volume:
    case venue_errc::under_min_total:
    case venue_errc::rate_limited:
    case venue_errc::bad_request:
    case venue_errc::unknown_market:
    case venue_errc::blocked:
      return true;
    case venue_errc::unknown_order:       // the venue may know it later
    case venue_errc::order_not_ready:     // accepted, not yet queryable
    case venue_errc::server_error:        // may have been processed
    case venue_errc::duplicate_client_id: // an order with this id exists
    case venue_errc::malformed:
      return false;
  }
  return false;
}

std::string to_string(const venue_error& x) {
  std::string out{to_string(x.code)};
  if (x.http_status != 0)
    out += " (HTTP " + std::to_string(x.http_status) + ")";
  if (!x.name.empty())
    out += " " + x.name;
  if (!x.message.empty())
    out += ": " + x.message;
  return out;
}

} // namespace karb
