// Bybit v5 order entry and queries: create, amend, cancel, cancel-all,
// realtime, history, executions. Orders run on the category's engine
// (the Binance spot / USD-M engines reused); its refusals are given
// Bybit's codes (spot 1701xx, linear 110xxx, both 10001 for parameters).

#include <algorithm>

#include "tools/karb-sim/binance_rules.hpp"
#include "tools/karb-sim/perp_ledger.hpp"
#include "tools/karb-sim/router_bybit.hpp"

namespace karb::sim::by {

namespace {

bool spot(by_cat c) {
  return c == by_cat::spot;
}

/// Bybit's answer to an engine refusal.
http::response engine_refusal(const call& c, by_cat cat, const bn_error& e) {
  switch (e.code) {
    case -2010:
      if (e.msg.find("insufficient") != std::string::npos)
        return fail(c, 170131, "Insufficient balance.");
      if (e.msg.find("Duplicate") != std::string::npos)
        return fail(c, 170141, "Duplicate clientOrderId.");
      return fail(c, 10001, "PostOnly order would take liquidity.");
    case -5022: return fail(c, 10001, "PostOnly order would take liquidity.");
    case -2019: return fail(c, 110007, "ab not enough for new order");
    case -2022:
      return fail(c, 110017, "current position is zero, cannot fix "
                             "reduce-only order qty");
    case -4164:
      return fail(c, 110094, "Order does not meet minimum order value");
    case -4116: return fail(c, 110072, "OrderLinkedID is duplicate");
    default:
      return fail(c, spot(cat) ? 170130 : 10001, e.msg);
  }
}

/// The account's order named by orderId / orderLinkId in the category.
bn_order* lookup(const call& c, by_cat cat, bn_account& a) {
  auto& eng = c.bv.cat(cat).eng;
  if (c.has("orderId")) {
    auto id = std::atoll(c.get("orderId").c_str());
    return id > 0 ? eng.find(a, id, "") : nullptr;
  }
  if (c.has("orderLinkId"))
    return eng.find(a, 0, c.get("orderLinkId"));
  return nullptr;
}

http::response not_found(const call& c, by_cat cat) {
  return spot(cat) ? fail(c, 170213, "Order does not exist.")
                   : fail(c, 110001, "order not exists or too late to cancel");
}

ojson ack(const bn_order& o) {
  return {{"orderId", std::to_string(o.id)}, {"orderLinkId", o.client_id}};
}

/// Tick / step / minimum checks with Bybit's codes (nullopt: fine).
std::optional<http::response> check_numbers(const call& c, by_cat cat,
                                            size_t m,
                                            std::optional<decimal> price,
                                            std::optional<decimal> qty,
                                            bool base_qty) {
  auto r = binance_rules(engine_kind(cat), markets()[m]);
  if (price) {
    if (!price->is_positive() || !multiple_of(*price, r.tick))
      return spot(cat) ? fail(c, 170134, "Order price has too many decimals.")
                       : fail(c, 10001, "params error: price invalid");
  }
  if (qty) {
    if (!qty->is_positive())
      return spot(cat) ? fail(c, 170136, "Order quantity below the lower limit.")
                       : fail(c, 10001, "params error: qty invalid");
    if (base_qty && !multiple_of(*qty, r.step))
      return spot(cat) ? fail(c, 170137, "Order quantity has too many decimals.")
                       : fail(c, 10001, "Qty invalid");
    if (base_qty && *qty < (spot(cat) ? r.min_qty : r.step))
      return spot(cat) ? fail(c, 170136, "Order quantity below the lower limit.")
                       : fail(c, 110017, "orderQty will be truncated to zero.");
  }
  return std::nullopt;
}

std::optional<decimal> number(const std::string& text) {
  if (text.empty())
    return std::nullopt;
  return decimal::parse_exact(text);
}

http::response create(call& c, reply& out) {
  std::optional<http::response> refused;
  auto cat = category(c, refused);
  if (!cat)
    return *refused;
  auto symbol = c.get("symbol");
  auto m = market_of(symbol);
  if (!m)
    return bad_symbol(c, *cat);
  auto side = c.get("side");
  auto type = c.get("orderType");
  if (side != "Buy" && side != "Sell")
    return fail(c, 10001, "params error: side invalid");
  if (type != "Market" && type != "Limit")
    return fail(c, 10001, "params error: orderType invalid");
  if (!c.has("qty"))
    return fail(c, 10001, "params error: qty is required");
  auto link = c.get("orderLinkId");
  if (link.size() > 36)
    return fail(c, 10001, "params error: orderLinkId length must be <= 36");
  if (!link.empty() && c.bv.link_id_used(c.key, *cat, link))
    return spot(*cat) ? fail(c, 170141, "Duplicate clientOrderId.")
                      : fail(c, 110072, "OrderLinkedID is duplicate");
  if (c.has("positionIdx") && c.get("positionIdx") != "0")
    return fail(c, 10001, "position idx not match position mode");
  auto tif = c.has("timeInForce") ? c.get("timeInForce") : "GTC";
  if (tif != "GTC" && tif != "IOC" && tif != "FOK" && tif != "PostOnly")
    return fail(c, 10001, "params error: timeInForce invalid");
  bool market = type == "Market";
  auto qty = number(c.get("qty"));
  auto price = market ? std::nullopt : number(c.get("price"));
  if (!qty)
    return fail(c, 10001, "params error: qty invalid");
  if (!market && !price)
    return fail(c, 10001, "params error: price is required for a Limit order");
  bool buy = side == "Buy";
  auto unit = c.get("marketUnit");
  bool quote_qty = spot(*cat) && market
                   && (unit == "quoteCoin" || (unit.empty() && buy));
  if (auto e = check_numbers(c, *cat, *m, price, qty, !quote_qty))
    return *e;
  bn_order_request req;
  req.symbol = symbol;
  req.side = buy ? "BUY" : "SELL";
  req.client_id = link;
  req.reduce_only = !spot(*cat) && c.get("reduceOnly") == "true";
  if (market) {
    req.type = "MARKET";
  } else if (tif == "PostOnly") {
    req.type = spot(*cat) ? "LIMIT_MAKER" : "LIMIT";
    req.tif = spot(*cat) ? "" : "GTX";
  } else {
    req.type = "LIMIT";
    req.tif = tif;
  }
  if (price)
    req.price = price->to_string();
  if (quote_qty)
    req.quote_qty = qty->to_string();
  else
    req.quantity = qty->to_string();
  auto* a = c.acct(*cat);
  auto& b = spot(*cat) ? c.v.books[*m] : c.bv.linear_books[*m];
  auto& t = spot(*cat) ? c.v.tapes[*m] : c.bv.linear_tapes[*m];
  if (market) {
    // a Market order's notional is checked at the touch
    auto r = binance_rules(engine_kind(*cat), markets()[*m]);
    auto& far = buy ? b.asks : b.bids;
    auto notional = quote_qty ? *qty
                              : dmul(*qty, far.empty() ? decimal{} : far[0].price);
    if (spot(*cat) && notional < r.min_notional)
      return fail(c, 170140, "Order value exceeded lower limit.");
  } else if (spot(*cat)) {
    auto r = binance_rules(engine_kind(*cat), markets()[*m]);
    if (dmul(*price, *qty) < r.min_notional)
      return fail(c, 170140, "Order value exceeded lower limit.");
  }
  auto result = c.bv.cat(*cat).place(*a, req, *m, b, t, c.now, c.fill_ratio);
  if (auto* e = std::get_if<bn_error>(&result))
    return engine_refusal(c, *cat, *e);
  auto* o = std::get<bn_order*>(result);
  if (link.empty())
    o->client_id.clear(); // Bybit shows "" when none was given
  else
    c.bv.use_link_id(c.key, *cat, link);
  out.order["orderId"] = std::to_string(o->id);
  return ok(c, ack(*o));
}

http::response cancel(call& c, reply&) {
  std::optional<http::response> refused;
  auto cat = category(c, refused);
  if (!cat)
    return *refused;
  if (!market_of(c.get("symbol")))
    return bad_symbol(c, *cat);
  if (!c.has("orderId") && !c.has("orderLinkId"))
    return fail(c, 10001, "params error: orderId or orderLinkId is required");
  auto* a = c.acct(*cat);
  auto* o = lookup(c, *cat, *a);
  if (!o || !o->open() || o->symbol != c.get("symbol"))
    return not_found(c, *cat);
  auto link = o->client_id;
  c.bv.cat(*cat).eng.cancel(*a, o->symbol, o->id, "", "", c.now);
  o->client_id = link; // the engine named the cancel; Bybit keeps the id
  return ok(c, ack(*o));
}

http::response amend(call& c, reply&) {
  std::optional<http::response> refused;
  auto cat = category(c, refused);
  if (!cat)
    return *refused;
  auto m = market_of(c.get("symbol"));
  if (!m)
    return bad_symbol(c, *cat);
  auto* a = c.acct(*cat);
  auto* o = lookup(c, *cat, *a);
  if (!o || !o->open() || o->symbol != c.get("symbol"))
    return spot(*cat) ? fail(c, 170213, "Order does not exist.")
                      : fail(c, 110001, "order not exists or too late to replace");
  if (o->type == "MARKET")
    return fail(c, 10001, "params error: a Market order cannot be amended");
  auto price = c.has("price") ? number(c.get("price")) : std::optional{o->price};
  auto qty = c.has("qty") ? number(c.get("qty")) : std::optional{o->orig_qty};
  if (!price || !qty)
    return fail(c, 10001, "params error: price or qty invalid");
  if (*price == o->price && *qty == o->orig_qty)
    return fail(c, 10001, "The order remains unchanged as the parameters "
                          "entered match the existing ones.");
  if (auto e = check_numbers(c, *cat, *m, price, qty, true))
    return *e;
  if (*qty <= o->executed_qty)
    return fail(c, 10001, "params error: qty must exceed the executed qty");
  auto remaining = *qty - o->executed_qty;
  if (spot(*cat)) {
    auto asset = o->buy ? std::string{"USDT"} : markets()[*m].base;
    auto need = o->buy ? dmul(*price, remaining) : remaining;
    auto& bal = a->balances[asset];
    if (need - o->locked > bal.free)
      return fail(c, 170131, "Insufficient balance.");
    bal.free -= need - o->locked;
    bal.locked += need - o->locked;
    o->locked = need;
  } else {
    auto& eng = c.bv.linear.eng;
    auto lev = eng.position(*a, o->symbol).leverage;
    auto need = o->reduce_only ? decimal{}
                               : ddiv(dmul(remaining, *price),
                                      decimal::from_int(lev));
    auto avail = available_balance(a->perp, eng.marks(),
                                   eng.open_order_margin(*a));
    if (need - o->locked > avail)
      return fail(c, 110007, "ab not enough for new order");
    o->locked = need;
  }
  o->price = *price;
  o->orig_qty = *qty;
  o->update_time = c.now;
  c.bv.amended(*cat, *o, c.now);
  return ok(c, ack(*o));
}

http::response cancel_all(call& c, reply&) {
  std::optional<http::response> refused;
  auto cat = category(c, refused);
  if (!cat)
    return *refused;
  auto symbol = c.get("symbol");
  if (!symbol.empty() && !market_of(symbol))
    return bad_symbol(c, *cat);
  auto* a = c.acct(*cat);
  auto& eng = c.bv.cat(*cat).eng;
  ojson list = ojson::array();
  for (auto* o : eng.orders_of(*a, symbol, true)) {
    auto* live = eng.find(*a, o->id, "");
    auto link = live->client_id;
    eng.cancel(*a, live->symbol, live->id, "", "", c.now);
    live->client_id = link;
    list.push_back(ack(*live));
  }
  return ok(c, {{"list", list}, {"success", "1"}});
}

int limit_of(const call& c, int fallback, int max) {
  if (!c.has("limit"))
    return fallback;
  return std::clamp(std::atoi(c.get("limit").c_str()), 1, max);
}

/// The account's orders of the category matching the call's filters,
/// newest first.
std::vector<const bn_order*> matching(const call& c, by_cat cat,
                                      bool (*keep)(const bn_order&, const call&)) {
  auto* a = c.acct(cat);
  auto all = c.bv.cat(cat).eng.orders_of(*a, c.get("symbol"), false);
  std::vector<const bn_order*> out;
  for (auto i = all.rbegin(); i != all.rend(); ++i) {
    auto& o = **i;
    if (c.has("orderId") && std::to_string(o.id) != c.get("orderId"))
      continue;
    if (c.has("orderLinkId") && o.client_id != c.get("orderLinkId"))
      continue;
    if (keep(o, c))
      out.push_back(&o);
  }
  return out;
}

http::response order_list(call& c, by_cat cat,
                          bool (*keep)(const bn_order&, const call&), int max) {
  ojson list = ojson::array();
  auto n = limit_of(c, 20, max);
  for (auto* o : matching(c, cat, keep))
    if (static_cast<int>(list.size()) < n)
      list.push_back(by_order_json(cat, *o));
  return ok(c, {{"list", list}, {"nextPageCursor", ""},
                {"category", to_string(cat)}});
}

http::response realtime(call& c, reply&) {
  std::optional<http::response> refused;
  auto cat = category(c, refused);
  if (!cat)
    return *refused;
  if (c.has("symbol") && !market_of(c.get("symbol")))
    return bad_symbol(c, *cat);
  return order_list(c, *cat, [](const bn_order& o, const call& k) {
    if (k.has("orderId") || k.has("orderLinkId"))
      return true; // a named order in any state
    bool closed = k.get("openOnly") == "1";
    return closed ? !o.open() : o.open();
  }, 50);
}

http::response history(call& c, reply&) {
  std::optional<http::response> refused;
  auto cat = category(c, refused);
  if (!cat)
    return *refused;
  if (c.has("symbol") && !market_of(c.get("symbol")))
    return bad_symbol(c, *cat);
  return order_list(c, *cat, [](const bn_order& o, const call& k) {
    return !k.has("orderStatus")
           || k.get("orderStatus") == by_status(by_cat::spot, o)
           || k.get("orderStatus") == by_status(by_cat::linear, o);
  }, 50);
}

http::response executions(call& c, reply&) {
  std::optional<http::response> refused;
  auto cat = category(c, refused);
  if (!cat)
    return *refused;
  if (c.has("symbol") && !market_of(c.get("symbol")))
    return bad_symbol(c, *cat);
  auto n = limit_of(c, 50, 100);
  std::vector<std::pair<const bn_order*, const bn_fill*>> fills;
  for (auto* o : matching(c, *cat, [](const bn_order&, const call&) { return true; }))
    for (auto& f : o->fills)
      fills.emplace_back(o, &f);
  std::stable_sort(fills.begin(), fills.end(), [](auto& x, auto& y) {
    return x.second->trade_id > y.second->trade_id;
  });
  ojson list = ojson::array();
  for (auto& [o, f] : fills)
    if (static_cast<int>(list.size()) < n)
      list.push_back(by_execution_json(*cat, *o, *f));
  return ok(c, {{"list", list}, {"nextPageCursor", ""},
                {"category", to_string(*cat)}});
}

constexpr endpoint table[] = {
  {"POST", "/v5/order/create", true, 10, 20, create},
  {"POST", "/v5/order/cancel", true, 10, 20, cancel},
  {"POST", "/v5/order/amend", true, 10, 10, amend},
  {"POST", "/v5/order/cancel-all", true, 10, 20, cancel_all},
  {"GET", "/v5/order/realtime", true, 50, 50, realtime},
  {"GET", "/v5/order/history", true, 50, 50, history},
  {"GET", "/v5/execution/list", true, 50, 50, executions},
};

} // namespace

std::span<const endpoint> trade_endpoints() {
  return table;
}

} // namespace karb::sim::by
