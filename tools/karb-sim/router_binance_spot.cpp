// Binance spot endpoints (/api/v3/...): instruments, market data, account,
// orders and trades, with the documented weights.

#include <algorithm>

#include "tools/karb-sim/router_binance.hpp"

namespace karb::sim::bn {

namespace {

ojson filters_json(const bn_symbol_rules& r) {
  auto p = [](decimal d) { return fixed(d, 8); };
  return ojson::array({
    {{"filterType", "PRICE_FILTER"}, {"minPrice", p(r.min_price)},
     {"maxPrice", p(r.max_price)}, {"tickSize", p(r.tick)}},
    {{"filterType", "LOT_SIZE"}, {"minQty", p(r.min_qty)},
     {"maxQty", p(r.max_qty)}, {"stepSize", p(r.step)}},
    {{"filterType", "MARKET_LOT_SIZE"}, {"minQty", p(decimal{})},
     {"maxQty", p(r.market_max_qty)}, {"stepSize", p(decimal{})}},
    {{"filterType", "NOTIONAL"}, {"minNotional", p(r.min_notional)},
     {"applyMinToMarket", true}, {"maxNotional", p(r.max_notional)},
     {"applyMaxToMarket", false}, {"avgPriceMins", 5}},
    {{"filterType", "MAX_NUM_ORDERS"}, {"maxNumOrders", 200}},
  });
}

ojson rate_limits() {
  return ojson::array({
    {{"rateLimitType", "REQUEST_WEIGHT"}, {"interval", "MINUTE"},
     {"intervalNum", 1}, {"limit", 6000}},
    {{"rateLimitType", "ORDERS"}, {"interval", "SECOND"},
     {"intervalNum", 10}, {"limit", 100}},
    {{"rateLimitType", "ORDERS"}, {"interval", "DAY"}, {"intervalNum", 1},
     {"limit", 200000}},
    {{"rateLimitType", "RAW_REQUESTS"}, {"interval", "MINUTE"},
     {"intervalNum", 5}, {"limit", 61000}},
  });
}

http::response exchange_info(call& c, reply&) {
  std::vector<size_t> listed;
  if (c.has("symbol")) {
    auto m = market_of(c.get("symbol"));
    if (!m)
      return fail(400, -1121, "Invalid symbol.");
    listed.push_back(*m);
  } else {
    for (size_t m = 0; m < markets().size(); ++m)
      listed.push_back(m);
  }
  ojson symbols = ojson::array();
  for (auto m : listed) {
    auto r = binance_rules(venue_kind::binance_spot, markets()[m]);
    ojson s;
    s["symbol"] = r.symbol;
    s["status"] = "TRADING";
    s["baseAsset"] = r.base;
    s["baseAssetPrecision"] = 8;
    s["quoteAsset"] = "USDT";
    s["quotePrecision"] = 8;
    s["quoteAssetPrecision"] = 8;
    s["baseCommissionPrecision"] = 8;
    s["quoteCommissionPrecision"] = 8;
    s["orderTypes"] = {"LIMIT", "LIMIT_MAKER", "MARKET"};
    s["icebergAllowed"] = false;
    s["ocoAllowed"] = false;
    s["quoteOrderQtyMarketAllowed"] = true;
    s["allowTrailingStop"] = false;
    s["cancelReplaceAllowed"] = false;
    s["isSpotTradingAllowed"] = true;
    s["isMarginTradingAllowed"] = false;
    s["filters"] = filters_json(r);
    s["permissions"] = ojson::array();
    s["permissionSets"] = ojson::array({ojson::array({"SPOT"})});
    s["defaultSelfTradePreventionMode"] = "NONE";
    s["allowedSelfTradePreventionModes"] = ojson::array({"NONE"});
    symbols.push_back(std::move(s));
  }
  ojson j;
  j["timezone"] = "UTC";
  j["serverTime"] = c.now;
  j["rateLimits"] = rate_limits();
  j["exchangeFilters"] = ojson::array();
  j["symbols"] = std::move(symbols);
  return ok(j);
}

http::response spot_depth(call& c, reply&) {
  return depth(c, 100, 5000);
}

http::response ticker_24hr(call& c, reply&) {
  return per_symbol(c, day_ticker);
}

http::response ticker_price(call& c, reply&) {
  return per_symbol(c, price_ticker);
}

http::response ticker_book(call& c, reply&) {
  return per_symbol(c, book_ticker);
}

ojson commission_rates(const bn_account& a) {
  return {{"maker", fixed(a.maker_fee, 8)},
          {"taker", fixed(a.taker_fee, 8)},
          {"buyer", fixed(decimal{}, 8)},
          {"seller", fixed(decimal{}, 8)}};
}

http::response account(call& c, reply&) {
  auto& a = *c.acct;
  bool omit = c.get("omitZeroBalances") == "true";
  ojson j;
  auto bp = [](decimal fee) { return fee.raw / 100'000; }; // basis points
  j["makerCommission"] = bp(a.maker_fee);
  j["takerCommission"] = bp(a.taker_fee);
  j["buyerCommission"] = 0;
  j["sellerCommission"] = 0;
  j["commissionRates"] = commission_rates(a);
  j["canTrade"] = true;
  j["canWithdraw"] = true;
  j["canDeposit"] = true;
  j["brokered"] = false;
  j["requireSelfTradePrevention"] = false;
  j["preventSor"] = false;
  j["updateTime"] = a.update_time;
  j["accountType"] = "SPOT";
  j["balances"] = ojson::array();
  for (auto& [asset, b] : a.balances)
    if (!omit || b.free.is_positive() || b.locked.is_positive())
      j["balances"].push_back({{"asset", asset},
                               {"free", fixed(b.free, 8)},
                               {"locked", fixed(b.locked, 8)}});
  j["permissions"] = ojson::array({"SPOT"});
  j["uid"] = 354937868;
  return ok(j);
}

http::response commission(call& c, reply&) {
  if (auto refused = refuse_symbol(c))
    return *refused;
  ojson zero = {{"maker", fixed(decimal{}, 8)}, {"taker", fixed(decimal{}, 8)},
                {"buyer", fixed(decimal{}, 8)}, {"seller", fixed(decimal{}, 8)}};
  return ok({{"symbol", c.get("symbol")},
             {"standardCommission", commission_rates(*c.acct)},
             {"specialCommission", zero},
             {"taxCommission", zero},
             {"discount", {{"enabledForAccount", false},
                           {"enabledForSymbol", false},
                           {"discountAsset", "BNB"},
                           {"discount", "0.75000000"}}}});
}

http::response place(call& c, reply& out) {
  if (auto e = need(c, {"symbol", "side", "type"}))
    return fail(*e);
  auto m = market_of(c.get("symbol"));
  if (!m)
    return fail(400, -1121, "Invalid symbol.");
  bn_order_request req;
  req.symbol = c.get("symbol");
  req.side = c.get("side");
  req.type = c.get("type");
  req.tif = c.get("timeInForce");
  req.client_id = c.get("newClientOrderId");
  if (c.has("price"))
    req.price = c.get("price");
  if (c.has("quantity"))
    req.quantity = c.get("quantity");
  if (c.has("quoteOrderQty"))
    req.quote_qty = c.get("quoteOrderQty");
  auto resp = c.get("newOrderRespType");
  if (resp.empty())
    resp = req.type == "LIMIT" || req.type == "MARKET" ? "FULL" : "ACK";
  if (resp != "ACK" && resp != "RESULT" && resp != "FULL")
    return fail(400, -1130, "Data sent for parameter 'newOrderRespType' is "
                            "not valid.");
  auto r = c.bv.place(*c.acct, req, *m, c.v.books[*m], c.v.tapes[*m], c.now,
                      c.fill_ratio);
  if (auto* e = std::get_if<bn_error>(&r))
    return fail(*e);
  auto* o = std::get<bn_order*>(r);
  out.order["orderId"] = o->id;
  out.order["clientOrderId"] = o->client_id;
  auto shape = resp == "ACK"      ? spot_shape::ack
               : resp == "RESULT" ? spot_shape::result
                                  : spot_shape::full;
  return ok(spot_order_json(*o, shape));
}

http::response cancel(call& c, reply&) {
  if (auto refused = refuse_symbol(c, true))
    return *refused;
  auto r = c.bv.eng.cancel(*c.acct, c.get("symbol"),
                           std::atoll(c.get("orderId").c_str()),
                           c.get("origClientOrderId"),
                           c.get("newClientOrderId"), c.now);
  if (auto* e = std::get_if<bn_error>(&r))
    return fail(*e);
  return ok(spot_order_json(*std::get<bn_order*>(r), spot_shape::cancel));
}

/// An order as GET order / openOrders / allOrders show it.
ojson query_json(const bn_order& o) {
  return spot_order_json(o, spot_shape::query);
}

http::response query(call& c, reply&) {
  return order_query(c, query_json);
}

http::response open_orders(call& c, reply&) {
  return order_list(c, true, query_json);
}

http::response all_orders(call& c, reply&) {
  return order_list(c, false, query_json);
}

http::response my_trades(call& c, reply&) {
  if (auto refused = refuse_symbol(c))
    return *refused;
  std::vector<std::pair<const bn_order*, const bn_fill*>> rows;
  for (auto* o : c.bv.eng.orders_of(*c.acct, c.get("symbol"), false))
    for (auto& f : o->fills)
      rows.emplace_back(o, &f);
  std::sort(rows.begin(), rows.end(), [](auto& a, auto& b) {
    return a.second->trade_id < b.second->trade_id;
  });
  auto n = static_cast<size_t>(limit_param(c, 500, 1000));
  ojson arr = ojson::array();
  for (size_t i = rows.size() > n ? rows.size() - n : 0; i < rows.size(); ++i)
    arr.push_back(trade_row_json(venue_kind::binance_spot, *rows[i].first,
                                 *rows[i].second));
  return ok(arr);
}

int one(const call&) { return 1; }
int four(const call&) { return 4; }
int twenty(const call&) { return 20; }
int by_symbol_2_4(const call& c) { return c.has("symbol") ? 2 : 4; }
int ticker_weight(const call& c) { return c.has("symbol") ? 2 : 80; }
int open_orders_weight(const call& c) { return c.has("symbol") ? 6 : 80; }
int trades_weight(const call&) { return 25; }

int depth_weight(const call& c) {
  auto n = limit_param(c, 100, 5000);
  return n <= 100 ? 5 : n <= 500 ? 25 : n <= 1000 ? 50 : 250;
}

constexpr endpoint table[] = {
  {"GET", "/api/v3/ping", security::none, one, false, ping},
  {"GET", "/api/v3/time", security::none, one, false, server_time},
  {"GET", "/api/v3/exchangeInfo", security::none, twenty, false, exchange_info},
  {"GET", "/api/v3/depth", security::none, depth_weight, false, spot_depth},
  {"GET", "/api/v3/trades", security::none, trades_weight, false, recent_trades},
  {"GET", "/api/v3/aggTrades", security::none, four, false, agg_trades},
  {"GET", "/api/v3/ticker/24hr", security::none, ticker_weight, false, ticker_24hr},
  {"GET", "/api/v3/ticker/price", security::none, by_symbol_2_4, false, ticker_price},
  {"GET", "/api/v3/ticker/bookTicker", security::none, by_symbol_2_4, false, ticker_book},
  {"GET", "/api/v3/account", security::signed_, twenty, false, account},
  {"GET", "/api/v3/account/commission", security::signed_, twenty, false, commission},
  {"POST", "/api/v3/order", security::signed_, one, true, place},
  {"DELETE", "/api/v3/order", security::signed_, one, false, cancel},
  {"GET", "/api/v3/order", security::signed_, four, false, query},
  {"GET", "/api/v3/openOrders", security::signed_, open_orders_weight, false, open_orders},
  {"GET", "/api/v3/allOrders", security::signed_, twenty, false, all_orders},
  {"GET", "/api/v3/myTrades", security::signed_, twenty, false, my_trades},
};

} // namespace

std::span<const endpoint> spot_endpoints() {
  return table;
}

} // namespace karb::sim::bn
