#pragma once

// The OKX rate-limit model (exchanges.md §5.2): one budget per endpoint,
// which the venue states per 2 s; here per second, rounded down, at least
// 1. Every request costs one token. OKX sends no budget header.
//
//   group           path (/api/v5/...)               per 2 s  per s
//   instruments     public/instruments                20       10
//   ticker          market/ticker                     20       10
//   books           market/books                      40       20
//   funding         public/funding-rate               20       10
//   funding_history public/funding-rate-history       10        5
//   balance         account/balance                   10        5
//   positions       account/positions                 10        5
//   place           trade/order (POST)                60       30
//   cancel          trade/cancel-order                60       30
//   order           trade/order (GET)                 60       30
//   amend           trade/amend-order                 60       30  (*)
//   orders_pending  trade/orders-pending              60       30  (*)
//   orders_history  trade/orders-history              40       20  (*)
//   time            public/time                       10        5  (*)
//   leverage        account/set-leverage              20       10  (*)
//   position_mode   account/set-position-mode          5        2  (*)
//   other           anything else                     10        5  (*)
//
// (*) not in the reference table: the venue documentation's figures as
// remembered, to be checked.

#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::okx {

std::vector<venue::rate_group> rate_groups();

/// The group of a request (see above).
std::string rate_group_of(std::string_view method, std::string_view target);

} // namespace karb::okx
