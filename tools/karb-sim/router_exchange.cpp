// Exchange (private) endpoints: balances, order chance, orders.

#include <algorithm>
#include <cctype>

#include "tools/karb-sim/order_json.hpp"
#include "tools/karb-sim/router_detail.hpp"

namespace karb::sim::detail {

namespace {

http::response not_found() {
  return error_reply(404, "order_not_found", "주문을 찾지 못했습니다.");
}

bool valid_client_id(const std::string& id) {
  if (id.empty() || id.size() > 36)
    return false;
  return std::all_of(id.begin(), id.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
  });
}

std::optional<std::string> text_field(const ojson& body, const char* k) {
  if (!body.contains(k) || body[k].is_null())
    return std::nullopt;
  return body[k].is_string() ? body[k].get<std::string>() : body[k].dump();
}

/// The order named by the query (uuid/identifier, or the v2 ids). Bithumb's
/// GET /v1/order takes `uuid` or `client_order_id` (uuid wins when both are
/// given); Upbit's `identifier` is accepted there too.
order* lookup(venue& v, const call& c, bool v2) {
  if (v2)
    return v.eng.find(*c.acct, c.get("order_id"), c.get("client_order_id"));
  const char* id_key = "identifier";
  if (v.kind == venue_kind::bithumb && !c.has(id_key))
    id_key = "client_order_id";
  if (!c.has("uuid") && !c.has(id_key))
    return nullptr;
  return v.eng.find(*c.acct, c.get("uuid"), c.get(id_key));
}

} // namespace

http::response accounts(venue& v, const call& c) {
  ojson arr = ojson::array();
  arr.push_back(balance_to_json("KRW", c.acct->assets["KRW"]));
  for (auto& [currency, bal] : c.acct->assets)
    if (currency != "KRW"
        && (bal.balance.is_positive() || bal.locked.is_positive()))
      arr.push_back(balance_to_json(currency, bal));
  (void) v;
  return json_reply(200, arr.dump());
}

http::response chance(venue& v, const call& c) {
  auto code = c.get("market");
  auto* spec = find_market(code);
  if (!spec)
    return error_reply(404, "market_does_not_exist", "Market does not exist.");
  auto fee = c.acct->fee.to_string();
  ojson j;
  j["bid_fee"] = fee;
  j["ask_fee"] = fee;
  j["maker_bid_fee"] = fee;
  j["maker_ask_fee"] = fee;
  auto& m = j["market"];
  m["id"] = code;
  m["name"] = spec->base + "/KRW";
  m["order_types"] = {"limit"};
  m["order_sides"] = {"ask", "bid"};
  m["bid_types"] = {"limit", "limit_fok", "limit_ioc", "price"};
  m["ask_types"] = {"limit", "limit_fok", "limit_ioc", "market"};
  m["bid"] = {{"currency", "KRW"}, {"min_total", min_total.to_string()}};
  m["ask"] = {{"currency", spec->base}, {"min_total", min_total.to_string()}};
  m["max_total"] = max_total.to_string();
  m["state"] = "active";
  j["bid_account"] = balance_to_json("KRW", c.acct->assets["KRW"]);
  j["ask_account"] = balance_to_json(spec->base, c.acct->assets[spec->base]);
  (void) v;
  return json_reply(200, j.dump());
}

http::response get_order(venue& v, const call& c, bool v2) {
  auto* o = lookup(v, c, v2);
  if (!o)
    return not_found();
  order_view view;
  view.trades = true;
  view.bithumb_v2 = v2;
  return json_reply(200, order_to_json(*o, v.kind, view).dump());
}

http::response list_orders(venue& v, const call& c, bool closed) {
  std::set<order_state> states;
  auto wanted = c.all("states[]");
  if (c.has("state"))
    wanted.push_back(c.get("state"));
  for (auto& s : wanted) {
    if (s == "wait" || s == "watch")
      states.insert(order_state::wait);
    else if (s == "done")
      states.insert(order_state::done);
    else if (s == "cancel")
      states.insert(order_state::cancel);
    else
      return error_reply(400, "validation_error", "state is invalid.");
  }
  if (states.empty()) {
    if (closed)
      states = {order_state::done, order_state::cancel};
    else
      states = {order_state::wait};
  }
  auto market = c.get("market");
  if (!market.empty() && !find_market(market))
    return error_reply(404, "market_does_not_exist", "Market does not exist.");
  auto list = v.eng.orders_of(*c.acct, market, states);
  if (c.get("order_by") == "asc")
    std::reverse(list.begin(), list.end());
  int limit = c.has("limit") ? std::clamp(std::atoi(c.get("limit").c_str()), 1, 1000)
                             : 100;
  int page = c.has("page") ? std::max(1, std::atoi(c.get("page").c_str())) : 1;
  ojson arr = ojson::array();
  order_view view;
  view.executed_funds = closed;
  size_t first = static_cast<size_t>((page - 1) * limit);
  for (size_t i = first; i < list.size() && i < first + limit; ++i)
    arr.push_back(order_to_json(*list[i], v.kind, view));
  return json_reply(200, arr.dump());
}

