#include "tools/karb-sim/fault_scope.hpp"

namespace karb::sim {

request_kind classify_request(venue_kind v, std::string_view method,
                              std::string_view path) {
  if (is_binance(v)) {
    if (path != "/api/v3/order" && path != "/fapi/v1/order")
      return request_kind::other;
    return method == "POST"     ? request_kind::place
           : method == "DELETE" ? request_kind::cancel
           : method == "GET"    ? request_kind::lookup
                                : request_kind::other;
  }
  if (is_okx(v)) {
    if (method == "POST"
        && (path == "/api/v5/trade/order" || path == "/api/v5/trade/batch-orders"))
      return request_kind::place;
    if (method == "POST" && path == "/api/v5/trade/cancel-order")
      return request_kind::cancel;
    if (method == "GET" && path == "/api/v5/trade/order")
      return request_kind::lookup;
    return request_kind::other;
  }
  if (is_bybit(v)) {
    if (method == "POST" && path == "/v5/order/create")
      return request_kind::place;
    if (method == "POST" && path == "/v5/order/cancel")
      return request_kind::cancel;
    if (method == "GET" && path == "/v5/order/realtime")
      return request_kind::lookup;
    return request_kind::other;
  }
  bool v2 = v == venue_kind::bithumb;
  if (method == "POST"
      && (path == "/v1/orders" || (v2 && path == "/v2/orders")))
    return request_kind::place;
  if (path == "/v1/order" || (v2 && path == "/v2/order")) {
    if (method == "DELETE")
      return request_kind::cancel;
    if (method == "GET")
      return request_kind::lookup;
  }
  return request_kind::other;
}

bool in_scope(fault_scope s, request_kind k) {
  switch (s) {
    case fault_scope::place: return k == request_kind::place;
    case fault_scope::cancel: return k == request_kind::cancel;
    case fault_scope::lookup: return k == request_kind::lookup;
    case fault_scope::order: return k != request_kind::other;
    case fault_scope::any: return true;
  }
  return false;
}

std::optional<fault_scope> parse_scope(std::string_view name) {
  for (auto s : {fault_scope::place, fault_scope::cancel, fault_scope::lookup,
                 fault_scope::order, fault_scope::any})
    if (to_string(s) == name)
      return s;
  return std::nullopt;
}

std::string_view to_string(fault_scope s) {
  switch (s) {
    case fault_scope::place: return "place";
    case fault_scope::cancel: return "cancel";
    case fault_scope::lookup: return "lookup";
    case fault_scope::order: return "order";
    case fault_scope::any: return "any";
  }
  return "place";
}

} // namespace karb::sim
