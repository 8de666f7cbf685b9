#pragma once

// Whether to retry a failed HTTP request, and after how long. Pure. Only
// idempotent reads are ever retried (at most 3 tries in all); an order
// (non-idempotent) is never retried: the caller resolves its fate by
// looking it up by client order id.

#include <chrono>
#include <optional>
#include <string_view>

#include "exchanges/common/backoff.hpp"
#include "exchanges/common/net_types.hpp"

namespace karb::net {

/// Hard ceiling on tries of one read, whatever the policy says.
inline constexpr int max_read_attempts = 3;

struct retry_input {
  bool idempotent = true;
  error_kind error = error_kind::none; ///< none when a response arrived
  int http_status = 0;                 ///< the status when a response arrived
  int attempts = 1;                    ///< tries made so far (>= 1)
};

struct retry_decision {
  bool retry = false;
  std::chrono::milliseconds delay{0}; ///< wait before the next try
  std::string_view reason;            ///< short static explanation
};

/// Retryable: transport errors (resolve, connect, timeout, closed,
/// maybe_sent) and HTTP 429, 500, 502, 503, 504. Never retried: TLS and
/// handshake failures (configuration, not luck), cancellation, other 4xx
/// including 418 (venue ban), and anything non-idempotent. A 429 waits at
/// least one second (a full venue rate window).
retry_decision decide_retry(const retry_input& in, const backoff_policy& p,
                            double unit_random);

/// True for the statuses decide_retry retries.
bool retryable_status(int http_status);

/// Longest Retry-After taken from a venue; a larger value is capped.
inline constexpr std::chrono::seconds max_retry_after{7 * 24 * 3600};

/// A `Retry-After` header in its delta-seconds form ("120"), capped at
/// max_retry_after; nullopt when absent, malformed or an HTTP date (the
/// caller then uses its own default).
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value);

} // namespace karb::net
