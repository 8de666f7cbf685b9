#pragma once

// Binance account replies -> balances and positions.
//
//   spot GET /api/v3/account      balances[]{asset, free, locked}:
//                                 free -> free, locked -> used
//   USD-M GET /fapi/v3/balance    [{asset, balance, availableBalance}]:
//                                 balance -> total, availableBalance ->
//                                 free, used = total - free (0 when the
//                                 available part exceeds the wallet, as
//                                 it may with unrealized profit)
//   USD-M GET /fapi/v3/positionRisk  signed positionAmt -> side + amount
//                                 (zero amounts, symbols with only open
//                                 orders, are left out); entryPrice,
//                                 markPrice, unRealizedProfit,
//                                 liquidationPrice; margin = isolatedMargin
//                                 when isolated, else initialMargin;
//                                 leverage when the reply has it (v3 has
//                                 not: 1.0 stays)

#include <string_view>
#include <vector>

#include "exchanges/common/item_list.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/orders.hpp"

namespace karb::binance {

result<item_list<balance>> parse_spot_account(std::string_view body);
result<item_list<balance>> parse_usdm_balances(std::string_view body);
result<item_list<position>> parse_positions(std::string_view body);

/// A position from a signed amount ("-0.5" -> sell 0.5).
void set_signed_amount(position& p, decimal signed_amount);

} // namespace karb::binance
