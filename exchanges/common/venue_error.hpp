#pragma once

// A typed error for venue replies and parse failures, and a small
// value-or-error `result<T>` used on the hot path instead of exceptions.
// Generic on purpose: every venue maps its own error names/codes onto
// `venue_errc` and keeps the original name and message for the logs.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace karb {

/// What went wrong, in terms the execution layer can act on.
enum class venue_errc : uint8_t {
  auth,                ///< bad key, signature, nonce, IP or scope
  insufficient_funds,
  invalid_price,       ///< off-tick or out of the allowed price band
  invalid_volume,
  under_min_total,     ///< order value below the venue minimum
  rate_limited,        ///< 429 / 418: back off
  unknown_order,       ///< order not found
  order_not_ready,     ///< accepted but not yet queryable (Bithumb 422)
  bad_request,         ///< other 4xx parameter errors
  server_error,        ///< 5xx or a venue-side failure
  unknown_market,
  duplicate_client_id,
  blocked,             ///< account or IP blocked (403)
  malformed,           ///< reply or frame we could not parse
};

std::string_view to_string(venue_errc x);

/// An error with its origin: HTTP status (0 for WebSocket frames and local
/// parse failures), the venue's error name and message.
struct venue_error {
  venue_errc code = venue_errc::malformed;
  int http_status = 0;
  std::string name;
  std::string message;
  /// True when the reply carried the venue's own error body in its
  /// documented shape; false for a status alone (a gateway's 5xx page, an
  /// empty or foreign body) and for local failures.
  bool from_venue = false;

  /// Whether retrying the same request later may succeed.
  bool retryable() const {
    return code == venue_errc::rate_limited || code == venue_errc::server_error
           || code == venue_errc::order_not_ready;
  }
};

/// Whether the error means the venue did not accept an order: only the
/// venue's own documented error body with a code that refuses (validation,
/// funds, filters, auth, rate limit). Anything else (a 5xx, a foreign or
/// empty body, a duplicate client id, an unknown order) leaves the order's
/// fate open: it must be looked up.
bool refuses_order(const venue_error& x);

/// A `malformed` error with a short reason (no payload text).
inline venue_error malformed(std::string reason) {
  return venue_error{venue_errc::malformed, 0, "malformed", std::move(reason)};
}

std::string to_string(const venue_error& x);

/// A value or a venue_error. No exceptions: check `ok()` before `value()`.
template <class T>
class result {
public:
  result(T value) : data_(std::in_place_index<0>, std::move(value)) {}
  result(venue_error err) : data_(std::in_place_index<1>, std::move(err)) {}

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const venue_error& error() const { return std::get<1>(data_); }

private:
  std::variant<T, venue_error> data_;
};

/// Success without a value.
struct unit {};

} // namespace karb
