#pragma once

// Which requests a reply fault hits: each venue's real order paths sorted
// into place / cancel / lookup, and the scopes a fault spec may name.

#include <optional>
#include <string_view>

#include "tools/karb-sim/types.hpp"

namespace karb::sim {

/// What one request is, as far as reply faults care.
enum class request_kind { place, cancel, lookup, other };

/// Upbit: POST /v1/orders, DELETE /v1/order, GET /v1/order. Bithumb: the
/// same v1 paths plus POST /v2/orders, DELETE /v2/order, GET /v2/order.
/// Binance: POST / DELETE / GET /api/v3/order (spot), /fapi/v1/order
/// (USD-M). Bybit: POST /v5/order/create, POST /v5/order/cancel, GET
/// /v5/order/realtime. Everything else (lists, balances, quotation) is `other`.
request_kind classify_request(venue_kind v, std::string_view method,
                              std::string_view path);

/// The requests a fault applies to; `order` = place, cancel or lookup;
/// `any` = every request.
enum class fault_scope { place, cancel, lookup, order, any };

bool in_scope(fault_scope s, request_kind k);
std::optional<fault_scope> parse_scope(std::string_view name);
std::string_view to_string(fault_scope s);

/// A reply fault for the next `count` requests in `scope`.
struct scoped_count {
  int count = 0;
  fault_scope scope = fault_scope::place;

  /// Consumes one occurrence if the request is in scope; true if it did.
  bool take(request_kind k) {
    if (count <= 0 || !in_scope(scope, k))
      return false;
    --count;
    return true;
  }
};

} // namespace karb::sim
