// OKX trading on the two engines: place, cancel and amend with OKX's
// parameters, order ids and sCode errors; the aggregated order state.

#include <cctype>

#include "tools/karb-sim/okx_venue.hpp"

namespace karb::sim {

namespace {

std::string arg(const nlohmann::json& a, const char* k) {
  if (!a.contains(k))
    return {};
  auto& v = a[k];
  if (v.is_string())
    return v.get<std::string>();
  if (v.is_boolean())
    return v.get<bool>() ? "true" : "false";
  if (v.is_number())
    return v.dump();
  return {};
}

std::optional<decimal> positive(const std::string& text) {
  auto d = decimal::parse_exact(text);
  if (!d || !d->is_positive() || text.find_first_of("eE+") != std::string::npos)
    return std::nullopt;
  return d;
}

okx_error param(const std::string& name) {
  return {"51000", "Parameter " + name + " error"};
}

/// The engine's refusal in OKX's words.
okx_error translate(const bn_error& e, const okx_inst& inst, bool buy) {
  auto has = [&](const char* s) { return e.msg.find(s) != std::string::npos; };
  switch (e.code) {
    case -2010:
      if (has("insufficient"))
        return {"51008", std::string{"Order failed. Insufficient "}
                           + (buy ? "USDT" : inst.base)
                           + " balance in account."};
      return {"51000", e.msg};
    case -2019:
      return {"51008", "Order failed. Insufficient USDT margin in account"};
    case -2022:
      return {"51169", "Order failed because you don't have any positions in "
                       "this direction for this contract to reduce or close."};
    case -1013:
      if (has("PRICE_FILTER"))
        return param("px");
      if (has("NOTIONAL"))
        return {"51020", "Your order should meet or exceed the minimum order "
                         "amount."};
      return {"51121", "Order quantity must be a multiple of the lot size."};
    case -4164:
      return {"51020", "Your order should meet or exceed the minimum order "
                       "amount."};
    case -4014:
      return param("px");
    case -4023:
    case -1111:
      return {"51121", "Order quantity must be a multiple of the lot size."};
    case -4003:
    case -4005:
      return param("sz");
  }
  return {"51000", e.msg};
}

bool post_only_refusal(const bn_error& e) {
  return e.code == -5022
         || (e.code == -2010 && e.msg.find("immediately match") != std::string::npos);
}

bool valid_cl_ord_id(const std::string& id) {
  if (id.empty() || id.size() > 32)
    return false;
  for (unsigned char c : id)
    if (!std::isalnum(c))
      return false;
  return true;
}

} // namespace

const bn_order* okx_venue::leg(const okx_order& o, size_t k) const {
  if (k >= o.legs.size())
    return nullptr;
  auto& all = (o.swap ? swap : spot).eng.orders();
  auto i = all.find(o.legs[k]);
  return i == all.end() ? nullptr : &i->second;
}

okx_exec okx_venue::exec_of(const okx_order& o) const {
  okx_exec e;
  auto* inst = find_okx_inst(o.inst_id);
  decimal qty, quote;
  for (size_t k = 0; k < o.legs.size(); ++k) {
    auto* b = leg(o, k);
    if (!b)
      continue;
    qty += b->executed_qty;
    quote += b->cum_quote;
    for (auto& f : b->fills) {
      e.fee -= f.commission;
      e.pnl += f.realized_pnl;
      e.fee_ccy = f.commission_asset;
      e.last = &f;
    }
  }
  if (e.fee_ccy.empty())
    e.fee_ccy = o.swap || o.side == "sell" ? "USDT" : inst->base;
  e.acc_fill_sz = o.swap ? ddiv(qty, inst->ct_val) : qty;
  e.avg_px = qty.is_zero() ? decimal{} : ddiv(quote, qty);
  auto* cur = o.legs.empty() ? nullptr : leg(o, o.legs.size() - 1);
  if (!cur)
    e.state = "canceled";
  else if (cur->status == bn_status::new_order)
    e.state = qty.is_zero() ? "live" : "partially_filled";
  else if (cur->status == bn_status::partially_filled)
    e.state = "partially_filled";
  else if (cur->status == bn_status::filled)
    e.state = "filled";
  else if (o.ord_type == "market" && !o.swap && o.side == "buy"
           && o.tgt_ccy == "quote_ccy" && !qty.is_zero())
    e.state = "filled"; // a quote-sized market buy ends when the quote is spent
  else
    e.state = "canceled";
  return e;
}

okx_order* okx_venue::find(const std::string& key, const std::string& inst_id,
                           const std::string& ord_id,
                           const std::string& cl_ord_id) {
  if (!ord_id.empty()) {
    auto i = orders.find(ord_id);
    if (i == orders.end() || i->second.account != key
        || i->second.inst_id != inst_id)
      return nullptr;
    return &i->second;
  }
  okx_order* found = nullptr;
  for (auto& [id, o] : orders)
    if (o.account == key && o.inst_id == inst_id && !cl_ord_id.empty()
        && o.cl_ord_id == cl_ord_id)
      found = &o;
  return found;
}

std::variant<okx_order*, okx_error>
okx_venue::place(const std::string& key, const nlohmann::json& a,
                 std::vector<book>& spot_books, std::vector<tape>& spot_tapes,
                 time_ms now, decimal ratio) {
  auto inst_id = arg(a, "instId");
  if (inst_id.empty())
    return okx_error{"50014", "Parameter instId can not be empty."};
  auto* inst = find_okx_inst(inst_id);
  if (!inst)
    return okx_error{"51001", "Instrument ID does not exist."};
  auto td = arg(a, "tdMode"), side = arg(a, "side"), type = arg(a, "ordType");
  auto sz_text = arg(a, "sz"), px_text = arg(a, "px");
  auto cl = arg(a, "clOrdId"), pos_side = arg(a, "posSide");
  auto tgt = arg(a, "tgtCcy");
  for (auto* k : {"tdMode", "side", "ordType", "sz"})
    if (arg(a, k).empty())
      return okx_error{"50014", std::string{"Parameter "} + k
                                  + " can not be empty."};
  if (inst->swap ? (td != "cross" && td != "isolated") : td != "cash")
    return param("tdMode");
  if (side != "buy" && side != "sell")
    return param("side");
  if (type != "market" && type != "limit" && type != "post_only"
      && type != "fok" && type != "ioc")
    return param("ordType");
  if (!pos_side.empty() && pos_side != "net")
    return param("posSide");
  auto sz = positive(sz_text);
  if (!sz)
    return param("sz");
  std::optional<decimal> px;
  if (type != "market") {
    px = positive(px_text);
    if (!px)
      return param("px");
  }
  if (!cl.empty() && !valid_cl_ord_id(cl))
    return param("clOrdId");
  if (!cl.empty())
    for (auto& [id, o] : orders)
      if (o.account == key && o.cl_ord_id == cl)
        return okx_error{"51016", "Duplicated clOrdId"};
  bool buy = side == "buy";
  bool quote_buy = !inst->swap && type == "market" && buy
                   && tgt != "base_ccy";
  if (tgt.empty() && !inst->swap && type == "market")
    tgt = buy ? "quote_ccy" : "base_ccy";
  if (!tgt.empty() && tgt != "base_ccy" && tgt != "quote_ccy")
    return param("tgtCcy");
  if (!inst->swap && !buy && tgt == "quote_ccy")
    return param("tgtCcy");
  if (!quote_buy && !multiple_of(*sz, inst->lot))
    return okx_error{"51121", "Order quantity must be a multiple of the lot size."};
  auto& side_v = inst->swap ? swap : spot;
  auto* acct = side_v.eng.find_account(key);
  if (!acct)
    return okx_error{"50111", "Invalid OK-ACCESS-KEY"};
  if (inst->swap) {
    auto& p = side_v.eng.position(*acct, inst->symbol);
    if (p.isolated != (td == "isolated")
        && side_v.eng.set_margin_type(*acct, inst->symbol, td == "isolated"))
      return okx_error{"51000", "Parameter tdMode error: the position or open "
                                "orders use the other margin mode"};
  }
  okx_order o;
  o.ord_id = std::to_string(next_ord_id++);
  o.cl_ord_id = cl;
  o.inst_id = inst_id;
  o.account = key;
  o.ord_type = type;
  o.td_mode = td;
  o.tgt_ccy = inst->swap ? "" : tgt;
  o.side = side;
  o.swap = inst->swap;
  o.reduce_only = arg(a, "reduceOnly") == "true";
  o.sz = *sz;
  o.px = px.value_or(decimal{});
  o.c_time = o.u_time = now;

  bn_order_request r;
  r.symbol = inst->symbol;
  r.side = buy ? "BUY" : "SELL";
  r.client_id = "okx" + o.ord_id;
  r.reduce_only = o.reduce_only;
  if (type == "market") {
    r.type = "MARKET";
  } else {
    r.type = "LIMIT";
    r.tif = type == "limit" ? "GTC" : type == "ioc" ? "IOC"
          : type == "fok" ? "FOK" : "GTX";
    if (type == "post_only" && !inst->swap) {
      r.type = "LIMIT_MAKER";
      r.tif.clear();
    }
    r.price = okx_num(*px);
  }
  if (quote_buy)
    r.quote_qty = okx_num(*sz);
  else
    r.quantity = okx_num(inst->swap ? dmul(*sz, inst->ct_val) : *sz);
  auto& b = inst->swap ? swap_books[inst->market] : spot_books[inst->market];
  auto& t = inst->swap ? swap_tapes[inst->market] : spot_tapes[inst->market];
  auto res = side_v.eng.place(*acct, r, b, t, now, ratio);
  side_v.liquidate(now); // a fill may leave a position past its price
  if (auto* err = std::get_if<bn_error>(&res)) {
    if (!post_only_refusal(*err))
      return translate(*err, *inst, buy);
    // OKX accepts a post-only order that would take, then cancels it
    o.cancel_source = "31";
    auto& stored = orders[o.ord_id] = std::move(o);
    canceled_post_only.push_back(stored.ord_id);
    return &stored;
  }
  auto* bo = std::get<bn_order*>(res);
  o.legs.push_back(bo->id);
  by_leg[{inst->swap, bo->id}] = o.ord_id;
  auto& stored = orders[o.ord_id] = std::move(o);
  sync();
  return &stored;
}

std::variant<okx_order*, okx_error>
okx_venue::cancel(const std::string& key, const nlohmann::json& a,
                  time_ms now) {
  auto inst_id = arg(a, "instId");
  if (inst_id.empty())
    return okx_error{"50014", "Parameter instId can not be empty."};
  auto* inst = find_okx_inst(inst_id);
  if (!inst)
    return okx_error{"51001", "Instrument ID does not exist."};
  auto ord_id = arg(a, "ordId"), cl = arg(a, "clOrdId");
  if (ord_id.empty() && cl.empty())
    return okx_error{"50015", "Either parameter ordId or clOrdId is required."};
  auto* o = find(key, inst_id, ord_id, cl);
  auto* cur = o && !o->legs.empty() ? leg(*o, o->legs.size() - 1) : nullptr;
  if (!o || !cur || !cur->open())
    return okx_error{"51400", "Order cancellation failed as the order has been "
                              "filled, canceled or does not exist."};
  auto& side_v = o->swap ? swap : spot;
  auto* acct = side_v.eng.find_account(key);
  side_v.eng.cancel(*acct, inst->symbol, cur->id, "", "", now);
  o->cancel_source = "1";
  o->u_time = now;
  sync();
  return o;
}

std::variant<okx_order*, okx_error>
okx_venue::amend(const std::string& key, const nlohmann::json& a,
                 std::vector<book>& spot_books, std::vector<tape>& spot_tapes,
                 time_ms now) {
  auto inst_id = arg(a, "instId");
  if (inst_id.empty())
    return okx_error{"50014", "Parameter instId can not be empty."};
  auto* inst = find_okx_inst(inst_id);
  if (!inst)
    return okx_error{"51001", "Instrument ID does not exist."};
  auto ord_id = arg(a, "ordId"), cl = arg(a, "clOrdId");
  if (ord_id.empty() && cl.empty())
    return okx_error{"50015", "Either parameter ordId or clOrdId is required."};
  auto new_sz_text = arg(a, "newSz"), new_px_text = arg(a, "newPx");
  if (new_sz_text.empty() && new_px_text.empty())
    return okx_error{"50015", "Either parameter newSz or newPx is required."};
  auto* o = find(key, inst_id, ord_id, cl);
  auto* cur = o && !o->legs.empty() ? leg(*o, o->legs.size() - 1) : nullptr;
  if (!o || !cur || !cur->open() || o->ord_type == "market")
    return okx_error{"51503", "Order modification failed as the order has "
                              "been filled, canceled or does not exist."};
  auto new_sz = new_sz_text.empty() ? std::optional<decimal>{o->sz}
                                    : positive(new_sz_text);
  auto new_px = new_px_text.empty() ? std::optional<decimal>{o->px}
                                    : positive(new_px_text);
  if (!new_sz)
    return param("newSz");
  if (!new_px)
    return param("newPx");
  if (!multiple_of(*new_sz, inst->lot))
    return okx_error{"51121", "Order quantity must be a multiple of the lot size."};
  auto filled = exec_of(*o).acc_fill_sz;
  if (*new_sz <= filled)
    return param("newSz");
  auto& side_v = o->swap ? swap : spot;
  auto* acct = side_v.eng.find_account(key);
  auto old = *cur;
  auto remaining = *new_sz - filled;
  silent.insert({o->swap, old.id});
  side_v.eng.cancel(*acct, inst->symbol, old.id, "", "", now);
  bn_order_request r;
  r.symbol = inst->symbol;
  r.side = old.buy ? "BUY" : "SELL";
  r.type = old.type;
  r.tif = old.type == "LIMIT_MAKER" ? "" : old.tif;
  r.reduce_only = old.reduce_only;
  r.client_id = "okx" + o->ord_id + "a" + std::to_string(o->legs.size());
  r.price = okx_num(*new_px);
  r.quantity = okx_num(o->swap ? dmul(remaining, inst->ct_val) : remaining);
  auto& b = inst->swap ? swap_books[inst->market] : spot_books[inst->market];
  auto& t = inst->swap ? swap_tapes[inst->market] : spot_tapes[inst->market];
  auto res = side_v.eng.place(*acct, r, b, t, now);
  if (auto* err = std::get_if<bn_error>(&res)) {
    // the order stays as it was: put the old remainder back
    auto back = r;
    back.client_id += "r";
    back.price = okx_num(old.price);
    back.quantity = okx_num(old.remaining());
    auto again = side_v.eng.place(*acct, back, b, t, now);
    if (auto* bo = std::get_if<bn_order*>(&again)) {
      o->legs.push_back((*bo)->id);
      by_leg[{o->swap, (*bo)->id}] = o->ord_id;
    }
    sync();
    return post_only_refusal(*err)
             ? okx_error{"51000", "Parameter newPx error: the post-only order "
                                  "would take liquidity"}
             : translate(*err, *inst, old.buy);
  }
  auto* bo = std::get<bn_order*>(res);
  o->legs.push_back(bo->id);
  by_leg[{o->swap, bo->id}] = o->ord_id;
  o->sz = *new_sz;
  o->px = *new_px;
  o->u_time = now;
  sync();
  return o;
}

} // namespace karb::sim
