// USD-M liquidation (bn_engine::liquidate): the decision is
// perp_liquidation.hpp's, this books it like a fill.

#include "tools/karb-sim/bn_engine.hpp"
#include "tools/karb-sim/perp_liquidation.hpp"

namespace karb::sim {

std::vector<bn_liquidation> bn_engine::liquidate(time_ms now) {
  std::vector<bn_liquidation> out;
  if (!futures())
    return out;
  for (auto& [key, a] : accounts_)
    for (auto& [symbol, p] : a.perp.positions) {
      int m = binance_market_index(symbol);
      if (m < 0)
        continue;
      auto mmr = binance_rules(kind_, markets()[m]).maint_margin_rate;
      auto margin = p.isolated ? p.isolated_wallet : cross_wallet(a.perp);
      auto due = liquidation_due(p, mark_of(symbol), margin, mmr);
      if (!due)
        continue;
      bn_order o;
      o.id = next_order_id_++;
      o.client_id = "autoclose-" + std::to_string(now);
      o.symbol = symbol;
      o.account = key;
      o.market = static_cast<size_t>(m);
      o.buy = due->buy;
      o.type = bn_liquidation_type;
      o.tif = "IOC";
      o.price = due->price;
      o.orig_qty = o.executed_qty = due->qty;
      o.cum_quote = dmul(due->price, due->qty);
      o.status = bn_status::filled;
      o.time = o.update_time = now;
      o.reduce_only = true;
      bn_fill f;
      f.trade_id = next_tran_id_++;
      f.price = due->price;
      f.qty = due->qty;
      f.quote = o.cum_quote;
      f.commission_asset = "USDT";
      f.realized_pnl = due->realized_pnl;
      f.at = now;
      o.fills.push_back(f);
      apply_fill(p, due->buy, due->qty, due->price);
      p.update_time = now;
      a.perp.wallet += due->realized_pnl - due->clearance_fee;
      bn_liquidation rec{key, symbol, o.id, due->buy, due->qty, due->price,
                         due->realized_pnl, due->clearance_fee,
                         next_tran_id_, now};
      a.perp.income.push_back({symbol, "REALIZED_PNL", due->realized_pnl, now,
                               next_tran_id_++, std::to_string(f.trade_id)});
      a.perp.income.push_back({symbol, "INSURANCE_CLEAR", -due->clearance_fee,
                               now, next_tran_id_++, ""});
      auto& placed = orders_.emplace(o.id, std::move(o)).first->second;
      emit(placed, "TRADE", &placed.fills.back(), now);
      touch(a, symbol, "ORDER", now);
      out.push_back(std::move(rec));
    }
  return out;
}

} // namespace karb::sim
