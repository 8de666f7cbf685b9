#include "tools/karb-sim/perp_entries.hpp"

#include <algorithm>

namespace karb::sim {

namespace {

/// The settlement of `symbol` at `time` (nullptr when none).
const funding_record* settlement_of(const binance_venue& v,
                                    const std::string& symbol, time_ms time) {
  for (auto i = v.funding_history.rbegin(); i != v.funding_history.rend(); ++i)
    if (i->symbol == symbol && i->time == time)
      return &*i;
  return nullptr;
}

} // namespace

std::vector<perp_entry> perp_entries(const binance_venue& v,
                                     const std::string& key) {
  std::vector<perp_entry> out;
  auto i = v.eng.accounts().find(key);
  if (i == v.eng.accounts().end())
    return out;
  for (auto& r : i->second.perp.income) {
    if (r.type != "FUNDING_FEE")
      continue;
    perp_entry e;
    e.symbol = r.symbol;
    e.id = r.tran_id;
    e.time = r.time;
    e.amount = r.income;
    if (auto* s = settlement_of(v, r.symbol, r.time)) {
      e.rate = s->rate;
      e.mark = s->mark;
      // payment = -amt * mark * rate
      auto per_unit = dmul(s->mark, s->rate);
      if (!per_unit.is_zero())
        e.position = ddiv(-r.income, per_unit);
    }
    out.push_back(std::move(e));
  }
  for (auto& x : v.liquidations) {
    if (x.account != key)
      continue;
    perp_entry e;
    e.kind = perp_entry::liquidation;
    e.symbol = x.symbol;
    e.id = x.tran_id;
    e.time = x.time;
    e.amount = x.realized_pnl - x.clearance_fee;
    e.buy = x.buy;
    e.qty = x.qty;
    e.price = x.price;
    e.realized_pnl = x.realized_pnl;
    e.fee = x.clearance_fee;
    e.order_id = x.order_id;
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const perp_entry& a, const perp_entry& b) {
                     return a.id < b.id;
                   });
  return out;
}

} // namespace karb::sim
