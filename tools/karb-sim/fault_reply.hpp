#pragma once

// Replies that are not the venue's own answer: a reverse proxy's error
// page, a cut body, a ban's 418. Pure builders for the router.

#include "exchanges/common/http_types.hpp"
#include "tools/karb-sim/types.hpp"

namespace karb::sim {

/// An nginx-style HTML error page with `status` (502, 503 or 504),
/// `Content-Type: text/html`, `Server: nginx`.
http::response gateway_page(int status);

/// Cuts the body to its first half (headers and status unchanged; the
/// server sets Content-Length from the cut body).
void truncate_body(http::response& r);

/// Whole seconds for a Retry-After header: rounded up, at least 1.
int64_t retry_after_seconds(time_ms ms);

/// The venue's 418 `blocked` error with `Retry-After` for a ban that ends
/// in `left_ms`.
http::response ban_reply(time_ms left_ms);

} // namespace karb::sim
