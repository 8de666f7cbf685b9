#pragma once

// Order placement parameters of the Upbit family, in the order the body is
// written and hashed: market, side, volume, price, <type key>, <client key>.

#include <string_view>

#include "exchanges/common/venue_error.hpp"
#include "exchanges/korea/request.hpp"
#include "messages/decimal.hpp"
#include "messages/enums.hpp"

namespace karb::korea {

/// What is placed: a limit order, a market buy spending a quote amount
/// (`ord_type=price`), or a market sell of a base quantity (`market`).
enum class order_kind { limit, market_buy_quote, market_sell };

/// The key names a venue uses (Upbit v1: ord_type/identifier; Bithumb v2:
/// order_type/client_order_id).
struct order_keys {
  std::string_view type;
  std::string_view client_id;
};

/// Checked parameters; bad_request for non-positive amounts, a wrong side
/// for the kind, or a client id outside [A-Za-z0-9_-]{1,36} (empty: none).
result<params> order_params(order_keys keys, std::string_view market, side s,
                            order_kind kind, decimal volume, decimal price,
                            std::string_view client_id);

/// "bid" / "ask".
std::string_view to_wire(side s);

} // namespace karb::korea
