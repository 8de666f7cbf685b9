#include "exchanges/korea/ws_parse.hpp"

#include "exchanges/common/json_text.hpp"
#include "exchanges/korea/errors.hpp"
#include "exchanges/korea/order_parse.hpp"
#include "exchanges/korea/quote_parse.hpp"
#include "exchanges/korea/symbols.hpp"

namespace karb::korea {

using json_text::check;
using json_text::json;
using json_text::reader;

namespace {

std::string_view type_of(const json& doc, bool& simple) {
  simple = false;
  for (auto key : {"type", "ty"}) {
    auto it = doc.find(key);
    if (it != doc.end() && it->is_string()) {
      simple = std::string_view{key} == "ty";
      return it->get_ref<const std::string&>();
    }
  }
  return {};
}

result<order_update> read_my_order(const json& doc, exchange venue) {
  reader r{doc, "myOrder"};
  order_update u;
  order& o = u.o;
  o.id = r.find("uuid") ? r.str("uuid") : r.str("order_id");
  o.client_order_id = r.find("identifier") ? r.opt_str("identifier")
                                           : r.opt_str("client_order_id");
  auto code = r.str("code");
  if (r.ok() && !assign_instrument(venue, code, o.symbol))
    r.fail("bad market code");
  auto ab = r.str("ask_bid");
  if (r.ok() && ab != "ASK" && ab != "BID")
    r.fail("ask_bid must be ASK or BID");
  o.order_side = ab == "ASK" ? side::sell : side::buy;
  auto ord_type = r.str("order_type");
  u.venue_state = r.str("state");
  o.filled = r.opt_amount("executed_volume", {}, check::non_negative);
  o.remaining = r.opt_amount("remaining_volume", {}, check::non_negative);
  o.fee = r.opt_amount("paid_fee", {}, check::non_negative);
  o.has_fee = r.find("paid_fee") != nullptr;
  auto price = r.opt_amount("price", {}, check::non_negative);
  auto volume = r.opt_amount("volume", {}, check::non_negative);
  auto avg = r.opt_amount("avg_price", {}, check::non_negative);
  auto tif = r.opt_str("time_in_force");
  o.ts_ns = r.ms_timestamp("timestamp");
  if (!r.ok())
    return r.error();
  o.type = ord_type == "limit" ? order_type::limit : order_type::market;
  if (tif == "ioc")
    o.type = order_type::ioc;
  else if (tif == "fok")
    o.type = order_type::fok;
  if (avg.is_positive()) {
    o.has_average_price = true;
    o.average_price = avg;
  }
  if (u.venue_state == "trade") {
    // price/volume are the execution's, not the order's.
    u.has_fill = true;
    u.f.client_order_id = o.client_order_id;
    u.f.venue_order_id = o.id;
    u.f.trade_id = r.str("trade_uuid");
    u.f.symbol = o.symbol;
    u.f.order_side = o.order_side;
    u.f.price = price;
    u.f.volume = volume;
    u.f.fee = r.opt_amount("trade_fee", {}, check::non_negative);
    u.f.fee_currency = o.symbol.quote;
    u.f.ts_event_ns = r.ms_timestamp("trade_timestamp");
    if (auto* m = r.find("is_maker"); m != nullptr && m->is_boolean())
      u.is_maker = m->get<bool>();
    o.amount = r.sum(o.filled, o.remaining,
                     "executed_volume + remaining_volume");
    if (!r.ok())
      return r.error();
    if (!price.is_positive())
      return malformed("myOrder: trade price must be positive");
    o.status = o.remaining.is_zero() && ord_type != "price"
                 ? order_status::filled
                 : order_status::partially_filled;
    return u;
  }
  o.amount = volume;
  o.has_price = price.is_positive();
  o.price = price;
  if (u.venue_state == "prevented") {
    o.status = order_status::cancelled;
    return u;
  }
  auto st = map_state(u.venue_state, ord_type, o.filled, o.remaining);
  if (!st)
    return malformed("myOrder: unknown state");
  o.status = *st;
  return u;
}

result<asset_update> read_my_asset(const json& doc, exchange venue) {
  reader r{doc, "myAsset"};
  asset_update a;
  a.ts_event_ns = r.ms_timestamp("timestamp");
  auto* assets = r.field("assets");
  if (!r.ok())
    return r.error();
  if (!assets->is_array())
    return malformed("myAsset: assets must be an array");
  for (auto& item : *assets) {
    auto b = read_balance(item, venue);
    if (!b)
      return b.error();
    b->ts_ns = a.ts_event_ns;
    a.balances.push_back(std::move(*b));
  }
  return a;
}

template <class T>
result<frame> lift(result<T>&& x) {
  if (!x)
    return x.error();
  return frame{std::move(*x)};
}

} // namespace

result<frame> parse_frame(std::string_view text, exchange venue,
                          int64_t ts_recv_ns) {
  auto doc = json_text::parse(text);
  if (!doc)
    return doc.error();
  if (!doc->is_object())
    return malformed("frame: expected an object");
  if (doc->contains("error")) {
    if (auto e = error_body(text, 0))
      return frame{std::move(*e)};
    return malformed("frame: bad error object");
  }
  if (auto it = doc->find("status"); it != doc->end() && it->is_string()
                                     && !doc->contains("type"))
    return frame{status_frame{it->get<std::string>()}};
  bool simple = false;
  auto type = type_of(*doc, simple);
  if (type == "orderbook") {
    auto book = read_book(*doc, venue, simple ? simple_book_keys : ws_book_keys);
    if (book)
      book->ts_recv_ns = ts_recv_ns;
    return lift(std::move(book));
  }
  if (type == "trade") {
    auto t = read_trade(*doc, venue, simple ? simple_trade_keys : ws_trade_keys);
    if (t)
      t->ts_recv_ns = ts_recv_ns;
    return lift(std::move(t));
  }
  if (type == "ticker")
    return lift(read_ticker(*doc, venue,
                            simple ? simple_ticker_keys : ws_ticker_keys));
  if (type == "myOrder")
    return lift(read_my_order(*doc, venue));
  if (type == "myAsset")
    return lift(read_my_asset(*doc, venue));
  return malformed("frame: unknown type");
}

result<order_book> parse_book_frame(std::string_view text, exchange venue,
                                    int64_t ts_recv_ns) {
  auto f = parse_frame(text, venue, ts_recv_ns);
  if (!f)
    return f.error();
  if (kind_of(*f) != frame_kind::book)
    return malformed("frame: not an orderbook");
  return std::get<order_book>(std::move(*f));
}

} // namespace karb::korea
