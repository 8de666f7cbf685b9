#pragma once

// When a one-way USD-M position is liquidated and what closing it books,
// as plain functions (the formulas of perp_ledger.hpp). Pure.
//
// A position is liquidated once its mark price reaches its liquidation
// price L (long: mark <= L, short: mark >= L; L = 0, a long the wallet
// covers to a price of zero, never is). It is closed in full at L:
//   realised PnL   = amt * (L - entry)
//   clearance fee  = |amt| * L * mmr (the maintenance margin at L, Binance's
//                    liquidation clearance fee, income INSURANCE_CLEAR)
// At L the margin M (cross wallet or isolated wallet) is exactly the
// maintenance margin, so M + PnL - fee = 0: the whole margin is lost, as
// if the position had been closed at its bankruptcy price.

#include <optional>

#include "tools/karb-sim/perp_ledger.hpp"

namespace karb::sim {

struct liquidation_fill {
  bool buy = false;     ///< the closing side (a long is sold)
  decimal qty;          ///< |amt|
  decimal price;        ///< the liquidation price
  decimal realized_pnl; ///< signed
  decimal clearance_fee;///< >= 0, paid
};

/// The close of `p` if `mark` has reached its liquidation price (with
/// `margin` the cross or isolated wallet); nullopt otherwise.
std::optional<liquidation_fill> liquidation_due(const perp_position& p,
                                                decimal mark, decimal margin,
                                                decimal mmr);

} // namespace karb::sim
