#include "tools/karb-sim/perp_liquidation.hpp"

namespace karb::sim {

std::optional<liquidation_fill> liquidation_due(const perp_position& p,
                                                decimal mark, decimal margin,
                                                decimal mmr) {
  if (p.amt.is_zero() || !mark.is_positive())
    return std::nullopt;
  auto lp = liquidation_price(p, margin, mmr);
  bool long_side = p.amt.is_positive();
  if (!lp.is_positive() || (long_side ? mark > lp : mark < lp))
    return std::nullopt;
  liquidation_fill f;
  f.buy = !long_side;
  f.qty = p.amt.abs();
  f.price = lp;
  f.realized_pnl = dmul(p.amt, lp - p.entry);
  f.clearance_fee = dmul(dmul(f.qty, lp), mmr);
  return f;
}

} // namespace karb::sim
