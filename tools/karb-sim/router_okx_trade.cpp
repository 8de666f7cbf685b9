// OKX trading endpoints: place / cancel / amend (per-order sCode, a failed
// single order is top-level code "1"), order query, lists and fills.

#include "tools/karb-sim/router_detail.hpp"
#include "tools/karb-sim/router_okx.hpp"

namespace karb::sim::okx {

namespace {

nlohmann::json args_of(const call& c) {
  nlohmann::json a = nlohmann::json::object();
  for (auto& [k, v] : c.args)
    a[k] = v;
  return a;
}

std::string micros(time_ms t) { return std::to_string(t) + "000"; }

/// One order's result: clOrdId, ordId, sCode/sMsg.
ojson ack_item(const call& c, const okx_order* o, const okx_error* err,
               bool amend) {
  ojson d;
  d["clOrdId"] = o ? o->cl_ord_id : c.get("clOrdId");
  d["ordId"] = o ? o->ord_id : c.get("ordId");
  if (amend)
    d["reqId"] = c.get("reqId");
  else
    d["tag"] = "";
  d["ts"] = std::to_string(c.now);
  d["sCode"] = err ? err->code : "0";
  d["sMsg"] = err ? err->msg : (amend ? "" : "Order placed");
  return d;
}

/// The reply of an order call: `data` with sCode/sMsg per order; code
/// "0" when all succeeded, "1" when all failed, "2" when some did.
http::response order_acks(const call& c, ojson data, size_t failed) {
  ojson j;
  j["code"] = failed == 0 ? "0" : failed == data.size() ? "1" : "2";
  j["msg"] = failed == 0 ? "" : failed == data.size() ? "All operations failed"
                                                      : "Batch operation partially succeeded";
  j["data"] = std::move(data);
  j["inTime"] = micros(c.now);
  j["outTime"] = micros(c.now);
  return detail::json_reply(200, j.dump());
}

/// The reply of a single order call.
http::response order_ack(const call& c, const okx_order* o,
                         const okx_error* err, bool amend) {
  return order_acks(c, ojson::array({ack_item(c, o, err, amend)}), err ? 1 : 0);
}

/// Top-level errors (50xxx: missing parameters) answer without sCode.
bool top_level(const okx_error& e) { return e.code.rfind("50", 0) == 0; }

void answer(reply& out, const call& c,
            const std::variant<okx_order*, okx_error>& r, bool amend) {
  if (auto* e = std::get_if<okx_error>(&r)) {
    out.response = top_level(*e) ? error_reply(200, e->code, e->msg)
                                 : order_ack(c, nullptr, e, amend);
    return;
  }
  out.response = order_ack(c, std::get<okx_order*>(r), nullptr, amend);
}

/// One placement with the venue's order faults (reject_order,
/// partial_fill, drop_order_reply).
std::variant<okx_order*, okx_error> place_one(venue& v, const call& c,
                                              reply& out) {
  auto& f = v.faults;
  if (f.reject_orders > 0) {
    --f.reject_orders;
    mark_fault(out, "reject_order");
    return okx_error{f.reject_name.empty() ? "51000" : f.reject_name,
                     "Order rejected (reject_order fault)"};
  }
  auto ratio = decimal::from_int(1);
  if (f.partial_fills > 0) {
    --f.partial_fills;
    ratio = f.partial_ratio;
    mark_fault(out, "partial_fill");
  }
  auto r = v.ok->place(c.key, args_of(c), v.books, v.tapes, c.now, ratio);
  if (std::holds_alternative<okx_order*>(r) && f.drop_order_replies > 0) {
    --f.drop_order_replies;
    out.drop = true;
    mark_fault(out, "drop_order_reply");
  }
  return r;
}

} // namespace

void place_order(venue& v, const call& c, reply& out) {
  auto r = place_one(v, c, out);
  if (auto* o = std::get_if<okx_order*>(&r))
    out.order["ordId"] = (*o)->ord_id;
  answer(out, c, r, false);
}

void place_batch(venue& v, const call& c, const nlohmann::json& body,
                 reply& out) {
  if (body.empty() || body.size() > 20) {
    out.response = error_reply(200, "51000", "Parameter error: 1 to 20 orders per batch");
    return;
  }
  for (auto& item : body)
    if (!item.is_object()) {
      out.response = error_reply(400, "50002", "Json data format error.");
      return;
    }
  ojson data = ojson::array();
  size_t failed = 0;
  for (auto& item : body) {
    call pc = c;
    for (auto& [k, val] : item.items())
      pc.args.emplace_back(k, val.is_string() ? val.get<std::string>() : val.dump());
    auto r = place_one(v, pc, out);
    if (auto* e = std::get_if<okx_error>(&r)) {
      ++failed;
      data.push_back(ack_item(pc, nullptr, e, false));
    } else {
      data.push_back(ack_item(pc, std::get<okx_order*>(r), nullptr, false));
    }
  }
  out.response = order_acks(c, std::move(data), failed);
}

void cancel_order(venue& v, const call& c, reply& out) {
  answer(out, c, v.ok->cancel(c.key, args_of(c), c.now), false);
  if (auto& d = out.response; d.status == 200 && d.body.find("\"sCode\":\"0\"") != std::string::npos) {
    // a cancel's sMsg is empty on OKX
    auto pos = d.body.find("Order placed");
    if (pos != std::string::npos)
      d.body.replace(pos, 12, "");
  }
}

void amend_order(venue& v, const call& c, reply& out) {
  answer(out, c, v.ok->amend(c.key, args_of(c), v.books, v.tapes, c.now), true);
}

http::response get_order(venue& v, const call& c) {
  auto id = c.get("instId");
  if (id.empty())
    return error_reply(400, "50014", "Parameter instId can not be empty.");
  if (!find_okx_inst(id))
    return error_reply(200, "51001", "Instrument ID does not exist.");
  auto ord = c.get("ordId"), cl = c.get("clOrdId");
  if (ord.empty() && cl.empty())
    return error_reply(400, "50015", "Either parameter ordId or clOrdId is required.");
  auto* o = v.ok->find(c.key, id, ord, cl);
  if (!o)
    return error_reply(200, "51603", "Order does not exist");
  return ok_reply(ojson::array({okx_order_json(*v.ok, *o)}));
}

http::response list_orders(venue& v, const call& c, bool pending) {
  auto type = c.get("instType"), id = c.get("instId");
  if (!pending && type.empty())
    return error_reply(400, "50014", "Parameter instType can not be empty.");
  auto state_filter = c.get("state");
  auto ord_type = c.get("ordType");
  size_t limit = 100;
  if (auto l = c.get("limit"); !l.empty())
    limit = static_cast<size_t>(std::clamp(std::atoi(l.c_str()), 1, 100));
  auto after = c.get("after"), before = c.get("before"); // ordId bounds
  ojson data = ojson::array();
  auto& all = v.ok->orders;
  for (auto i = all.rbegin(); i != all.rend() && data.size() < limit; ++i) {
    auto& o = i->second;
    if (o.account != c.key || (!id.empty() && o.inst_id != id)
        || (!type.empty() && type != (o.swap ? "SWAP" : "SPOT"))
        || (!ord_type.empty() && o.ord_type != ord_type))
      continue;
    if (!after.empty() && !(o.ord_id < after))
      continue;
    if (!before.empty() && !(o.ord_id > before))
      continue;
    auto e = v.ok->exec_of(o);
    bool open = e.state == "live" || e.state == "partially_filled";
    if (open != pending)
      continue;
    if (!state_filter.empty() && e.state != state_filter)
      continue;
    data.push_back(okx_order_json(*v.ok, o));
  }
  return ok_reply(data);
}

http::response fills(venue& v, const call& c, bool history) {
  auto type = c.get("instType"), id = c.get("instId"), ord = c.get("ordId");
  // fills-history (3 months) requires instType; the simulator's fills
  // are all younger than fills' 3 days, so both list the same rows.
  if (history && type.empty())
    return error_reply(400, "50014", "Parameter instType can not be empty.");
  size_t limit = 100;
  if (auto l = c.get("limit"); !l.empty())
    limit = static_cast<size_t>(std::clamp(std::atoi(l.c_str()), 1, 100));
  struct row {
    time_ms at;
    int64_t trade;
    ojson j;
  };
  std::vector<row> rows;
  for (auto& [oid, o] : v.ok->orders) {
    if (o.account != c.key || (!id.empty() && o.inst_id != id)
        || (!type.empty() && type != (o.swap ? "SWAP" : "SPOT"))
        || (!ord.empty() && o.ord_id != ord))
      continue;
    auto* inst = find_okx_inst(o.inst_id);
    for (size_t k = 0; k < o.legs.size(); ++k) {
      auto* b = v.ok->leg(o, k);
      if (!b)
        continue;
      for (auto& f : b->fills) {
        ojson j;
        j["instType"] = o.swap ? "SWAP" : "SPOT";
        j["instId"] = o.inst_id;
        j["tradeId"] = std::to_string(f.trade_id);
        j["ordId"] = o.ord_id;
        j["clOrdId"] = o.cl_ord_id;
        j["billId"] = std::to_string(f.trade_id * 7 + 3);
        j["tag"] = "";
        j["fillPx"] = okx_num(f.price);
        j["fillSz"] = okx_num(o.swap ? ddiv(f.qty, inst->ct_val) : f.qty);
        j["fillPnl"] = okx_num(f.realized_pnl);
        j["side"] = o.side;
        j["posSide"] = "net";
        j["execType"] = f.maker ? "M" : "T";
        j["feeCcy"] = f.commission_asset;
        j["fee"] = okx_num(-f.commission);
        j["ts"] = std::to_string(f.at);
        j["fillTime"] = std::to_string(f.at);
        rows.push_back({f.at, f.trade_id, std::move(j)});
      }
    }
  }
  std::sort(rows.begin(), rows.end(), [](const row& a, const row& b) {
    return a.at != b.at ? a.at > b.at : a.trade > b.trade;
  });
  ojson data = ojson::array();
  for (auto& r : rows)
    if (data.size() < limit)
      data.push_back(std::move(r.j));
  return ok_reply(data);
}

} // namespace karb::sim::okx
