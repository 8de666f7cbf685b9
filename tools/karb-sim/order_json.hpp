#pragma once

// Order and account objects as the venues' exchange API prints them
// (amounts as strings, created_at in KST).

#include <nlohmann/json.hpp>

#include "tools/karb-sim/engine.hpp"

namespace karb::sim {

using ojson = nlohmann::ordered_json;

struct order_view {
  bool trades = false;          ///< GET /v1/order adds trades[]
  bool executed_funds = false;  ///< closed-order lists add executed_funds
  bool bithumb_v2 = false;      ///< adds order_id / client_order_id
};

/// An Upbit-style order object (Bithumb v1 uses the same shape).
ojson order_to_json(const order& o, venue_kind v, order_view view = {});

/// The short reply of Bithumb POST /v2/orders and DELETE /v2/order.
ojson order_v2_ack(const order& o);

/// One `/v1/accounts` entry.
ojson balance_to_json(const std::string& currency, const asset_balance& b);

/// `{"error":{"name":...,"message":...}}`.
std::string error_body(const std::string& name, const std::string& message);

} // namespace karb::sim
