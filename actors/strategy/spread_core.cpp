#include "actors/strategy/spread_core.hpp"

#include <algorithm>

namespace karb::strategy {

namespace {

bool tradable(const venue_book& v) {
  return v.view != nullptr && v.view->healthy && !v.view->book.bids.empty()
         && !v.view->book.asks.empty();
}

priority urgency_of(decimal net_rate, decimal min_rate) {
  auto twice = min_rate + min_rate;
  if (net_rate >= twice + min_rate)
    return priority::urgent;
  if (net_rate >= twice)
    return priority::high;
  return priority::medium;
}

trading_signal make_leg(const arbitrage_opportunity& opp,
                        const instrument& symbol, side s, decimal price,
                        decimal amount, double confidence) {
  trading_signal sig;
  sig.id = opp.id + (s == side::sell ? ":sell" : ":buy");
  sig.strategy_id = opp.metadata.at("strategy_id");
  sig.symbol = symbol;
  sig.signal_side = s;
  sig.signal_type = "entry";
  sig.has_price = true;
  sig.price = price;
  sig.amount = amount;
  sig.confidence = confidence;
  sig.urgency = opp.urgency;
  sig.valid_until_ns = opp.valid_until_ns;
  sig.created_ns = opp.created_ns;
  return sig;
}

} // namespace

std::string direction_key(exchange sell_venue, exchange buy_venue) {
  return to_string(sell_venue) + ">" + to_string(buy_venue);
}

std::optional<decimal> top_spread(const order_book& sell,
                                  const order_book& buy) {
  if (sell.bids.empty() || buy.asks.empty())
    return std::nullopt;
  auto bid = sell.bids.front().price;
  auto ask = buy.asks.front().price;
  return decimal::div(bid - ask, ask);
}

double liquidity_score(decimal size, decimal sell_depth, decimal buy_depth) {
  auto depth = min(sell_depth, buy_depth);
  if (!depth.is_positive())
    return 0;
  return std::clamp(1.0 - size.to_double() / depth.to_double(), 0.0, 1.0);
}

double calculate_risk(decimal net_rate, decimal min_profit_rate,
                      double liquidity) {
  double cushion = 1.0;
  if (net_rate.is_positive())
    cushion = std::clamp(
      (net_rate - min_profit_rate).to_double() / net_rate.to_double(), 0.0,
      1.0);
  else
    cushion = 0.0;
  return 0.5 * (1.0 - cushion) + 0.5 * (1.0 - std::clamp(liquidity, 0.0, 1.0));
}

decimal calculate_profit(const venue_book& sell, const venue_book& buy,
                         decimal size) {
  if (sell.view == nullptr || buy.view == nullptr)
    return {};
  auto r = walk_size(sell.view->book.bids, buy.view->book.asks,
                     sell.taker_fee, buy.taker_fee, size);
  return r.size == size ? r.net_profit : decimal{};
}

spread_calculator::spread_calculator(scan_params params)
  : params_(std::move(params)) {
  // nop
}

std::vector<arbitrage_opportunity>
spread_calculator::scan(const venue_book& a, const venue_book& b,
                        int64_t now_ns) {
  std::vector<arbitrage_opportunity> out;
  if (auto x = evaluate(a, b, now_ns))
    out.push_back(std::move(*x));
  if (auto x = evaluate(b, a, now_ns))
    out.push_back(std::move(*x));
  return out;
}

std::vector<arbitrage_opportunity>
spread_calculator::scan_all(const std::vector<venue_book>& books,
                            int64_t now_ns) {
  std::vector<arbitrage_opportunity> out;
  for (size_t s = 0; s < books.size(); ++s)
    for (size_t b = 0; b < books.size(); ++b)
      if (s != b)
        if (auto x = evaluate(books[s], books[b], now_ns))
          out.push_back(std::move(*x));
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    return x.expected_profit > y.expected_profit;
  });
  return out;
}

