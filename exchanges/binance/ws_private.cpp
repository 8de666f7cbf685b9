#include "exchanges/binance/ws_private.hpp"

#include "exchanges/binance/account_parse.hpp"
#include "exchanges/binance/order_parse.hpp"
#include "exchanges/binance/symbols.hpp"
#include "exchanges/common/json_text.hpp"

namespace karb::binance {

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

/// An id field (JSON integer) as text.
std::string id_text(reader& r, const char* key) {
  auto* j = r.field(key);
  if (j == nullptr)
    return {};
  if (auto t = json_text::number_text(*j); t && j->is_number_integer())
    return *t;
  r.fail(std::string{"field '"} + key + "' is not an integer");
  return {};
}

/// The order fields both venues name alike: s, S, o, f, q, p, X, i, z, T.
void read_common(reader& r, exchange venue, order& o, std::string& status,
                 std::string& type) {
  assign_symbol(venue, r.str("s"), o.symbol);
  auto side_text = r.str("S");
  if (r.ok() && side_text != "BUY" && side_text != "SELL")
    r.fail("side must be BUY or SELL");
  o.order_side = side_text == "SELL" ? side::sell : side::buy;
  type = r.str("o");
  o.type = map_type(type, r.opt_str("f"));
  o.amount = r.amount("q", check::non_negative);
  o.price = r.amount("p", check::non_negative);
  o.has_price = o.price.is_positive();
  status = r.str("X");
  o.id = id_text(r, "i");
  o.filled = r.amount("z", check::non_negative);
  o.remaining = max(decimal{}, o.amount - o.filled);
  o.ts_ns = r.ms_timestamp("T");
}

/// The execution of an event with x = TRADE: t, L, l, n, N.
void read_trade(reader& r, const order& o, std::vector<fill>& fills) {
  if (r.opt_str("x") != "TRADE")
    return;
  fill f;
  f.client_order_id = o.client_order_id;
  f.venue_order_id = o.id;
  f.trade_id = id_text(r, "t");
  f.symbol = o.symbol;
  f.order_side = o.order_side;
  f.price = r.amount("L", check::positive);
  f.volume = r.amount("l", check::positive);
  f.fee = r.opt_amount("n", {}, check::non_negative);
  f.fee_currency = r.opt_str("N");
  f.ts_event_ns = o.ts_ns;
  fills.push_back(std::move(f));
}

private_frame order_frame(reader& r, order o, const std::string& status,
                          int64_t ts_recv_ns, std::vector<fill> fills) {
  if (!r.ok())
    return failure(to_string(r.error()));
  auto st = map_status(status, o.filled, o.amount);
  if (!st)
    return failure("unknown order status '" + status + "'");
  o.status = *st;
  private_frame f;
  f.kind = private_frame::order;
  f.update.state = std::move(o);
  f.update.fills = std::move(fills);
  f.update.origin = "stream";
  f.update.ts_recv_ns = ts_recv_ns;
  return f;
}

private_frame execution_report(const json& ev, int64_t ts_recv_ns) {
  reader r{ev, "executionReport"};
  order o;
  std::string status, type;
  read_common(r, exchange::binance_spot, o, status, type);
  // A cancel's event carries the cancel request's id in c, ours in C.
  auto original = r.opt_str("C");
  o.client_order_id = original.empty() ? r.str("c") : original;
  auto cum_quote = r.opt_amount("Z", {}, check::non_negative);
  auto quote_qty = r.opt_amount("Q", {}, check::non_negative);
  if (o.filled.is_positive()) {
    if (auto avg = decimal::div(cum_quote, o.filled); avg && avg->is_positive()) {
      o.has_average_price = true;
      o.average_price = *avg;
    }
  }
  if (o.type == order_type::market && o.order_side == side::buy
      && quote_qty.is_positive()) {
    o.amount = {};
    o.remaining = {};
    o.has_price = true;
    o.price = quote_qty;
  }
  std::vector<fill> fills;
  read_trade(r, o, fills);
  return order_frame(r, std::move(o), status, ts_recv_ns, std::move(fills));
}

private_frame order_trade_update(const json& ev, int64_t ts_recv_ns) {
  reader top{ev, "ORDER_TRADE_UPDATE"};
  auto* inner = top.field("o");
  if (!top.ok())
    return failure(to_string(top.error()));
  reader r{*inner, "ORDER_TRADE_UPDATE.o"};
  order o;
  std::string status, type;
  read_common(r, exchange::binance_usdm, o, status, type);
  o.client_order_id = r.str("c");
  auto avg = r.opt_amount("ap", {}, check::non_negative);
  if (avg.is_positive()) {
    o.has_average_price = true;
    o.average_price = avg;
  }
  std::vector<fill> fills;
  read_trade(r, o, fills);
  return order_frame(r, std::move(o), status, ts_recv_ns, std::move(fills));
}

private_frame account_position(const json& ev) {
  reader r{ev, "outboundAccountPosition"};
  auto ts = r.ms_timestamp(r.find("u") != nullptr ? "u" : "E");
  auto* list = r.field("B");
  if (r.ok() && !list->is_array())
    r.fail("B must be an array");
  if (!r.ok())
    return failure(to_string(r.error()));
  private_frame f;
  f.kind = private_frame::assets;
  for (auto& item : *list) {
    reader a{item, "outboundAccountPosition.B"};
    balance b;
    b.venue = exchange::binance_spot;
    b.currency = a.str("a");
    b.free = a.amount("f", check::non_negative);
    b.used = a.amount("l", check::non_negative);
    b.total = a.sum(b.free, b.used, "f + l");
    if (!a.ok())
      return failure(to_string(a.error()));
    b.ts_ns = ts;
    f.balances.push_back(std::move(b));
  }
  return f;
}

private_frame account_update(const json& ev) {
  reader top{ev, "ACCOUNT_UPDATE"};
  auto ts = top.ms_timestamp("T");
  auto* inner = top.field("a");
  if (!top.ok())
    return failure(to_string(top.error()));
  reader r{*inner, "ACCOUNT_UPDATE.a"};
  private_frame f;
  f.kind = private_frame::assets;
  if (auto* list = r.find("B"); list != nullptr && list->is_array()) {
    for (auto& item : *list) {
      reader a{item, "ACCOUNT_UPDATE.B"};
      balance b;
      b.venue = exchange::binance_usdm;
      b.currency = a.str("a");
      b.total = a.amount("wb");
      b.free = a.amount("cw");
      b.ts_ns = ts;
      b.used = max(decimal{}, a.difference(b.total, b.free, "wb - cw"));
      if (!a.ok())
        return failure(to_string(a.error()));
      f.balances.push_back(std::move(b));
    }
  }
  if (auto* list = r.find("P"); list != nullptr && list->is_array()) {
    for (auto& item : *list) {
      reader a{item, "ACCOUNT_UPDATE.P"};
      position p;
      p.symbol = symbol_instrument(exchange::binance_usdm, a.str("s"));
      set_signed_amount(p, a.amount("pa"));
      p.entry_price = a.amount("ep", check::non_negative);
      p.unrealized_pnl = a.amount("up");
      p.margin = a.opt_amount("iw", {}, check::non_negative);
      p.ts_ns = ts;
      if (!a.ok())
        return failure(to_string(a.error()));
      f.position_list.push_back(std::move(p));
    }
    if (!f.position_list.empty())
      f.kind = private_frame::positions;
  }
  return f;
}

/// A WebSocket API reply: {"id":..,"status":N,"result"|"error":..}.
private_frame api_reply(const json& doc) {
  auto status = doc.find("status");
  auto error = doc.find("error");
  bool ok = (status == doc.end() || (status->is_number_integer()
                                     && status->get<int64_t>() == 200))
            && (error == doc.end() || error->is_null());
  if (ok)
    return private_frame{};
  std::string reason = "user data subscription refused";
  if (error != doc.end() && error->is_object()) {
    if (auto msg = error->find("msg"); msg != error->end() && msg->is_string())
      reason += ": " + msg->get<std::string>();
    if (auto code = error->find("code"); code != error->end())
      if (auto t = json_text::number_text(*code))
        reason += " (" + *t + ")";
  }
  return failure(std::move(reason));
}

} // namespace

