// Bybit v5 market data: time, instruments, order book, tickers, recent
// trades, funding history (no signature, no per-UID limit).

#include "tools/karb-sim/binance_rules.hpp"
#include "tools/karb-sim/router_bybit.hpp"

namespace karb::sim::by {

namespace {

std::string plain(decimal d) {
  return d.to_string();
}

http::response server_time(call& c, reply&) {
  ojson r;
  r["timeSecond"] = std::to_string(c.now / 1000);
  r["timeNano"] = std::to_string(c.now) + "000000";
  return ok(c, r);
}

ojson instrument(by_cat cat, size_t m) {
  auto& spec = markets()[m];
  auto r = binance_rules(engine_kind(cat), spec);
  auto d = by_digits_for(cat, m);
  ojson j;
  j["symbol"] = r.symbol;
  if (cat == by_cat::spot) {
    j["baseCoin"] = r.base;
    j["quoteCoin"] = "USDT";
    j["innovation"] = "0";
    j["status"] = "Trading";
    j["marginTrading"] = "utaOnly";
    j["stTag"] = "0";
    j["lotSizeFilter"] = {{"basePrecision", plain(r.step)},
                          {"quotePrecision", "0.00000001"},
                          {"minOrderQty", plain(r.min_qty)},
                          {"maxOrderQty", plain(r.max_qty)},
                          {"minOrderAmt", plain(r.min_notional)},
                          {"maxOrderAmt", plain(r.max_notional)}};
    j["priceFilter"] = {{"tickSize", plain(r.tick)}};
    j["riskParameters"] = {{"priceLimitRatioX", "0.05"},
                           {"priceLimitRatioY", "0.1"}};
    return j;
  }
  j["contractType"] = "LinearPerpetual";
  j["status"] = "Trading";
  j["baseCoin"] = r.base;
  j["quoteCoin"] = "USDT";
  j["launchTime"] = "1585526400000";
  j["deliveryTime"] = "0";
  j["deliveryFeeRate"] = "";
  j["priceScale"] = std::to_string(d.price);
  j["leverageFilter"] = {{"minLeverage", "1"},
                         {"maxLeverage", "100.00"},
                         {"leverageStep", "0.01"}};
  j["priceFilter"] = {{"minPrice", plain(r.tick)},
                      {"maxPrice", plain(r.max_price)},
                      {"tickSize", plain(r.tick)}};
  j["lotSizeFilter"] = {{"maxOrderQty", plain(r.max_qty)},
                        {"minOrderQty", plain(r.step)},
                        {"qtyStep", plain(r.step)},
                        {"postOnlyMaxOrderQty", plain(r.max_qty)},
                        {"maxMktOrderQty", plain(r.market_max_qty)},
                        {"minNotionalValue", plain(r.min_notional)}};
  j["unifiedMarginTrade"] = true;
  j["fundingInterval"] = 480;
  j["settleCoin"] = "USDT";
  j["copyTrading"] = "both";
  j["upperFundingRate"] = "0.0075";
  j["lowerFundingRate"] = "-0.0075";
  j["isPreListing"] = false;
  j["preListingInfo"] = nullptr;
  j["displayName"] = "";
  return j;
}

/// The markets a call names: `symbol`, or all of them when absent.
std::optional<std::vector<size_t>> symbols(const call& c, by_cat cat,
                                           std::optional<http::response>& refused) {
  std::vector<size_t> out;
  if (c.has("symbol")) {
    auto m = market_of(c.get("symbol"));
    if (!m) {
      refused = bad_symbol(c, cat);
      return std::nullopt;
    }
    out.push_back(*m);
  } else {
    for (size_t m = 0; m < markets().size(); ++m)
      out.push_back(m);
  }
  return out;
}

http::response instruments(call& c, reply&) {
  std::optional<http::response> refused;
  auto cat = category(c, refused);
  if (!cat)
    return *refused;
  ojson list = ojson::array();
  if (c.has("status") && c.get("status") != "Trading") // no PreLaunch etc.
    return ok(c, {{"category", to_string(*cat)}, {"list", list},
                  {"nextPageCursor", ""}});
  if (c.has("symbol") && !market_of(c.get("symbol")))
    return ok(c, {{"category", to_string(*cat)}, {"list", list},
                  {"nextPageCursor", ""}}); // unknown: an empty list
  auto ms = symbols(c, *cat, refused);
  for (auto m : *ms)
    list.push_back(instrument(*cat, m));
  return ok(c, {{"category", to_string(*cat)}, {"list", list},
                {"nextPageCursor", ""}});
}

const book& book_of(call& c, by_cat cat, size_t m) {
  return cat == by_cat::spot ? c.v.books[m] : c.bv.linear_books[m];
}

const tape& tape_of(call& c, by_cat cat, size_t m) {
  return cat == by_cat::spot ? c.v.tapes[m] : c.bv.linear_tapes[m];
}

http::response orderbook(call& c, reply&) {
  std::optional<http::response> refused;
  auto cat = category(c, refused);
  if (!cat)
    return *refused;
  auto m = market_of(c.get("symbol"));
  if (!m)
    return bad_symbol(c, *cat);
  int limit = *cat == by_cat::spot ? 1 : 25;
  if (c.has("limit"))
    limit = std::atoi(c.get("limit").c_str());
  if (limit < 1 || limit > (*cat == by_cat::spot ? 200 : 500))
    return fail(c, 10001, "The number of limit is invalid");
  auto& b = book_of(c, *cat, *m);
  auto d = by_digits_for(*cat, *m);
  auto side = [&](const std::vector<price_level>& levels) {
    ojson arr = ojson::array();
    for (size_t i = 0; i < levels.size() && static_cast<int>(i) < limit; ++i)
      arr.push_back({d.p(levels[i].price), d.q(levels[i].size)});
    return arr;
  };
  auto& feed = *cat == by_cat::spot ? c.bv.spot_feed[*m] : c.bv.linear_feed[*m];
  ojson r;
  r["s"] = binance_symbol(markets()[*m]);
  r["a"] = side(b.asks);
  r["b"] = side(b.bids);
  r["ts"] = c.now;
  r["u"] = feed.deep().u;
  r["seq"] = feed.deep().seq;
  r["cts"] = b.timestamp;
  return ok(c, r);
}

http::response tickers(call& c, reply&) {
  std::optional<http::response> refused;
  auto cat = category(c, refused);
  if (!cat)
    return *refused;
  auto ms = symbols(c, *cat, refused);
  if (!ms)
    return *refused;
  ojson list = ojson::array();
  for (auto m : *ms) {
    ojson one;
    one["symbol"] = binance_symbol(markets()[m]);
    for (auto& [k, val] : c.bv.ticker_fields(*cat, m, book_of(c, *cat, m),
                                             tape_of(c, *cat, m)))
      one[k] = val;
    list.push_back(std::move(one));
  }
  return ok(c, {{"category", to_string(*cat)}, {"list", list}});
}

http::response recent_trade(call& c, reply&) {
  std::optional<http::response> refused;
  auto cat = category(c, refused);
  if (!cat)
    return *refused;
  auto m = market_of(c.get("symbol"));
  if (!m)
    return bad_symbol(c, *cat);
  int max = *cat == by_cat::spot ? 60 : 1000;
  int limit = c.has("limit") ? std::atoi(c.get("limit").c_str())
                             : (*cat == by_cat::spot ? 60 : 500);
  if (limit < 1 || limit > max)
    return fail(c, 10001, "The number of limit is invalid");
  auto d = by_digits_for(*cat, *m);
  auto& recent = tape_of(c, *cat, *m).recent();
  ojson list = ojson::array();
  for (auto i = recent.rbegin();
       i != recent.rend() && static_cast<int>(list.size()) < limit; ++i) {
    ojson t;
    t["execId"] = std::to_string(i->sequential_id);
    t["symbol"] = binance_symbol(markets()[*m]);
    t["price"] = d.p(i->price);
    t["size"] = d.q(i->volume);
    t["side"] = i->taker_ask ? "Sell" : "Buy";
    t["time"] = std::to_string(i->timestamp);
    t["isBlockTrade"] = false;
    t["isRPITrade"] = false;
    t["seq"] = std::to_string(i->sequential_id);
    list.push_back(std::move(t));
  }
  return ok(c, {{"category", to_string(*cat)}, {"list", list}});
}

http::response funding_history(call& c, reply&) {
  std::optional<http::response> refused;
  auto cat = category(c, refused, true);
  if (!cat)
    return *refused;
  auto symbol = c.get("symbol");
  if (!market_of(symbol))
    return bad_symbol(c, *cat);
  int limit = c.has("limit") ? std::atoi(c.get("limit").c_str()) : 200;
  if (limit < 1 || limit > 200)
    return fail(c, 10001, "The number of limit is invalid");
  auto start = c.has("startTime") ? std::atoll(c.get("startTime").c_str()) : 0;
  auto end = c.has("endTime") ? std::atoll(c.get("endTime").c_str()) : c.now;
  ojson list = ojson::array();
  auto& h = c.bv.linear.funding_history;
  for (auto i = h.rbegin();
       i != h.rend() && static_cast<int>(list.size()) < limit; ++i)
    if (i->symbol == symbol && i->time >= start && i->time <= end)
      list.push_back({{"symbol", symbol},
                      {"fundingRate", i->rate.to_string()},
                      {"fundingRateTimestamp", std::to_string(i->time)}});
  return ok(c, {{"category", "linear"}, {"list", list}});
}

constexpr endpoint table[] = {
  {"GET", "/v5/market/time", false, 0, 0, server_time},
  {"GET", "/v5/market/instruments-info", false, 0, 0, instruments},
  {"GET", "/v5/market/orderbook", false, 0, 0, orderbook},
  {"GET", "/v5/market/tickers", false, 0, 0, tickers},
  {"GET", "/v5/market/recent-trade", false, 0, 0, recent_trade},
  {"GET", "/v5/market/funding/history", false, 0, 0, funding_history},
};

} // namespace

std::span<const endpoint> market_endpoints() {
  return table;
}

} // namespace karb::sim::by
