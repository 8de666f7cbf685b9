// Execution half of the Binance engine: taking liquidity, maker fills of
// resting orders, settling a fill (spot balances or a USD-M position),
// closing orders and releasing what they reserved, funding.

#include <algorithm>

#include "tools/karb-sim/bn_engine.hpp"

namespace karb::sim {

namespace {

bool crosses(const bn_order& o, decimal level_price) {
  return o.buy ? level_price <= o.price : level_price >= o.price;
}

decimal floor_to(decimal x, decimal step) {
  return decimal::round_to(x, step, rounding::down);
}

} // namespace

void bn_engine::execute(bn_order& o, bn_account& a, book& b, tape& t,
                        time_ms now, decimal ratio) {
  auto& spec = markets()[o.market];
  auto rules = binance_rules(kind_, spec);
  auto& side = o.buy ? b.asks : b.bids;
  bool limit = o.type != "MARKET";
  bool by_quote = o.orig_quote_qty.is_positive();
  if (o.type == "LIMIT_MAKER" || o.tif == "GTX")
    return; // checked in validate(): rests
  if (o.tif == "FOK" && limit) {
    decimal avail;
    for (auto& l : side)
      if (crosses(o, l.price))
        avail += l.size;
    if (avail < o.orig_qty)
      return close(o, a, bn_status::expired, now, true);
  }
  decimal qty_left = floor_to(dmul(o.remaining(), ratio), rules.step);
  decimal quote_left = by_quote ? dmul(o.orig_quote_qty, ratio) : decimal{};
  for (auto& lvl : side) {
    if (limit && !crosses(o, lvl.price))
      break;
    decimal q = by_quote ? min(lvl.size, floor_to(ddiv(quote_left, lvl.price,
                                                       rounding::down),
                                                  rules.step))
                         : min(lvl.size, qty_left);
    if (by_quote && !o.buy && !futures())
      q = min(q, o.locked); // a quote sell spends at most what it holds
    if (!q.is_positive())
      break;
    if (by_quote) {
      quote_left -= dmul(lvl.price, q);
      o.orig_qty += q; // a quote order's quantity is what it bought
    } else {
      qty_left -= q;
    }
    fill_one(o, a, lvl, lvl.price, q, false, t, now);
  }
  normalise(rng_, kind_, spec, b);
  if (!o.open())
    return;
  if (by_quote && o.executed_qty.is_positive())
    return close(o, a, bn_status::filled, now, false);
  if (!limit || o.tif == "IOC" || o.tif == "FOK")
    close(o, a, bn_status::expired, now, true);
}

void bn_engine::fill_one(bn_order& o, bn_account& a, price_level& lvl,
                         decimal price, decimal qty, bool maker, tape& t,
                         time_ms now) {
  auto& base = markets()[o.market].base;
  bn_fill f;
  f.price = price;
  f.qty = qty;
  f.quote = dmul(price, qty);
  f.maker = maker;
  f.at = now;
  auto rate = maker ? a.maker_fee : a.taker_fee;
  if (!futures()) {
    auto& quote = a.balances["USDT"];
    auto& asset = a.balances[base];
    if (o.buy) {
      f.commission = dmul(qty, rate);
      f.commission_asset = base;
      auto reserved = o.type == "MARKET" ? f.quote : dmul(o.price, qty);
      quote.locked -= reserved;
      o.locked -= reserved;
      quote.free += reserved - f.quote; // filled below the limit
      asset.free += qty - f.commission;
    } else {
      f.commission = dmul(f.quote, rate);
      f.commission_asset = "USDT";
      asset.locked -= qty;
      o.locked -= qty;
      quote.free += f.quote - f.commission;
    }
    touch(a, "USDT", "ORDER", now);
    touch(a, base, "ORDER", now);
  } else {
    f.commission = dmul(f.quote, rate);
    f.commission_asset = "USDT";
    auto& p = position(a, o.symbol);
    auto before = o.remaining();
    f.realized_pnl = apply_fill(p, o.buy, qty, price);
    p.update_time = now;
    o.locked -= ddiv(dmul(o.locked, qty), before); // margin of the filled part
    a.perp.wallet += f.realized_pnl - f.commission;
    if (!f.realized_pnl.is_zero())
      a.perp.income.push_back({o.symbol, "REALIZED_PNL", f.realized_pnl, now,
                               next_tran_id_++, ""});
    a.perp.income.push_back({o.symbol, "COMMISSION", -f.commission, now,
                             next_tran_id_++, ""});
    touch(a, o.symbol, "ORDER", now);
  }
  o.executed_qty += qty;
  o.cum_quote += f.quote;
  o.update_time = now;
  lvl.size -= qty;
  // The print's taker side: ours when we take, the other side when we rest.
  bool taker_sold = maker ? o.buy : !o.buy;
  f.trade_id = t.record(now, price, qty, taker_sold).sequential_id;
  if (futures())
    for (auto r = a.perp.income.rbegin();
         r != a.perp.income.rend() && r->time == now && r->trade_id.empty()
         && r->type != "FUNDING_FEE";
         ++r)
      r->trade_id = std::to_string(f.trade_id);
  o.fills.push_back(f);
  bool by_quote = o.orig_quote_qty.is_positive();
  o.status = !by_quote && o.remaining().is_zero() ? bn_status::filled
                                                  : bn_status::partially_filled;
  emit(o, "TRADE", &f, now);
  if (o.status == bn_status::filled)
    close(o, a, bn_status::filled, now, false);
}

void bn_engine::close(bn_order& o, bn_account& a, bn_status s, time_ms now,
                      bool event) {
  o.status = s;
  o.update_time = now;
  if (!futures() && o.locked.is_positive()) {
    auto asset = o.buy ? std::string{"USDT"} : markets()[o.market].base;
    auto& bal = a.balances[asset];
    bal.locked -= o.locked;
    bal.free += o.locked;
    touch(a, asset, "ORDER", now);
  }
  o.locked = decimal{};
  if (event)
    emit(o, s == bn_status::canceled ? "CANCELED" : "EXPIRED", nullptr, now);
}

void bn_engine::match_resting(size_t m, book& b, tape& t, time_ms now) {
  bool touched = false;
  for (auto& [id, o] : orders_) {
    if (!o.open() || o.market != m || o.type == "MARKET")
      continue;
    auto& a = accounts_[o.account];
    auto& side = o.buy ? b.asks : b.bids;
    for (auto& lvl : side) {
      if (!o.open() || !crosses(o, lvl.price))
        break;
      auto q = min(lvl.size, o.remaining());
      if (!q.is_positive())
        continue;
      fill_one(o, a, lvl, o.price, q, true, t, now);
      touched = true;
    }
  }
  if (touched)
    normalise(rng_, kind_, markets()[m], b);
}

void bn_engine::settle_funding(const std::string& symbol, decimal rate,
                               decimal mark, time_ms now) {
  for (auto& [key, a] : accounts_) {
    auto i = a.perp.positions.find(symbol);
    if (i == a.perp.positions.end() || i->second.amt.is_zero())
      continue;
    auto pay = funding_payment(i->second.amt, mark, rate);
    a.perp.wallet -= pay;
    a.perp.income.push_back({symbol, "FUNDING_FEE", -pay, now,
                             next_tran_id_++, ""});
    touch(a, symbol, "FUNDING_FEE", now);
  }
}

} // namespace karb::sim
