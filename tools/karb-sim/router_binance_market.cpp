// Market-data endpoints both Binance venues serve in nearly the same shape:
// depth, recent trades, tickers.

#include "tools/karb-sim/router_binance.hpp"

#include <climits>
#include <cstdlib>
#include <vector>

namespace karb::sim::bn {

namespace {

bool futures(const call& c) {
  return c.v.kind == venue_kind::binance_usdm;
}

} // namespace

ojson book_ticker(const call& c, size_t m) {
  auto f = bn_format_for(c.v.kind, m);
  auto& b = c.v.books[m];
  ojson j;
  j["symbol"] = binance_symbol(markets()[m]);
  j["bidPrice"] = f.p(b.best_bid());
  j["bidQty"] = f.q(b.bids.empty() ? decimal{} : b.bids[0].size);
  j["askPrice"] = f.p(b.best_ask());
  j["askQty"] = f.q(b.asks.empty() ? decimal{} : b.asks[0].size);
  if (futures(c)) {
    j["time"] = b.timestamp;
    j["lastUpdateId"] = c.bv.depth[m].last_update_id();
  }
  return j;
}

ojson day_ticker(const call& c, size_t m) {
  auto f = bn_format_for(c.v.kind, m);
  auto& tp = c.v.tapes[m];
  auto& t = tp.ticker();
  auto& b = c.v.books[m];
  ojson j;
  j["symbol"] = binance_symbol(markets()[m]);
  j["priceChange"] = f.p(t.signed_change_price());
  j["priceChangePercent"] = fixed(dmul(t.signed_change_rate(),
                                       decimal::from_int(100)), 3);
  auto quote_volume = decimal::from_int(t.acc_trade_price);
  j["weightedAvgPrice"] = f.p(t.acc_trade_volume.is_zero()
                                ? t.trade_price
                                : ddiv(quote_volume, t.acc_trade_volume));
  if (!futures(c))
    j["prevClosePrice"] = f.p(t.prev_closing_price);
  j["lastPrice"] = f.p(t.trade_price);
  j["lastQty"] = f.q(t.trade_volume);
  if (!futures(c)) {
    j["bidPrice"] = f.p(b.best_bid());
    j["bidQty"] = f.q(b.bids.empty() ? decimal{} : b.bids[0].size);
    j["askPrice"] = f.p(b.best_ask());
    j["askQty"] = f.q(b.asks.empty() ? decimal{} : b.asks[0].size);
  }
  j["openPrice"] = f.p(t.opening_price);
  j["highPrice"] = f.p(t.high_price);
  j["lowPrice"] = f.p(t.low_price);
  j["volume"] = f.q(t.acc_trade_volume);
  j["quoteVolume"] = f.m(quote_volume);
  j["openTime"] = c.now - 86'400'000;
  j["closeTime"] = c.now;
  auto& recent = tp.recent();
  int64_t first = recent.empty() ? -1 : recent.front().sequential_id;
  int64_t last = recent.empty() ? -1 : recent.back().sequential_id;
  j["firstId"] = first;
  j["lastId"] = last;
  j["count"] = static_cast<int64_t>(recent.size());
  return j;
}

ojson price_ticker(const call& c, size_t m) {
  auto f = bn_format_for(c.v.kind, m);
  ojson j{{"symbol", binance_symbol(markets()[m])},
          {"price", f.p(c.v.tapes[m].ticker().trade_price)}};
  if (futures(c))
    j["time"] = c.now;
  return j;
}

http::response per_symbol(call& c, ojson (*one)(const call&, size_t)) {
  if (c.has("symbol")) {
    auto m = market_of(c.get("symbol"));
    if (!m)
      return fail(400, -1121, "Invalid symbol.");
    return ok(one(c, *m));
  }
  ojson arr = ojson::array();
  for (size_t m = 0; m < markets().size(); ++m)
    arr.push_back(one(c, m));
  return ok(arr);
}

http::response recent_trades(call& c, reply&) {
  if (auto e = need(c, {"symbol"}))
    return fail(*e);
  auto m = market_of(c.get("symbol"));
  if (!m)
    return fail(400, -1121, "Invalid symbol.");
  auto f = bn_format_for(c.v.kind, *m);
  auto& recent = c.v.tapes[*m].recent();
  auto n = static_cast<size_t>(limit_param(c, 500, 1000));
  ojson arr = ojson::array();
  for (size_t i = recent.size() > n ? recent.size() - n : 0; i < recent.size();
       ++i) {
    auto& p = recent[i];
    ojson j;
    j["id"] = p.sequential_id;
    j["price"] = f.p(p.price);
    j["qty"] = f.q(p.volume);
    j["quoteQty"] = f.m(dmul(p.price, p.volume));
    j["time"] = p.timestamp;
    j["isBuyerMaker"] = p.taker_ask;
    if (!futures(c))
      j["isBestMatch"] = true;
    arr.push_back(std::move(j));
  }
  return ok(arr);
}

http::response agg_trades(call& c, reply&) {
  if (auto e = need(c, {"symbol"}))
    return fail(*e);
  auto m = market_of(c.get("symbol"));
  if (!m)
    return fail(400, -1121, "Invalid symbol.");
  auto f = bn_format_for(c.v.kind, *m);
  auto& recent = c.v.tapes[*m].recent();
  // Filters as documented: fromId (inclusive), else startTime / endTime
  // (inclusive), else the most recent; limit default 500, at most 1000.
  // One print is one aggregate (as on the aggTrade stream): a = f = l.
  bool by_id = c.has("fromId");
  int64_t from_id = by_id ? std::atoll(c.get("fromId").c_str()) : 0;
  int64_t start = c.has("startTime") ? std::atoll(c.get("startTime").c_str())
                                     : INT64_MIN;
  int64_t end = c.has("endTime") ? std::atoll(c.get("endTime").c_str())
                                 : INT64_MAX;
  auto n = static_cast<size_t>(limit_param(c, 500, 1000));
  std::vector<const trade_print*> picked;
  for (auto& p : recent)
    if ((!by_id || p.sequential_id >= from_id) && p.timestamp >= start
        && p.timestamp <= end)
      picked.push_back(&p);
  // fromId or startTime: the first `limit` from there; otherwise the last.
  size_t first = 0;
  if (picked.size() > n && !by_id && !c.has("startTime"))
    first = picked.size() - n;
  ojson arr = ojson::array();
  for (size_t i = first; i < picked.size() && i < first + n; ++i) {
    auto& p = *picked[i];
    ojson j;
    j["a"] = p.sequential_id;
    j["p"] = f.p(p.price);
    j["q"] = f.q(p.volume);
    j["f"] = p.sequential_id;
    j["l"] = p.sequential_id;
    j["T"] = p.timestamp;
    j["m"] = p.taker_ask; // the buyer was the maker: the taker sold
    if (!futures(c))
      j["M"] = true;
    arr.push_back(std::move(j));
  }
  return ok(arr);
}

http::response depth(call& c, int fallback, int max) {
  if (auto e = need(c, {"symbol"}))
    return fail(*e);
  auto m = market_of(c.get("symbol"));
  if (!m)
    return fail(400, -1121, "Invalid symbol.");
  auto n = static_cast<size_t>(limit_param(c, fallback, max));
  auto f = bn_format_for(c.v.kind, *m);
  auto& b = c.v.books[*m];
  auto side = [&](const std::vector<price_level>& levels) {
    ojson arr = ojson::array();
    for (size_t i = 0; i < levels.size() && i < n; ++i)
      arr.push_back({f.p(levels[i].price), f.q(levels[i].size)});
    return arr;
  };
  ojson j;
  j["lastUpdateId"] = c.bv.depth[*m].last_update_id();
  if (futures(c)) {
    j["E"] = c.now;
    j["T"] = b.timestamp;
  }
  j["bids"] = side(b.bids);
  j["asks"] = side(b.asks);
  return ok(j);
}

} // namespace karb::sim::bn
