#include "exchanges/bybit/ws_private.hpp"

#include "exchanges/bybit/account_parse.hpp"
#include "exchanges/bybit/order_parse.hpp"
#include "exchanges/bybit/reply_fields.hpp"
#include "exchanges/bybit/symbols.hpp"
#include "exchanges/common/iso_time.hpp"
#include "exchanges/common/json_text.hpp"

namespace karb::bybit {

using json_text::check;
using json_text::json;
using json_text::reader;
using venue::private_frame;

namespace {

private_frame failure(std::string reason) {
  private_frame f;
  f.kind = private_frame::failure;
  f.error = std::move(reason);
  return f;
}

private_frame of_kind(private_frame::kind_t kind) {
  private_frame f;
  f.kind = kind;
  return f;
}

/// An op reply: {"success":bool,"ret_msg":"...","op":"auth"|...}.
private_frame op_reply(const json& doc, const std::string& op) {
  auto ok = doc.find("success");
  bool success = ok == doc.end() || (ok->is_boolean() && ok->get<bool>());
  if (success)
    return of_kind(op == "auth" ? private_frame::authenticated
                                : private_frame::other);
  std::string reason = op == "auth" ? "login refused" : op + " refused";
  if (auto msg = doc.find("ret_msg"); msg != doc.end() && msg->is_string())
    reason += ": " + msg->get<std::string>();
  return failure(std::move(reason));
}

/// The entries of `data` of this venue's category (entries without one,
/// as on older pushes, count as ours).
std::vector<const json*> ours(const json& data, exchange venue) {
  std::vector<const json*> out;
  for (auto& item : data) {
    if (!item.is_object())
      continue;
    auto cat = item.find("category");
    if (cat == item.end() || !cat->is_string()
        || cat->get_ref<const std::string&>() == category_of(venue))
      out.push_back(&item);
  }
  return out;
}

private_frame order_frame(const json& data, exchange venue,
                          int64_t ts_recv_ns) {
  auto items = ours(data, venue);
  if (items.empty())
    return private_frame{};
  auto s = read_order(*items.front(), venue);
  if (!s)
    return failure(to_string(s.error()));
  private_frame f;
  f.kind = private_frame::order;
  f.update.state = std::move(s->o);
  f.update.origin = "stream";
  f.update.ts_recv_ns = ts_recv_ns;
  return f;
}

private_frame execution_frame(const json& data, exchange venue,
                              int64_t ts_recv_ns) {
  private_frame f;
  order& o = f.update.state;
  for (auto* item : ours(data, venue)) {
    reader r{*item, "execution"};
    if (r.opt_str("execType", "Trade") != "Trade")
      continue;
    auto id = r.str("orderId");
    if (!o.id.empty() && id != o.id)
      continue; // another order's: its own frame reports it
    if (o.id.empty()) {
      o.id = id;
      o.client_order_id = r.opt_str("orderLinkId");
      assign_symbol(venue, r.str("symbol"), o.symbol);
      auto side_text = r.str("side");
      if (r.ok() && side_text != "Buy" && side_text != "Sell")
        r.fail("side must be Buy or Sell");
      o.order_side = side_text == "Sell" ? side::sell : side::buy;
      o.status = order_status::submitted;
    }
    fill x;
    x.client_order_id = o.client_order_id;
    x.venue_order_id = o.id;
    x.trade_id = r.str("execId");
    x.symbol = o.symbol;
    x.order_side = o.order_side;
    x.price = r.amount("execPrice", check::positive);
    x.volume = r.amount("execQty", check::positive);
    x.fee = opt_blank_zero(r, "execFee");
    x.fee_currency = r.opt_str("feeCurrency");
    if (x.fee_currency.empty() && venue == exchange::bybit_linear)
      x.fee_currency = "USDT";
    x.ts_event_ns = time_field(r, "execTime");
    if (!r.ok())
      return failure(to_string(r.error()));
    o.ts_ns = std::max(o.ts_ns, x.ts_event_ns);
    f.update.fills.push_back(std::move(x));
  }
  if (f.update.fills.empty())
    return private_frame{};
  f.kind = private_frame::order;
  f.update.origin = "stream";
  f.update.ts_recv_ns = ts_recv_ns;
  return f;
}

private_frame wallet_frame(const json& data, exchange venue, int64_t ts_ns) {
  item_list<balance> wallet;
  for (auto& account : data)
    if (auto ok = read_wallet(account, venue, ts_ns, wallet); !ok)
      return failure(to_string(ok.error()));
  if (!wallet.rejected.empty())
    return failure(wallet.rejected.front());
  private_frame f;
  f.kind = private_frame::assets;
  f.balances = std::move(wallet.items);
  return f;
}

private_frame position_frame(const json& data) {
  private_frame f;
  f.kind = private_frame::positions;
  for (auto& item : data) {
    auto p = read_position(item);
    if (!p)
      return failure(to_string(p.error()));
    f.position_list.push_back(std::move(*p));
  }
  return f;
}

} // namespace

private_frame parse_private(std::string_view text, exchange venue,
                            int64_t ts_recv_ns) {
  auto doc = json_text::parse(text);
  if (!doc)
    return failure(to_string(doc.error()));
  if (!doc->is_object())
    return failure("private frame: expected an object");
  if (auto op = doc->find("op"); op != doc->end() && op->is_string())
    return op_reply(*doc, op->get<std::string>());
  auto topic = doc->find("topic");
  if (topic == doc->end() || !topic->is_string())
    return private_frame{};
  auto& name = topic->get_ref<const std::string&>();
  auto data = doc->find("data");
  if (data == doc->end() || !data->is_array())
    return failure(name + ": data must be an array");
  if (name == "order" || name.starts_with("order."))
    return order_frame(*data, venue, ts_recv_ns);
  if (name == "execution" || name.starts_with("execution."))
    return execution_frame(*data, venue, ts_recv_ns);
  if (name == "wallet") {
    int64_t ms = 0;
    if (auto t = doc->find("creationTime");
        t != doc->end() && t->is_number_integer())
      ms = t->get<int64_t>();
    auto ts_ns = ms_to_ns(ms);
    if (!ts_ns)
      return failure("wallet: creationTime out of range");
    return wallet_frame(*data, venue, *ts_ns);
  }
  if (name == "position" || name.starts_with("position."))
    return position_frame(*data);
  return private_frame{};
}

} // namespace karb::bybit
