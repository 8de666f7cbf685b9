#pragma once

// The account ledger of a USD-M engine as the OKX bills and the Bybit
// transaction log list it: one entry per funding payment (income row
// FUNDING_FEE, with the settlement's rate and mark) and per liquidation.
// Pure: the venues' routers render the entries in their own shapes.

#include <string>
#include <vector>

#include "tools/karb-sim/bn_venue.hpp"

namespace karb::sim {

struct perp_entry {
  enum kind_t { funding, liquidation } kind = funding;
  std::string symbol;   ///< the engine's ("BTCUSDT")
  int64_t id = 0;       ///< the income row's tranId
  time_ms time = 0;
  decimal amount;       ///< signed change of the wallet
  // funding: the settlement's rate and mark, the position it paid on
  decimal rate, mark, position;
  // liquidation: the close
  bool buy = false;
  decimal qty, price, realized_pnl, fee;
  int64_t order_id = 0;
};

/// The funding payments and liquidations of account `key` on `v`, oldest
/// first.
std::vector<perp_entry> perp_entries(const binance_venue& v,
                                     const std::string& key);

} // namespace karb::sim
