#pragma once

// WebSocket subscribe requests of the Upbit family: one JSON array
// [{"ticket":...}, {"type":..., "codes":[...]}, ..., {"format":...}] sent as
// a text frame. Re-sending replaces the previous subscription.

#include <string>
#include <string_view>
#include <vector>

namespace karb::korea {

/// DEFAULT (full keys) or SIMPLE (abbreviated keys).
enum class ws_format { full, simple };

/// One requested stream. `codes` are uppercase market codes (orderbook
/// codes may carry a depth suffix "KRW-BTC.15"); empty codes are omitted,
/// which for myOrder means "all markets" and is required for myAsset.
struct ws_subscription {
  std::string type;  ///< orderbook, trade, ticker, myOrder, myAsset
  std::vector<std::string> codes;
  bool only_snapshot = false;
  bool only_realtime = false;
};

/// The request text, compact JSON, subscriptions in the given order.
std::string subscribe_request(std::string_view ticket,
                              const std::vector<ws_subscription>& subs,
                              ws_format format = ws_format::full);

/// Public book + trade streams for `codes` (the node's usual request).
std::string market_data_request(std::string_view ticket,
                                const std::vector<std::string>& codes,
                                ws_format format = ws_format::full);

/// Private myOrder (all markets) + myAsset streams.
std::string private_request(std::string_view ticket);

} // namespace karb::korea
