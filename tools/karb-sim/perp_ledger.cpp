#include "tools/karb-sim/perp_ledger.hpp"

namespace karb::sim {

namespace {

decimal clamp(decimal x, decimal lo, decimal hi) {
  return min(max(x, lo), hi);
}

} // namespace

decimal unrealized_pnl(const perp_position& p, decimal mark) {
  return dmul(p.amt, mark - p.entry);
}

decimal position_initial_margin(const perp_position& p, decimal mark) {
  if (p.isolated)
    return p.isolated_wallet;
  return ddiv(dmul(p.amt.abs(), mark), decimal::from_int(p.leverage));
}

decimal maint_margin(const perp_position& p, decimal mark, decimal mmr) {
  return dmul(dmul(p.amt.abs(), mark), mmr);
}

decimal cross_wallet(const perp_account& a) {
  decimal w = a.wallet;
  for (auto& [symbol, p] : a.positions)
    if (p.isolated)
      w -= p.isolated_wallet;
  return w;
}

decimal available_balance(const perp_account& a, const mark_table& marks,
                          decimal open_order_margin) {
  decimal avail = a.wallet - open_order_margin;
  for (auto& [symbol, p] : a.positions) {
    if (p.amt.is_zero())
      continue;
    auto i = marks.find(symbol);
    decimal mark = i == marks.end() ? p.entry : i->second;
    if (!p.isolated)
      avail += unrealized_pnl(p, mark);
    avail -= position_initial_margin(p, mark);
  }
  return avail;
}

decimal liquidation_price(const perp_position& p, decimal margin, decimal mmr) {
  if (p.amt.is_zero())
    return decimal{};
  auto q = p.amt.abs();
  auto per_unit = ddiv(margin, q);
  auto one = decimal::from_int(1);
  auto lp = p.amt.is_positive() ? ddiv(p.entry - per_unit, one - mmr)
                                : ddiv(p.entry + per_unit, one + mmr);
  return lp.is_positive() ? lp : decimal{};
}

decimal apply_fill(perp_position& p, bool buy, decimal qty, decimal price) {
  decimal signed_qty = buy ? qty : -qty;
  decimal realized;
  bool reducing = !p.amt.is_zero() && (p.amt.is_positive() != buy);
  if (reducing) {
    auto closed = min(qty, p.amt.abs());
    realized = dmul(p.amt.is_positive() ? closed : -closed, price - p.entry);
    auto rest = qty - closed;
    p.amt += signed_qty;
    if (p.amt.is_zero())
      p.entry = decimal{};
    else if (rest.is_positive()) // flipped: the rest opens at this price
      p.entry = price;
  } else {
    auto held = p.amt.abs();
    p.entry = ddiv(dmul(p.entry, held) + dmul(price, qty), held + qty);
    p.amt += signed_qty;
  }
  p.isolated_wallet = p.isolated
                        ? ddiv(dmul(p.amt.abs(), p.entry),
                               decimal::from_int(p.leverage))
                        : decimal{};
  return realized;
}

decimal funding_payment(decimal amt, decimal mark, decimal rate) {
  return dmul(dmul(amt, mark), rate);
}

decimal funding_rate(decimal premium_index) {
  auto rate = premium_index
              + clamp(interest_rate - premium_index, -funding_clamp,
                      funding_clamp);
  return clamp(rate, -funding_cap, funding_cap);
}

} // namespace karb::sim
