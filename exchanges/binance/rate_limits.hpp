#pragma once

// The Binance rate-limit model (exchanges.md §3.4, §4.3): two groups per
// venue, as token buckets per second.
//
//   spot   weight  6000 per minute -> 100 per s    orders 100 per 10 s -> 10 per s
//   USD-M  weight  2400 per minute ->  40 per s    orders 300 per 10 s -> 30 per s
//
// Placing and cancelling (POST / DELETE of the order path) are charged to
// `orders`, one token each; every other call to `weight`, at the
// endpoint's documented weight (`request_cost`).
//
// Feedback: every reply carries X-MBX-USED-WEIGHT-1M, the weight used in
// the current minute. Below 80 % of the minute limit it is not reported
// (the local bucket keeps the pace). From 80 % on, the rest of the
// minute's budget is spread over the next 10 s: the `weight` group is
// reported with remaining = min(per-second rate, (limit - used) / 10),
// 0 once the limit is reached.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::binance {

inline constexpr std::string_view used_weight_header = "X-MBX-USED-WEIGHT-1M";

/// The request weight per minute of `venue`.
int weight_per_minute(exchange venue);

std::vector<venue::rate_group> rate_groups(exchange venue);

/// "orders" for placing / cancelling, else "weight".
std::string rate_group_of(std::string_view method, std::string_view target);

/// The documented weight of a request on `venue`.
int request_cost(exchange venue, std::string_view method,
                 std::string_view target);

/// Reads X-MBX-USED-WEIGHT-1M (see above); nullopt below 80 % or when the
/// value is not a number.
std::optional<venue::budget_report> read_used_weight(exchange venue,
                                                     std::string_view value);

} // namespace karb::binance
