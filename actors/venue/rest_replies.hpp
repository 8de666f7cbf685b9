#pragma once

// Turning HTTP outcomes into what the REST actor replies, pure. An order
// request's fate is always a value (order_ack), never a CAF error:
//   transport failure after the write   -> maybe_sent (look it up later)
//   transport failure before the write  -> not_sent
//   venue error body                    -> rejected, with the venue's name
//   404 order_not_found (cancel/lookup) -> not_found
//   the order object                    -> accepted (state + fills)
// Also the token-bucket sizing that keeps the node under a venue budget.

#include <cstdint>
#include <string>

#include "exchanges/registry.hpp"
#include "exchanges/common/net_types.hpp"
#include "messages/execution.hpp"
#include "messages/venue_io.hpp"

namespace karb::venue {

enum class call_kind : uint8_t {
  place, cancel, lookup, balances, snapshot, open_orders, recent_orders,
  positions, funding, instruments, server_time, prepare, settle,
};

/// Reads may be retried; place and cancel never.
constexpr bool is_idempotent(call_kind k) {
  return k != call_kind::place && k != call_kind::cancel;
}

std::string to_string(call_kind k);

/// The ack for a place, cancel or lookup outcome.
order_ack to_ack(call_kind kind, const http_reply& r,
                 const venue_protocol& p);

/// Whether the reply counts as an error (transport, 4xx/5xx, venue body).
bool is_error_reply(const http_reply& r, const venue_protocol& p);

/// The venue response of a reply without a transport error.
http::response to_response(const http_reply& r);

/// A bucket that keeps a client under `per_sec` calls in every fixed or
/// sliding second, with room for ~10% latency jitter: capacity C =
/// max(1, per_sec / 4), refill R = 0.9 (per_sec - C), so C + 1.1 R <= per_sec.
struct bucket_size {
  double capacity = 1;
  double refill_per_sec = 1;
};
bucket_size bucket_for(int per_sec);

} // namespace karb::venue