private_frame parse_private(std::string_view text, exchange venue,
                            int64_t ts_recv_ns) {
  auto doc = json_text::parse(text);
  if (!doc)
    return failure(to_string(doc.error()));
  if (!doc->is_object())
    return failure("user data frame: expected an object");
  const json* ev = &*doc;
  for (auto* key : {"event", "data"})
    if (auto inner = doc->find(key); inner != doc->end() && inner->is_object())
      ev = &*inner;
  auto type = ev->find("e");
  if (type == ev->end() || !type->is_string())
    return api_reply(*doc);
  auto& name = type->get_ref<const std::string&>();
  if (name == "executionReport" && venue == exchange::binance_spot)
    return execution_report(*ev, ts_recv_ns);
  if (name == "outboundAccountPosition" && venue == exchange::binance_spot)
    return account_position(*ev);
  if (name == "ORDER_TRADE_UPDATE" && venue == exchange::binance_usdm)
    return order_trade_update(*ev, ts_recv_ns);
  if (name == "ACCOUNT_UPDATE" && venue == exchange::binance_usdm)
    return account_update(*ev);
  if (name == "listenKeyExpired")
    return failure("listen key expired: create a new one and reconnect");
  if (name == "eventStreamTerminated")
    return failure("user data stream terminated: subscribe again");
  return private_frame{};
}

} // namespace karb::binance
