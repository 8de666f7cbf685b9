// Binance USD-M futures endpoints (/fapi/...): instruments, market data,
// mark price and funding, orders, positions, balances, leverage and margin
// type, income, listen keys, with the documented weights.

#include <algorithm>

#include "tools/karb-sim/router_binance.hpp"

namespace karb::sim::bn {

namespace {

constexpr auto usdm = venue_kind::binance_usdm;

ojson filters_json(const bn_symbol_rules& r, const bn_format& f) {
  return ojson::array({
    {{"minPrice", f.p(r.min_price)}, {"maxPrice", f.p(r.max_price)},
     {"filterType", "PRICE_FILTER"}, {"tickSize", f.p(r.tick)}},
    {{"stepSize", f.q(r.step)}, {"filterType", "LOT_SIZE"},
     {"maxQty", f.q(r.max_qty)}, {"minQty", f.q(r.min_qty)}},
    {{"stepSize", f.q(r.step)}, {"filterType", "MARKET_LOT_SIZE"},
     {"maxQty", f.q(r.market_max_qty)}, {"minQty", f.q(r.min_qty)}},
    {{"limit", 200}, {"filterType", "MAX_NUM_ORDERS"}},
    {{"limit", 10}, {"filterType", "MAX_NUM_ALGO_ORDERS"}},
    {{"notional", r.min_notional.to_string()}, {"filterType", "MIN_NOTIONAL"}},
    {{"multiplierDown", "0.8500"}, {"multiplierUp", "1.1500"},
     {"multiplierDecimal", "4"}, {"filterType", "PERCENT_PRICE"}},
  });
}

http::response exchange_info(call& c, reply&) {
  ojson symbols = ojson::array();
  for (size_t m = 0; m < markets().size(); ++m) {
    auto r = binance_rules(usdm, markets()[m]);
    auto f = bn_format_for(usdm, m);
    ojson s;
    s["symbol"] = r.symbol;
    s["pair"] = r.symbol;
    s["contractType"] = "PERPETUAL";
    s["deliveryDate"] = 4133404800000;
    s["onboardDate"] = 1569398400000;
    s["status"] = "TRADING";
    s["maintMarginPercent"] = "2.5000";
    s["requiredMarginPercent"] = "5.0000";
    s["baseAsset"] = r.base;
    s["quoteAsset"] = "USDT";
    s["marginAsset"] = "USDT";
    s["pricePrecision"] = f.price;
    s["quantityPrecision"] = f.qty;
    s["baseAssetPrecision"] = 8;
    s["quotePrecision"] = 8;
    s["underlyingType"] = "COIN";
    s["underlyingSubType"] = ojson::array();
    s["settlePlan"] = 0;
    s["triggerProtect"] = "0.0500";
    s["liquidationFee"] = "0.012500";
    s["marketTakeBound"] = "0.05";
    s["filters"] = filters_json(r, f);
    s["orderTypes"] = {"LIMIT", "MARKET"};
    s["timeInForce"] = {"GTC", "IOC", "FOK", "GTX"};
    symbols.push_back(std::move(s));
  }
  ojson j;
  j["timezone"] = "UTC";
  j["serverTime"] = c.now;
  j["futuresType"] = "U_MARGINED";
  j["rateLimits"] = ojson::array({
    {{"rateLimitType", "REQUEST_WEIGHT"}, {"interval", "MINUTE"},
     {"intervalNum", 1}, {"limit", 2400}},
    {{"rateLimitType", "ORDERS"}, {"interval", "MINUTE"}, {"intervalNum", 1},
     {"limit", 1200}},
    {{"rateLimitType", "ORDERS"}, {"interval", "SECOND"}, {"intervalNum", 10},
     {"limit", 300}},
  });
  j["exchangeFilters"] = ojson::array();
  j["assets"] = ojson::array({{{"asset", "USDT"}, {"marginAvailable", true},
                               {"autoAssetExchange", "-10000"}}});
  j["symbols"] = std::move(symbols);
  return ok(j);
}

bool valid_depth_limit(int n) {
  for (int v : {5, 10, 20, 50, 100, 500, 1000})
    if (n == v)
      return true;
  return false;
}

http::response usdm_depth(call& c, reply&) {
  if (c.has("limit") && !valid_depth_limit(std::atoi(c.get("limit").c_str())))
    return fail(400, -1130, "Data sent for parameter 'limit' is not valid.");
  return depth(c, 500, 1000);
}

http::response ticker_24hr(call& c, reply&) {
  return per_symbol(c, day_ticker);
}

http::response ticker_book(call& c, reply&) {
  return per_symbol(c, book_ticker);
}

http::response ticker_price(call& c, reply&) {
  return per_symbol(c, price_ticker);
}

ojson premium_index_of(const call& c, size_t m) {
  ojson j;
  j["symbol"] = binance_symbol(markets()[m]);
  j["markPrice"] = fixed(c.bv.mark_price[m], 8);
  j["indexPrice"] = fixed(c.bv.index_price[m], 8);
  j["estimatedSettlePrice"] = fixed(c.bv.index_price[m], 8);
  j["lastFundingRate"] = fixed(c.bv.rate[m], 8);
  j["interestRate"] = fixed(interest_rate, 8);
  j["nextFundingTime"] = c.bv.next_funding;
  j["time"] = c.now;
  return j;
}

http::response premium_index(call& c, reply&) {
  return per_symbol(c, premium_index_of);
}

http::response funding_rate_history(call& c, reply&) {
  auto symbol = c.get("symbol");
  if (!symbol.empty() && !market_of(symbol))
    return fail(400, -1121, "Invalid symbol.");
  auto start = c.has("startTime") ? std::atoll(c.get("startTime").c_str()) : 0;
  auto end = c.has("endTime") ? std::atoll(c.get("endTime").c_str())
                              : std::numeric_limits<int64_t>::max();
  std::vector<const funding_record*> rows;
  for (auto& r : c.bv.funding_history)
    if ((symbol.empty() || r.symbol == symbol) && r.time >= start
        && r.time <= end)
      rows.push_back(&r);
  auto n = static_cast<size_t>(limit_param(c, 100, 1000));
  ojson arr = ojson::array();
  for (size_t i = rows.size() > n ? rows.size() - n : 0; i < rows.size(); ++i)
    arr.push_back({{"symbol", rows[i]->symbol},
                   {"fundingRate", fixed(rows[i]->rate, 8)},
                   {"fundingTime", rows[i]->time},
                   {"markPrice", fixed(rows[i]->mark, 8)}});
  return ok(arr);
}

http::response funding_info(call&, reply&) {
  ojson arr = ojson::array();
  for (auto& m : markets())
    arr.push_back({{"symbol", binance_symbol(m)},
                   {"adjustedFundingRateCap", fixed(funding_cap, 8)},
                   {"adjustedFundingRateFloor", fixed(-funding_cap, 8)},
                   {"fundingIntervalHours", 8},
                   {"disclaimer", false}});
  return ok(arr);
}

/// The order as accepted (newOrderRespType ACK): nothing executed yet.
ojson accepted(const bn_order& o) {
  auto a = o;
  a.status = bn_status::new_order;
  a.executed_qty = a.cum_quote = decimal{};
  a.update_time = a.time;
  return usdm_order_json(a);
}

http::response place(call& c, reply& out) {
  if (auto e = need(c, {"symbol", "side", "type"}))
    return fail(*e);
  auto m = market_of(c.get("symbol"));
  if (!m)
    return fail(400, -1121, "Invalid symbol.");
  auto side = c.get("positionSide");
  if (!side.empty() && side != "BOTH")
    return fail(400, -4061, "Order's position side does not match user's "
                            "setting.");
  auto reduce = c.get("reduceOnly");
  if (!reduce.empty() && reduce != "true" && reduce != "false")
    return fail(400, -1130, "Data sent for parameter 'reduceOnly' is not "
                            "valid.");
  auto resp = c.get("newOrderRespType");
  if (!resp.empty() && resp != "ACK" && resp != "RESULT")
    return fail(400, -1130, "Data sent for parameter 'newOrderRespType' is "
                            "not valid.");
  bn_order_request req;
  req.symbol = c.get("symbol");
  req.side = c.get("side");
  req.type = c.get("type");
  req.tif = c.get("timeInForce");
  req.client_id = c.get("newClientOrderId");
  req.reduce_only = reduce == "true";
  if (c.has("price"))
    req.price = c.get("price");
  if (c.has("quantity"))
    req.quantity = c.get("quantity");
  auto r = c.bv.place(*c.acct, req, *m, c.v.books[*m], c.v.tapes[*m], c.now,
                      c.fill_ratio);
  if (auto* e = std::get_if<bn_error>(&r))
    return fail(*e);
  auto* o = std::get<bn_order*>(r);
  out.order["orderId"] = o->id;
  out.order["clientOrderId"] = o->client_id;
  return ok(resp == "RESULT" ? usdm_order_json(*o) : accepted(*o));
}

http::response cancel(call& c, reply&) {
  if (auto refused = refuse_symbol(c, true))
    return *refused;
  auto r = c.bv.eng.cancel(*c.acct, c.get("symbol"),
                           std::atoll(c.get("orderId").c_str()),
                           c.get("origClientOrderId"), "", c.now);
  if (auto* e = std::get_if<bn_error>(&r))
    return fail(*e);
  return ok(usdm_order_json(*std::get<bn_order*>(r)));
}

http::response query(call& c, reply&) {
  return order_query(c, usdm_order_json);
}

http::response open_orders(call& c, reply&) {
  return order_list(c, true, usdm_order_json);
}

http::response all_orders(call& c, reply&) {
  return order_list(c, false, usdm_order_json);
}

http::response user_trades(call& c, reply&) {
  if (auto refused = refuse_symbol(c))
    return *refused;
  ojson arr = ojson::array();
  for (auto* o : c.bv.eng.orders_of(*c.acct, c.get("symbol"), false))
    for (auto& f : o->fills)
      arr.push_back(trade_row_json(usdm, *o, f));
  std::sort(arr.begin(), arr.end(), [](const ojson& a, const ojson& b) {
    return a["id"].get<int64_t>() < b["id"].get<int64_t>();
  });
  return ok(arr);
}

/// Notional of the account's open orders on one side of `symbol`.
decimal open_notional(const call& c, const std::string& symbol, bool buy) {
  decimal n;
  for (auto* o : c.bv.eng.orders_of(*c.acct, symbol, true))
    if (o->buy == buy)
      n += dmul(o->price, o->remaining());
  return n;
}

/// One positionRisk row (v3; v2 adds leverage and marginType).
ojson position_row(const call& c, const std::string& symbol,
                   const perp_position& p, bool v2) {
  auto m = static_cast<size_t>(binance_market_index(symbol));
  auto f = bn_format_for(usdm, m);
  auto mark = c.bv.eng.mark_of(symbol);
  auto mmr = binance_rules(usdm, markets()[m]).maint_margin_rate;
  auto margin = p.isolated ? p.isolated_wallet : cross_wallet(c.acct->perp);
  decimal order_margin;
  for (auto* o : c.bv.eng.orders_of(*c.acct, symbol, true))
    order_margin += o->locked;
  auto upnl = unrealized_pnl(p, mark);
  auto im = position_initial_margin(p, mark);
  auto taker = c.acct->taker_fee;
  auto one = decimal::from_int(1);
  auto break_even = p.amt.is_zero()        ? decimal{}
                    : p.amt.is_positive() ? dmul(p.entry, one + taker)
                                          : dmul(p.entry, one - taker);
  ojson j;
  j["symbol"] = symbol;
  j["positionSide"] = "BOTH";
  j["positionAmt"] = f.q(p.amt);
  j["entryPrice"] = fixed(p.entry, 8);
  j["breakEvenPrice"] = fixed(break_even, 8);
  j["markPrice"] = fixed(mark, 8);
  j["unRealizedProfit"] = fixed(upnl, 8);
  j["liquidationPrice"] = fixed(liquidation_price(p, margin, mmr), 8);
  j["isolatedMargin"] = fixed(p.isolated ? p.isolated_wallet + upnl
                                         : decimal{}, 8);
  j["notional"] = fixed(dmul(p.amt, mark), 8);
  j["marginAsset"] = "USDT";
  j["isolatedWallet"] = fixed(p.isolated_wallet, 8);
  j["initialMargin"] = fixed(im + order_margin, 8);
  j["maintMargin"] = fixed(maint_margin(p, mark, mmr), 8);
  j["positionInitialMargin"] = fixed(im, 8);
  j["openOrderInitialMargin"] = fixed(order_margin, 8);
  j["adl"] = 0;
  j["bidNotional"] = fixed(open_notional(c, symbol, true), 8);
  j["askNotional"] = fixed(open_notional(c, symbol, false), 8);
  j["updateTime"] = p.update_time;
  if (v2) {
    j["leverage"] = std::to_string(p.leverage);
    j["marginType"] = p.isolated ? "isolated" : "cross";
    j["isAutoAddMargin"] = "false";
  }
  return j;
}

http::response position_risk(call& c, bool v2) {
  auto symbol = c.get("symbol");
  if (!symbol.empty() && !market_of(symbol))
    return fail(400, -1121, "Invalid symbol.");
  ojson arr = ojson::array();
  for (auto& [s, p] : c.acct->perp.positions)
    if ((symbol.empty() || s == symbol)
        && (!p.amt.is_zero() || !c.bv.eng.orders_of(*c.acct, s, true).empty()))
      arr.push_back(position_row(c, s, p, v2));
  return ok(arr);
}

http::response position_risk_v3(call& c, reply&) {
  return position_risk(c, false);
}

http::response position_risk_v2(call& c, reply&) {
  return position_risk(c, true);
}

struct totals {
  decimal upnl, cross_upnl, position_im, order_im, maint, available;
};

totals totals_of(const call& c) {
  totals t;
  auto& a = *c.acct;
  for (auto& [s, p] : a.perp.positions) {
    auto mark = c.bv.eng.mark_of(s);
    auto m = static_cast<size_t>(binance_market_index(s));
    auto u = unrealized_pnl(p, mark);
    t.upnl += u;
    if (!p.isolated)
      t.cross_upnl += u;
    t.position_im += position_initial_margin(p, mark);
    t.maint += maint_margin(p, mark,
                            binance_rules(usdm, markets()[m]).maint_margin_rate);
  }
  t.order_im = c.bv.eng.open_order_margin(a);
  t.available = available_balance(a.perp, c.bv.eng.marks(), t.order_im);
  return t;
}

http::response balance(call& c, reply&) {
  auto t = totals_of(c);
  auto& a = *c.acct;
  return ok(ojson::array({{{"accountAlias", "SgsR"},
                           {"asset", "USDT"},
                           {"balance", fixed(a.perp.wallet, 8)},
                           {"crossWalletBalance", fixed(cross_wallet(a.perp), 8)},
                           {"crossUnPnl", fixed(t.cross_upnl, 8)},
                           {"availableBalance", fixed(t.available, 8)},
                           {"maxWithdrawAmount", fixed(max(t.available, decimal{}), 8)},
                           {"marginAvailable", true},
                           {"updateTime", a.update_time}}}));
}

http::response account(call& c, reply&) {
  auto t = totals_of(c);
  auto& a = *c.acct;
  auto w = a.perp.wallet;
  auto m8 = [](decimal d) { return fixed(d, 8); };
  ojson j;
  j["totalInitialMargin"] = m8(t.position_im + t.order_im);
  j["totalMaintMargin"] = m8(t.maint);
  j["totalWalletBalance"] = m8(w);
  j["totalUnrealizedProfit"] = m8(t.upnl);
  j["totalMarginBalance"] = m8(w + t.upnl);
  j["totalPositionInitialMargin"] = m8(t.position_im);
  j["totalOpenOrderInitialMargin"] = m8(t.order_im);
  j["totalCrossWalletBalance"] = m8(cross_wallet(a.perp));
  j["totalCrossUnPnl"] = m8(t.cross_upnl);
  j["availableBalance"] = m8(t.available);
  j["maxWithdrawAmount"] = m8(max(t.available, decimal{}));
  j["assets"] = ojson::array({{{"asset", "USDT"},
                               {"walletBalance", m8(w)},
                               {"unrealizedProfit", m8(t.upnl)},
                               {"marginBalance", m8(w + t.upnl)},
                               {"maintMargin", m8(t.maint)},
                               {"initialMargin", m8(t.position_im + t.order_im)},
                               {"positionInitialMargin", m8(t.position_im)},
                               {"openOrderInitialMargin", m8(t.order_im)},
                               {"crossWalletBalance", m8(cross_wallet(a.perp))},
                               {"crossUnPnl", m8(t.cross_upnl)},
                               {"availableBalance", m8(t.available)},
                               {"maxWithdrawAmount", m8(max(t.available, decimal{}))},
                               {"updateTime", a.update_time}}});
  j["positions"] = ojson::array();
  for (auto& [s, p] : a.perp.positions) {
    if (p.amt.is_zero())
      continue;
    auto mark = c.bv.eng.mark_of(s);
    auto m = static_cast<size_t>(binance_market_index(s));
    j["positions"].push_back(
      {{"symbol", s},
       {"positionSide", "BOTH"},
       {"positionAmt", bn_format_for(usdm, m).q(p.amt)},
       {"unrealizedProfit", m8(unrealized_pnl(p, mark))},
       {"isolatedMargin", m8(p.isolated ? p.isolated_wallet : decimal{})},
       {"notional", m8(dmul(p.amt, mark))},
       {"isolatedWallet", m8(p.isolated_wallet)},
       {"initialMargin", m8(position_initial_margin(p, mark))},
       {"maintMargin",
        m8(maint_margin(p, mark,
                        binance_rules(usdm, markets()[m]).maint_margin_rate))},
       {"updateTime", p.update_time}});
  }
  return ok(j);
}

/// maxNotionalValue of a leverage (one bracket table for every symbol;
/// guessed from BTCUSDT's brackets).
int64_t max_notional(int leverage) {
  constexpr std::pair<int, int64_t> brackets[] = {
    {125, 50'000},     {100, 600'000},     {75, 3'000'000},
    {50, 12'000'000},  {25, 70'000'000},   {20, 100'000'000},
    {10, 230'000'000}, {5, 480'000'000},   {4, 600'000'000},
    {3, 800'000'000},  {2, 1'200'000'000}, {1, 1'800'000'000},
  };
  int64_t out = brackets[0].second;
  for (auto& [lev, notional] : brackets)
    if (leverage <= lev)
      out = notional;
  return out;
}

/// GET /fapi/v1/leverageBracket: the bracket table above per symbol, as
/// documented ({symbol, brackets[{bracket, initialLeverage, notionalCap,
/// notionalFloor, maintMarginRatio, cum}]}; an object with `symbol`, else
/// an array of every symbol). The simulator has one maintenance rate per
/// symbol and maintenance amount 0, so every bracket carries that rate and
/// cum 0 (the real venue raises the rate bracket by bracket).
ojson brackets_of(size_t m) {
  constexpr int leverages[] = {125, 100, 75, 50, 25, 20, 10, 5, 4, 3, 2, 1};
  auto r = binance_rules(usdm, markets()[m]);
  ojson arr = ojson::array();
  int64_t floor = 0;
  int n = 0;
  for (int lev : leverages) {
    auto cap = max_notional(lev);
    arr.push_back({{"bracket", ++n},
                   {"initialLeverage", lev},
                   {"notionalCap", cap},
                   {"notionalFloor", floor},
                   {"maintMarginRatio", r.maint_margin_rate.to_double()},
                   {"cum", 0.0}});
    floor = cap;
  }
  return {{"symbol", r.symbol}, {"brackets", std::move(arr)}};
}

http::response leverage_bracket(call& c, reply&) {
  if (c.has("symbol")) {
    auto m = market_of(c.get("symbol"));
    if (!m)
      return fail(400, -1121, "Invalid symbol.");
    return ok(brackets_of(*m));
  }
  ojson arr = ojson::array();
  for (size_t m = 0; m < markets().size(); ++m)
    arr.push_back(brackets_of(m));
  return ok(arr);
}

http::response leverage(call& c, reply&) {
  if (auto e = need(c, {"symbol", "leverage"}))
    return fail(*e);
  auto lev = std::atoi(c.get("leverage").c_str());
  if (auto e = c.bv.eng.set_leverage(*c.acct, c.get("symbol"), lev))
    return fail(*e);
  return ok({{"leverage", lev},
             {"maxNotionalValue", std::to_string(max_notional(lev))},
             {"symbol", c.get("symbol")}});
}

http::response margin_type(call& c, reply&) {
  if (auto e = need(c, {"symbol", "marginType"}))
    return fail(*e);
  auto type = c.get("marginType");
  if (type != "ISOLATED" && type != "CROSSED")
    return fail(400, -1130, "Data sent for parameter 'marginType' is not "
                            "valid.");
  if (auto e = c.bv.eng.set_margin_type(*c.acct, c.get("symbol"),
                                        type == "ISOLATED"))
    return fail(*e);
  return ok({{"code", 200}, {"msg", "success"}});
}

http::response get_dual(call&, reply&) {
  return ok({{"dualSidePosition", false}});
}

http::response set_dual(call& c, reply&) {
  if (auto e = need(c, {"dualSidePosition"}))
    return fail(*e);
  if (c.get("dualSidePosition") == "false")
    return fail(400, -4059, "No need to change position side.");
  return fail(400, -1130, "Data sent for parameter 'dualSidePosition' is not "
                          "valid: karb-sim simulates one-way mode only (hedge "
                          "mode is not available).");
}

http::response commission_rate(call& c, reply&) {
  if (auto refused = refuse_symbol(c))
    return *refused;
  return ok({{"symbol", c.get("symbol")},
             {"makerCommissionRate", c.acct->maker_fee.to_string()},
             {"takerCommissionRate", c.acct->taker_fee.to_string()}});
}

http::response income(call& c, reply&) {
  auto symbol = c.get("symbol");
  auto type = c.get("incomeType");
  auto start = c.has("startTime") ? std::atoll(c.get("startTime").c_str()) : 0;
  auto end = c.has("endTime") ? std::atoll(c.get("endTime").c_str())
                              : std::numeric_limits<int64_t>::max();
  std::vector<const income_row*> rows;
  for (auto& r : c.acct->perp.income)
    if ((symbol.empty() || r.symbol == symbol) && (type.empty() || r.type == type)
        && r.time >= start && r.time <= end)
      rows.push_back(&r);
  auto n = static_cast<size_t>(limit_param(c, 100, 1000));
  ojson arr = ojson::array();
  for (size_t i = rows.size() > n ? rows.size() - n : 0; i < rows.size(); ++i)
    arr.push_back({{"symbol", rows[i]->symbol},
                   {"incomeType", rows[i]->type},
                   {"income", fixed(rows[i]->income, 8)},
                   {"asset", "USDT"},
                   {"info", rows[i]->type},
                   {"time", rows[i]->time},
                   {"tranId", rows[i]->tran_id},
                   {"tradeId", rows[i]->trade_id}});
  return ok(arr);
}

http::response listen_key_open(call& c, reply&) {
  return ok({{"listenKey", c.bv.open_listen_key(c.acct->api_key, c.now)}});
}

http::response listen_key_keep(call& c, reply&) {
  auto key = c.bv.keep_listen_key(c.acct->api_key, c.get("listenKey"), c.now);
  if (!key)
    return fail(400, -1125, "This listenKey does not exist.");
  return ok({{"listenKey", *key}});
}

http::response listen_key_close(call& c, reply&) {
  if (!c.bv.close_listen_key(c.acct->api_key, c.get("listenKey"), c.now))
    return fail(400, -1125, "This listenKey does not exist.");
  return ok(ojson::object());
}

int zero(const call&) { return 0; }
int one(const call&) { return 1; }
int five(const call&) { return 5; }
int twenty(const call&) { return 20; }
int thirty(const call&) { return 30; }
int by_symbol_1_40(const call& c) { return c.has("symbol") ? 1 : 40; }
int by_symbol_2_5(const call& c) { return c.has("symbol") ? 2 : 5; }
int by_symbol_1_2(const call& c) { return c.has("symbol") ? 1 : 2; }
int by_symbol_1_10(const call& c) { return c.has("symbol") ? 1 : 10; }

int depth_weight(const call& c) {
  auto n = limit_param(c, 500, 1000);
  return n <= 50 ? 2 : n <= 100 ? 5 : n <= 500 ? 10 : 20;
}

constexpr endpoint table[] = {
  {"GET", "/fapi/v1/ping", security::none, one, false, ping},
  {"GET", "/fapi/v1/time", security::none, one, false, server_time},
  {"GET", "/fapi/v1/exchangeInfo", security::none, one, false, exchange_info},
  {"GET", "/fapi/v1/depth", security::none, depth_weight, false, usdm_depth},
  {"GET", "/fapi/v1/trades", security::none, five, false, recent_trades},
  {"GET", "/fapi/v1/aggTrades", security::none, twenty, false, agg_trades},
  {"GET", "/fapi/v1/ticker/bookTicker", security::none, by_symbol_2_5, false, ticker_book},
  {"GET", "/fapi/v1/ticker/24hr", security::none, by_symbol_1_40, false, ticker_24hr},
  {"GET", "/fapi/v1/ticker/price", security::none, by_symbol_1_2, false, ticker_price},
  {"GET", "/fapi/v1/premiumIndex", security::none, by_symbol_1_10, false, premium_index},
  {"GET", "/fapi/v1/fundingRate", security::none, one, false, funding_rate_history},
  {"GET", "/fapi/v1/fundingInfo", security::none, one, false, funding_info},
  {"POST", "/fapi/v1/order", security::signed_, zero, true, place},
  {"DELETE", "/fapi/v1/order", security::signed_, one, false, cancel},
  {"GET", "/fapi/v1/order", security::signed_, one, false, query},
  {"GET", "/fapi/v1/openOrders", security::signed_, by_symbol_1_40, false, open_orders},
  {"GET", "/fapi/v1/allOrders", security::signed_, five, false, all_orders},
  {"GET", "/fapi/v1/userTrades", security::signed_, five, false, user_trades},
  {"GET", "/fapi/v3/positionRisk", security::signed_, five, false, position_risk_v3},
  {"GET", "/fapi/v2/positionRisk", security::signed_, five, false, position_risk_v2},
  {"GET", "/fapi/v3/balance", security::signed_, five, false, balance},
  {"GET", "/fapi/v2/balance", security::signed_, five, false, balance},
  {"GET", "/fapi/v3/account", security::signed_, five, false, account},
  {"GET", "/fapi/v2/account", security::signed_, five, false, account},
  {"POST", "/fapi/v1/leverage", security::signed_, one, false, leverage},
  {"GET", "/fapi/v1/leverageBracket", security::signed_, one, false, leverage_bracket},
  {"POST", "/fapi/v1/marginType", security::signed_, one, false, margin_type},
  {"GET", "/fapi/v1/positionSide/dual", security::signed_, thirty, false, get_dual},
  {"POST", "/fapi/v1/positionSide/dual", security::signed_, one, false, set_dual},
  {"GET", "/fapi/v1/commissionRate", security::signed_, twenty, false, commission_rate},
  {"GET", "/fapi/v1/income", security::signed_, thirty, false, income},
  {"POST", "/fapi/v1/listenKey", security::api_key, one, false, listen_key_open},
  {"PUT", "/fapi/v1/listenKey", security::api_key, one, false, listen_key_keep},
  {"DELETE", "/fapi/v1/listenKey", security::api_key, one, false, listen_key_close},
};

} // namespace

std::span<const endpoint> usdm_endpoints() {
  return table;
}

} // namespace karb::sim::bn
