#pragma once

// The Bybit v5 rate-limit model (exchanges.md §6.4) as token buckets per
// second, one set per venue table:
//
//   orders   POST /v5/order/create, /cancel, /amend   spot 20/s, linear 10/s
//   account  every other /v5/order/*, /v5/position/*, /v5/account/*,
//            /v5/execution/*  (per-UID limits of 50/s; the rare position
//            set-up calls, 10/s at the venue, ride along)   50/s
//   public   /v5/market/*: the IP limit of 600 per 5 s (120/s) is shared
//            by everything the node sends to the host, both Bybit venues
//            included, so each venue's market data gets 50/s        50/s
//
// The per-UID budgets are per endpoint at the venue; one bucket per group
// is the stricter reading. Every call costs one token.
//
// Feedback: the venue's X-Bapi-Limit-Status header gives the calls left
// for the endpoint just called, but read_budget sees only that value, not
// the request, and so cannot tell which group it belongs to; the table
// leaves the budget header unset rather than charge one group for
// another's use (see the protocol table).

#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::bybit {

std::vector<venue::rate_group> rate_groups(exchange venue);

/// "orders", "account" or "public" (see above).
std::string rate_group_of(std::string_view method, std::string_view target);

} // namespace karb::bybit
