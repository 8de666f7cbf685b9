#pragma once

// OKX GET /api/v5/account/bills (and /bills-archive): the swap account's
// funding fees and liquidations as bills (perp_entries.hpp), newest
// first. Pure.
//
//   funding      type 8, subType 173 (expense) / 174 (income), balChg the
//                payment, sz the position in contracts (unsigned), px
//                the funding rate [guess: the docs name px "price related
//                to subType"]
//   liquidation  type 5, subType 106 (liquidation buy, a short closed) /
//                107 (liquidation sell, a long closed) [subType numbers
//                from the docs' table as remembered, unverified], balChg
//                pnl - fee, pnl, fee (negative: paid), px the liquidation
//                price, sz contracts, ordId
// `bal` is "" (the simulator keeps no running balance per bill).

#include <optional>
#include <string>

#include "tools/karb-sim/okx_json.hpp"

namespace karb::sim {

struct okx_bill_query {
  std::string inst_id;   ///< "" = every swap
  std::string type;      ///< "" = every type
  std::string sub_type;  ///< "" = every subType
  std::optional<time_ms> begin, end; ///< on ts, inclusive
  size_t limit = 100;
};

/// The bills of account `key` that match `q`, newest first, at most
/// q.limit.
ojson okx_bills_json(const okx_venue& v, const std::string& key,
                     const okx_bill_query& q);

} // namespace karb::sim
