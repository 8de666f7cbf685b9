#pragma once

// OKX GET /api/v5/account/bills?instType=SWAP&type=8 -> the funding
// payments the venue booked (bill type 8 "funding fee", subType 173
// expense / 174 income).
//
//   data[]{billId, instId, ccy, balChg, type, subType, ts, ...}: balChg
//   (the balance change, signed: - expense, + income) -> amount, ccy ->
//   currency, ts (ms) -> ts_ns, billId -> id, instId -> symbol and its
//   base ("BTC-USDT-SWAP" -> BTC). A bill names no funding rate (0). Bills
//   of another type are left out (the request asks for type 8 only).

#include <string_view>
#include <vector>

#include "exchanges/common/item_list.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/derivatives.hpp"

namespace karb::okx {

/// The bill type of funding fees.
inline constexpr std::string_view funding_bill_type = "8";

result<item_list<funding_payment>>
parse_funding_bills(std::string_view body);

} // namespace karb::okx
