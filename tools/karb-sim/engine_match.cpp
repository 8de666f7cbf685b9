// Execution half of the engine: taking liquidity, maker fills of resting
// orders, closing orders and releasing what they reserved.

#include <algorithm>

#include "tools/karb-sim/engine.hpp"

namespace karb::sim {

namespace {

bool crosses(const order& o, decimal level_price) {
  return o.bid ? level_price <= *o.price : level_price >= *o.price;
}

} // namespace

void engine::fill_one(order& o, account& a, price_level& lvl, decimal price,
                      decimal vol, bool maker, tape& t, time_ms now) {
  auto& base = a.assets[find_market(o.market)->base];
  auto& krw = a.assets["KRW"];
  fill f;
  f.uuid = rng_.uuid();
  f.price = price;
  f.volume = vol;
  f.funds = dmul(price, vol);
  f.fee = dmul(f.funds, a.fee);
  f.maker = maker;
  f.at = now;
  if (o.bid) {
    auto cost = f.funds + f.fee;
    krw.locked -= cost;
    o.locked -= cost;
    auto held = base.balance + base.locked;
    if ((held + vol).is_positive())
      base.avg_buy_price = ddiv(dmul(base.avg_buy_price, held) + f.funds,
                                held + vol);
    base.balance += vol;
    o.remaining_fee = max(decimal{}, o.remaining_fee - f.fee);
  } else {
    base.locked -= vol;
    o.locked -= vol;
    krw.balance += f.funds - f.fee;
  }
  o.paid_fee += f.fee;
  if (o.ord_type != "price")
    o.remaining_volume -= vol;
  o.executed_volume += vol;
  o.executed_funds += f.funds;
  lvl.size -= vol;
  t.record(now, price, vol, maker ? o.bid : !o.bid);
  o.trades.push_back(f);
  asset_events_.insert(a.access_key);
  emit(o, &f);
}

void engine::take(order& o, account& a, book& b, tape& t, time_ms now,
                  decimal ratio) {
  auto* spec = find_market(o.market);
  auto& side = o.bid ? b.asks : b.bids;
  bool limit = o.ord_type == "limit";
  if (limit && o.time_in_force == "post_only") {
    if (!side.empty() && crosses(o, side[0].price))
      close(o, a, order_state::cancel);
    return;
  }
  if (limit && o.time_in_force == "fok") {
    decimal avail;
    for (auto& l : side)
      if (crosses(o, l.price))
        avail += l.size;
    if (avail < o.remaining_volume) {
      close(o, a, order_state::cancel);
      return;
    }
  }
  auto one = decimal::from_raw(1);
  decimal qty = decimal::round_to(dmul(o.remaining_volume, ratio), one,
                                  rounding::down);
  decimal funds = o.ord_type == "price"
                    ? dmul(*o.price, ratio, rounding::down) : decimal{};
  for (auto& lvl : side) {
    if (limit && !crosses(o, lvl.price))
      break;
    decimal v;
    if (o.ord_type == "price") {
      v = min(lvl.size, ddiv(funds, lvl.price, rounding::down));
      if (!v.is_positive())
        break;
      funds -= dmul(lvl.price, v);
    } else {
      v = min(lvl.size, qty);
      if (!v.is_positive())
        break;
      qty -= v;
    }
    fill_one(o, a, lvl, lvl.price, v, false, t, now);
  }
  normalise(rng_, venue_, *spec, b);
  if (o.ord_type == "price") {
    close(o, a, order_state::cancel); // Upbit: a filled market buy reads cancel
  } else if (o.ord_type == "market") {
    close(o, a, o.remaining_volume.is_zero() ? order_state::done
                                             : order_state::cancel);
  } else if (o.remaining_volume.is_zero()) {
    close(o, a, order_state::done);
  } else if (o.time_in_force == "ioc" || o.time_in_force == "fok") {
    close(o, a, order_state::cancel);
  }
}

void engine::close(order& o, account& a, order_state s) {
  if (o.state != order_state::wait)
    return;
  o.state = s;
  o.cancel_pending = false;
  auto& reserve = a.assets[o.bid ? "KRW" : find_market(o.market)->base];
  reserve.locked -= o.locked;
  reserve.balance += o.locked;
  if (s == order_state::done)
    o.locked = decimal{};
  open_.erase(std::remove(open_.begin(), open_.end(), o.uuid), open_.end());
  asset_events_.insert(a.access_key);
  emit(o, nullptr);
}

void engine::match_resting(book& b, tape& t, time_ms now) {
  bool touched = false;
  auto open = open_;
  for (auto& id : open) {
    auto& o = orders_.at(id);
    if (o.state != order_state::wait || o.cancel_pending || o.market != b.code
        || o.ord_type != "limit")
      continue;
    auto& a = accounts_[o.account];
    auto& side = o.bid ? b.asks : b.bids;
    for (auto& lvl : side) {
      if (!crosses(o, lvl.price))
        break;
      auto v = min(lvl.size, o.remaining_volume);
      if (!v.is_positive())
        break;
      fill_one(o, a, lvl, *o.price, v, true, t, now);
      touched = true;
    }
    if (o.remaining_volume.is_zero())
      close(o, a, order_state::done);
  }
  if (touched)
    normalise(rng_, venue_, *find_market(b.code), b);
}

} // namespace karb::sim
