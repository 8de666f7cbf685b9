#pragma once

// The portfolio's view: balances per venue, realised and daily PnL in KRW
// after fees, and the net exposure per asset against the starting position,
// and the funding the perpetual venues booked, per currency.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/decimal.hpp"
#include "messages/orders.hpp"

namespace karb {

struct portfolio_snapshot {
  std::vector<balance> balances;          ///< every venue, every currency
  decimal realised_pnl_krw;               ///< since start, after fees
  decimal daily_pnl_krw;                  ///< since the current day began
  decimal fees_krw;
  int64_t day = 0;                        ///< days since the epoch (local)
  int64_t trades = 0;
  std::map<std::string, decimal> start;   ///< total per asset at start
  std::map<std::string, decimal> exposure; ///< total now minus start
  int64_t ts_ns = 0;
  /// Funding payments booked since start, per currency (+ received); also
  /// part of the realised and daily PnL.
  std::map<std::string, decimal> funding_pnl;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, portfolio_snapshot& x) {
  return f(caf::meta::type_name("karb.portfolio_snapshot"), x.balances,
           x.realised_pnl_krw, x.daily_pnl_krw, x.fees_krw, x.day, x.trades,
           x.start, x.exposure, x.ts_ns, x.funding_pnl);
}

} // namespace karb
