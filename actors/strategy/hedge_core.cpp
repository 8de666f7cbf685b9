#include "actors/strategy/hedge_core.hpp"

#include <algorithm>

#include "actors/strategy/depth_walk.hpp"
#include "actors/strategy/spread_core.hpp"

namespace karb::strategy {

namespace {

decimal times(decimal a, decimal b) {
  return decimal::mul(a, b).value_or(decimal{});
}

decimal ratio(decimal a, decimal b) {
  return b.is_zero() ? decimal{} : decimal::div(a, b).value_or(decimal{});
}

/// The venue's published rate: the one its coming settlement uses
/// (Binance lastFundingRate, Bybit fundingRate, OKX fundingRate), kept
/// current by the venue. The funding service's premium-based prediction
/// is an estimate of the same figure, so the venue's own wins.
decimal rate_of(const leg_market& m) {
  if (!m.perpetual || !m.funding)
    return {};
  return m.funding->rate;
}

bool usable(const leg_market& m) {
  return m.view != nullptr && m.view->healthy;
}

decimal round_trip(const leg_market& a, const leg_market& b) {
  return times(decimal::from_int(2), a.taker_fee + b.taker_fee);
}

/// Floors `size` to both legs' lots; 0 when under either minimum.
decimal fit(decimal size, const leg_market& a, const leg_market& b,
            decimal price) {
  for (const auto* m : {&a, &b})
    if (m->lot.is_positive())
      size = decimal::round_to(size, m->lot, rounding::floor);
  for (const auto* m : {&a, &b}) {
    if (m->min_qty.is_positive() && size < m->min_qty)
      return {};
    if (m->min_notional.is_positive() && times(size, price) < m->min_notional)
      return {};
  }
  return size;
}

} // namespace

std::string to_string(hedge_kind k) {
  switch (k) {
    case hedge_kind::spot_perp_basis: return "spot_perp_basis";
    case hedge_kind::perp_perp: return "perp_perp";
    case hedge_kind::funding_rate: return "funding_rate";
  }
  return "?";
}

std::optional<hedge_kind> hedge_kind_from_string(std::string_view s) {
  for (auto k : {hedge_kind::spot_perp_basis, hedge_kind::perp_perp,
                 hedge_kind::funding_rate})
    if (to_string(k) == s)
      return k;
  return std::nullopt;
}

arbitrage_type arbitrage_type_of(hedge_kind k, bool both_perpetual) {
  switch (k) {
    case hedge_kind::spot_perp_basis: return arbitrage_type::spot_futures;
    case hedge_kind::perp_perp: return arbitrage_type::futures_futures;
    case hedge_kind::funding_rate: return arbitrage_type::funding_rate;
  }
  return both_perpetual ? arbitrage_type::futures_futures
                        : arbitrage_type::spot_futures;
}

decimal carry(const leg_market& lng, const leg_market& sht) {
  return rate_of(sht) - rate_of(lng);
}

decimal periods_per_year(const leg_market& m) {
  if (!m.perpetual || !m.funding)
    return {};
  // A stream that does not carry the interval (Bybit's tickers) means the
  // venues' standard 8 h.
  auto interval = m.funding->funding_interval_s > 0
                    ? m.funding->funding_interval_s
                    : int64_t{8 * 3600};
  return decimal::from_int(365 * 24 * 3600 / interval);
}

hedge_core::hedge_core(hedge_params p) : params_(std::move(p)) {
}

std::optional<hedge_signal>
hedge_core::evaluate(const std::vector<leg_market>& legs,
                     const hedge_book& book, int64_t now_ns) {
  if (legs.size() != 2 || !usable(legs[0]) || !usable(legs[1]))
    return std::nullopt;
  for (const auto* h : book.open()) {
    decimal pnl;
    auto why = exit_reason(*h, legs, now_ns, &pnl);
    if (why.empty())
      continue;
    auto w = walk_size(legs[h->long_leg].view->book.bids,
                       legs[h->short_leg].view->book.asks,
                       legs[h->long_leg].taker_fee,
                       legs[h->short_leg].taker_fee, h->size);
    if (w.size < h->size)
      continue; // the books cannot take the whole hedge now
    hedge_signal s;
    s.what = hedge_signal::action::exit;
    s.long_leg = h->long_leg;
    s.short_leg = h->short_leg;
    s.hedge_id = h->id;
    s.reason = why;
    s.opportunity = opportunity(legs, h->long_leg, h->short_leg, h->size,
                                w.sell_limit, w.buy_limit, "exit", now_ns);
    auto& o = s.opportunity;
    o.expected_profit = pnl;
    o.max_profit = pnl;
    o.urgency = why == "stop_loss" ? priority::urgent : priority::high;
    o.metadata["hedge"] = h->id;
    o.metadata["reason"] = why;
    o.metadata["cost"] = w.cost.to_string();
    return s;
  }
  if (book.live() >= params_.max_open)
    return std::nullopt;
  std::optional<hedge_signal> best;
  auto consider = [&](int lng, int sht) {
    auto s = entry(legs, lng, sht, now_ns);
    if (s && (!best || s->opportunity.expected_profit
                         > best->opportunity.expected_profit))
      best = std::move(s);
  };
  bool p0 = legs[0].perpetual;
  bool p1 = legs[1].perpetual;
  if (p0 && p1) {
    consider(0, 1);
    consider(1, 0);
  } else if (p1) {
    consider(0, 1); // long spot, short the perpetual
  } else if (p0) {
    consider(1, 0);
  }
  return best;
}

std::string hedge_core::exit_reason(const hedge& h,
                                    const std::vector<leg_market>& legs,
                                    int64_t now_ns,
                                    decimal* pnl_if_closed) const {
  const auto& lng = legs[h.long_leg];
  const auto& sht = legs[h.short_leg];
  auto w = walk_size(lng.view->book.bids, sht.view->book.asks, lng.taker_fee,
                     sht.taker_fee, h.size);
  if (w.size < h.size || !w.proceeds.is_positive())
    return {};
  auto basis_pnl = h.realised + w.net_profit;
  auto pnl = basis_pnl + h.funding;
  if (pnl_if_closed)
    *pnl_if_closed = pnl;
  auto notional = times(h.size, h.buy_price);
  auto exit_basis = ratio(w.cost, w.proceeds) - decimal::from_int(1);
  auto c = carry(lng, sht);
  if (params_.stop_loss.is_positive()
      && basis_pnl <= -times(params_.stop_loss, notional))
    return "stop_loss";
  if (params_.kind == hedge_kind::funding_rate) {
    if (params_.take_profit.is_positive()
        && pnl >= times(params_.take_profit, notional))
      return "take_profit";
    if (c.is_negative())
      return "funding_flip";
  } else {
    if (exit_basis <= params_.exit_threshold)
      return "converged";
    if (c.is_negative() && -c > exit_basis)
      return "edge_gone";
  }
  if (now_ns - h.opened_ns >= params_.max_holding_ns)
    return "max_holding";
  return {};
}

std::optional<hedge_signal>
hedge_core::entry(const std::vector<leg_market>& legs, int lng, int sht,
                  int64_t now_ns) {
  const auto& l = legs[lng];
  const auto& s = legs[sht];
  if (l.view->book.asks.empty() || s.view->book.bids.empty())
    return std::nullopt;
  auto size = fit(params_.size, l, s, l.view->book.asks.front().price);
  if (!size.is_positive())
    return std::nullopt;
  auto w = walk_size(s.view->book.bids, l.view->book.asks, s.taker_fee,
                     l.taker_fee, size);
  if (w.size < size || !w.cost.is_positive())
    return std::nullopt;
  auto basis = ratio(w.proceeds, w.cost) - decimal::from_int(1);
  auto c = carry(l, s);
  auto horizon = decimal::from_int(std::max<int64_t>(1, params_.horizon_periods));
  auto net = basis - round_trip(l, s) + times(c, horizon);
  decimal annual;
  if (params_.kind == hedge_kind::funding_rate) {
    auto periods = periods_per_year(s.perpetual ? s : l);
    annual = ratio(times(net, periods), horizon);
    if (!c.is_positive() || annual < params_.min_annual_edge)
      return std::nullopt;
  } else if (net < params_.entry_threshold
             || basis <= params_.exit_threshold) {
    return std::nullopt;
  }
  hedge_signal out;
  out.long_leg = lng;
  out.short_leg = sht;
  out.reason = "entry";
  out.opportunity = opportunity(legs, sht, lng, size, w.sell_limit,
                                w.buy_limit, "entry", now_ns);
  auto& o = out.opportunity;
  o.expected_profit = times(net, w.cost);
  o.max_profit = o.expected_profit;
  auto depth = std::min(total_volume(s.view->book.bids),
                        total_volume(l.view->book.asks));
  o.liquidity_score = liquidity_score(size, depth, depth);
  o.risk_score = calculate_risk(net, params_.kind == hedge_kind::funding_rate
                                       ? decimal{}
                                       : params_.entry_threshold,
                                o.liquidity_score);
  o.metadata["basis"] = basis.to_string();
  o.metadata["carry"] = c.to_string();
  o.metadata["net_rate"] = net.to_string();
  o.metadata["cost"] = w.cost.to_string();
  if (params_.kind == hedge_kind::funding_rate)
    o.metadata["annual_edge"] = annual.to_string();
  return out;
}

arbitrage_opportunity
hedge_core::opportunity(const std::vector<leg_market>& legs, int sell_leg,
                        int buy_leg, decimal size, decimal sell_limit,
                        decimal buy_limit, const std::string& signal_type,
                        int64_t now_ns) {
  const auto& sv = legs[sell_leg].view->book;
  const auto& bv = legs[buy_leg].view->book;
  arbitrage_opportunity o;
  o.id = params_.strategy_id + "-" + std::to_string(next_id_++);
  o.type = arbitrage_type_of(params_.kind,
                             legs[0].perpetual && legs[1].perpetual);
  o.symbol = sv.symbol.base + "/" + sv.symbol.quote;
  o.exchanges = {to_string(sv.symbol.venue), to_string(bv.symbol.venue)};
  auto signal = [&](const order_book& b, side sd, decimal price) {
    trading_signal x;
    x.id = o.id + (sd == side::sell ? "-s" : "-b");
    x.strategy_id = params_.strategy_id;
    x.symbol = b.symbol;
    x.signal_side = sd;
    x.signal_type = signal_type;
    x.has_price = true;
    x.price = price;
    x.amount = size;
    x.confidence = 1.0;
    x.urgency = priority::high;
    x.valid_until_ns = now_ns + params_.validity_ns;
    x.created_ns = now_ns;
    return x;
  };
  o.entry_signals = {signal(sv, side::sell, sell_limit),
                     signal(bv, side::buy, buy_limit)};
  o.max_position_size = size;
  o.urgency = priority::high;
  o.created_ns = now_ns;
  o.valid_until_ns = now_ns + params_.validity_ns;
  o.ts_tick_ns = std::max(sv.ts_recv_ns, bv.ts_recv_ns);
  o.metadata["kind"] = to_string(params_.kind);
  o.metadata["direction"] = o.exchanges[0] + ">" + o.exchanges[1];
  return o;
}

} // namespace karb::strategy
