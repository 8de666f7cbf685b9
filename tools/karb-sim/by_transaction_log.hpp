#pragma once

// Bybit v5 GET /v5/account/transaction-log (UNIFIED, category linear): the
// linear account's funding settlements and liquidations (perp_entries.hpp),
// newest first. Pure.
//
//   SETTLEMENT   funding (the docs: + received, - paid), change = funding,
//                cashFlow 0, fee 0, feeRate the funding rate, tradePrice
//                the mark of the settlement, size the position (signed),
//                qty |size|, side Buy (long) / Sell (short)
//   LIQUIDATION  cashFlow the realised PnL, fee the clearance fee (paid:
//                positive), change = cashFlow - fee, tradePrice the
//                liquidation price, qty the closed size, size 0 after,
//                side the closing side, orderId the liquidation order
// `cashBalance` is "" (no running balance is kept per row) and there is
// one page (nextPageCursor "").

#include <optional>
#include <string>

#include "tools/karb-sim/by_json.hpp"
#include "tools/karb-sim/by_venue.hpp"

namespace karb::sim {

struct by_log_query {
  std::string type;      ///< "" = every type
  std::string base_coin; ///< "" = every symbol
  time_ms start = 0, end = 0; ///< on transactionTime, inclusive
  size_t limit = 20;
};

ojson by_transaction_log_json(const bybit_venue& v, const std::string& key,
                              const by_log_query& q);

} // namespace karb::sim
