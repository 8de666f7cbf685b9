#pragma once

// Binance USD-M GET /fapi/v1/income?incomeType=FUNDING_FEE -> the funding
// payments the venue booked.
//
//   [{symbol, incomeType, income, asset, info, time, tranId, tradeId}]
//   income (signed: + into the account, - out of it) -> amount, asset ->
//   currency, time (ms) -> ts_ns, tranId -> id; the base asset is the
//   symbol less its margin-asset suffix ("BTCUSDT", USDT -> BTC; "" when
//   the symbol does not end in it). The reply names no rate (0). Rows of
//   another incomeType are left out (the request asks for FUNDING_FEE
//   only; a reply without the filter stays usable).

#include <string_view>
#include <vector>

#include "exchanges/common/item_list.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/derivatives.hpp"

namespace karb::binance {

result<item_list<funding_payment>>
parse_funding_income(std::string_view body);

} // namespace karb::binance
