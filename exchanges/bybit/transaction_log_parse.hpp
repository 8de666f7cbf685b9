#pragma once

// Bybit v5 GET /v5/account/transaction-log?type=SETTLEMENT (UNIFIED,
// linear) -> the funding payments the venue booked.
//
//   result.list[]{id, symbol, category, type, currency, funding, cashFlow,
//   fee, change, feeRate, transactionTime, ...}: funding -> amount (the
//   docs: "positive value means receiving funding, negative paying";
//   change = cashFlow + funding - fee, which for a USDT perpetual's
//   settlement is the funding alone), feeRate (the funding rate of the
//   settlement; "" -> 0) -> rate, currency, transactionTime (ms) -> ts_ns,
//   id, symbol and its base (split_symbol). Rows of another type are left
//   out (the request asks for SETTLEMENT only).

#include <string_view>
#include <vector>

#include "exchanges/common/item_list.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/derivatives.hpp"

namespace karb::bybit {

result<item_list<funding_payment>>
parse_funding_settlements(std::string_view body);

} // namespace karb::bybit