namespace {

/// `x` rounded down to the step (0: unchanged).
decimal floor_to(decimal x, decimal step) {
  return step.is_positive() ? decimal::round_to(x, step, rounding::floor) : x;
}

bool below(decimal x, decimal minimum) {
  return minimum.is_positive() && x < minimum;
}

} // namespace

bool fits_rules(walk_result& w, const venue_book& sell, const venue_book& buy,
                walk_params wp, const order_book& sb, const order_book& bb) {
  auto size = floor_to(floor_to(w.size, sell.lot), buy.lot);
  if (size != w.size) {
    if (!size.is_positive())
      return false;
    wp.max_size = size;
    w = walk_to_threshold(sb.bids, bb.asks, wp);
    if (w.size != size || !w.net_profit.is_positive())
      return false;
  }
  if (below(w.size, sell.min_qty) || below(w.size, buy.min_qty))
    return false;
  return !below(w.proceeds, sell.min_notional)
         && !below(w.cost, buy.min_notional);
}

std::optional<arbitrage_opportunity>
spread_calculator::evaluate(const venue_book& sell, const venue_book& buy,
                            int64_t now_ns) {
  if (!tradable(sell) || !tradable(buy))
    return std::nullopt;
  const auto& sb = sell.view->book;
  const auto& bb = buy.view->book;
  if (sb.symbol.base != bb.symbol.base || sb.symbol.quote != bb.symbol.quote
      || sb.symbol.venue == bb.symbol.venue)
    return std::nullopt;
  walk_params wp{sell.taker_fee, buy.taker_fee, params_.min_profit_rate,
                 params_.max_size};
  auto w = walk_to_threshold(sb.bids, bb.asks, wp);
  if (!w.size.is_positive() || !w.net_profit.is_positive())
    return std::nullopt;
  if (!fits_rules(w, sell, buy, wp, sb, bb))
    return std::nullopt;
  auto best = walk_to_max_profit(sb.bids, bb.asks, sell.taker_fee,
                                 buy.taker_fee);
  auto net_rate = decimal::div(w.net_profit, w.cost).value_or(decimal{});
  arbitrage_opportunity opp;
  opp.id = params_.strategy_id + "-" + std::to_string(next_id_++);
  opp.type = arbitrage_type::cross_exchange;
  opp.symbol = sb.symbol.base + "/" + sb.symbol.quote;
  opp.exchanges = {to_string(sb.symbol.venue), to_string(bb.symbol.venue)};
  opp.expected_profit = w.net_profit;
  opp.max_profit = max(best.net_profit, w.net_profit);
  opp.max_position_size = w.size;
  opp.liquidity_score = liquidity_score(w.size, total_volume(sb.bids),
                                        total_volume(bb.asks));
  opp.risk_score = calculate_risk(net_rate, params_.min_profit_rate,
                                  opp.liquidity_score);
  opp.urgency = urgency_of(net_rate, params_.min_profit_rate);
  opp.created_ns = now_ns;
  opp.valid_until_ns = now_ns + params_.validity_ns;
  opp.ts_tick_ns = std::max(sb.ts_recv_ns, bb.ts_recv_ns);
  auto& md = opp.metadata;
  md["strategy_id"] = params_.strategy_id;
  md["direction"] = direction_key(sb.symbol.venue, bb.symbol.venue);
  md["sell_fee"] = sell.taker_fee.to_string();
  md["buy_fee"] = buy.taker_fee.to_string();
  md["net_rate"] = net_rate.to_string();
  md["proceeds"] = w.proceeds.to_string();
  md["cost"] = w.cost.to_string();
  if (auto v = decimal::div(w.proceeds, w.size))
    md["sell_vwap"] = v->to_string();
  if (auto v = decimal::div(w.cost, w.size))
    md["buy_vwap"] = v->to_string();
  auto confidence = 1.0 - opp.risk_score;
  opp.entry_signals.push_back(make_leg(opp, sb.symbol, side::sell,
                                       w.sell_limit, w.size, confidence));
  opp.entry_signals.push_back(make_leg(opp, bb.symbol, side::buy,
                                       w.buy_limit, w.size, confidence));
  return opp;
}

} // namespace karb::strategy
