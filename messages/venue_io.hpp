#pragma once

// Internal messages of the venue sessions (actors/venue): what an HTTP
// callback on an I/O thread hands back to the REST actor. Local only.

#include <cstdint>
#include <string>

#include <caf/meta/type_name.hpp>

namespace karb {

/// One finished HTTP request, flattened from karb::net::http_result.
struct http_reply {
  uint64_t id = 0;             ///< the REST actor's request id
  int32_t status = 0;          ///< HTTP status, 0 on a transport error
  std::string body;
  std::string remaining;       ///< the venue's rate-limit header, if any
  std::string retry_after;     ///< the Retry-After header (429, 418), if any
  uint8_t error = 0;           ///< karb::net::error_kind, 0: none
  std::string error_message;
  int64_t ts_sent_ns = 0;      ///< steady clock: request write started
  int64_t ts_reply_ns = 0;     ///< steady clock: reply read
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, http_reply& x) {
  return f(caf::meta::type_name("karb.http_reply"), x.id, x.status, x.body,
           x.remaining, x.retry_after, x.error, x.error_message, x.ts_sent_ns,
           x.ts_reply_ns);
}

} // namespace karb