http::response cancel_order(venue& v, const call& c, bool v2) {
  std::string uuid = v2 ? c.get("order_id") : c.get("uuid");
  std::string id = v2 ? c.get("client_order_id") : c.get("identifier");
  if (uuid.empty() && id.empty())
    return error_reply(400, "validation_error",
                       v2 ? "order_id or client_order_id is required."
                          : "uuid or identifier is required.");
  auto r = v.eng.cancel(*c.acct, uuid, id);
  if (auto* e = std::get_if<engine_error>(&r))
    return error_reply(e->status, e->name, e->message);
  auto* o = std::get<order*>(r);
  if (v2)
    return json_reply(200, order_v2_ack(*o).dump());
  return json_reply(200, order_to_json(*o, v.kind).dump());
}

void post_order(venue& v, const call& c, bool v2, reply& out) {
  auto body = ojson::parse(c.req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    out.response = error_reply(400, "validation_error",
                               "The body must be a JSON object.");
    return;
  }
  out.order = nlohmann::json::parse(body.dump());
  order_request req;
  req.market = text_field(body, "market").value_or("");
  req.side = text_field(body, "side").value_or("");
  req.ord_type = text_field(body, v2 ? "order_type" : "ord_type").value_or("");
  req.time_in_force = text_field(body, "time_in_force").value_or("");
  req.identifier = text_field(body, v2 ? "client_order_id" : "identifier")
                     .value_or("");
  req.price = text_field(body, "price");
  req.volume = text_field(body, "volume");
  auto& a = *c.acct;
  if (v2 && !req.identifier.empty()) {
    if (!valid_client_id(req.identifier)) {
      out.response = error_reply(400, "invalid_parameter",
                                 "client_order_id is invalid.");
      return;
    }
    if (auto* existing = v.eng.find(a, "", req.identifier)) {
      out.response = json_reply(201, order_v2_ack(*existing).dump());
      return;
    }
  }
  auto& f = v.faults;
  if (f.reject_orders > 0) {
    --f.reject_orders;
    mark_fault(out, "reject_order");
    if (!req.identifier.empty() && v.kind == venue_kind::upbit)
      a.identifiers.insert(req.identifier);
    auto name = !f.reject_name.empty() ? f.reject_name
                : req.side == "ask"    ? std::string{"create_ask_error"}
                                       : std::string{"create_bid_error"};
    out.response = error_reply(400, name, "Order rejected (simulated fault).");
    return;
  }
  fill_policy policy;
  if (f.partial_fills > 0) {
    --f.partial_fills;
    mark_fault(out, "partial_fill");
    policy.max_fill_ratio = f.partial_ratio;
  }
  auto* b = v.find_book(req.market);
  auto* t = v.find_tape(req.market);
  auto r = v.eng.place(a, req, b ? *b : v.books[0], t ? *t : v.tapes[0], c.now,
                       policy);
  if (auto* e = std::get_if<engine_error>(&r)) {
    out.response = error_reply(e->status, e->name, e->message);
    return;
  }
  auto* o = std::get<order*>(r);
  out.order["uuid"] = o->uuid;
  if (f.drop_order_replies > 0) {
    --f.drop_order_replies;
    mark_fault(out, "drop_order_reply");
    out.drop = true;
  }
  // The reply shows the order as accepted, before execution settled.
  const order& snapshot = v.eng.last_accepted();
  if (v2) {
    out.response = json_reply(201, order_v2_ack(snapshot).dump());
    return;
  }
  out.response = json_reply(201, order_to_json(snapshot, v.kind).dump());
}

} // namespace karb::sim::detail
