#include "exchanges/korea/order_parse.hpp"

#include "exchanges/common/iso_time.hpp"
#include "exchanges/korea/symbols.hpp"

namespace karb::korea {

using json_text::check;
using json_text::json;
using json_text::reader;

namespace {

// The first present key of `keys`, or "" when none is.
std::string_view present(const reader& r, std::initializer_list<const char*> keys) {
  for (auto* k : keys)
    if (auto* j = r.find(k); j != nullptr && !j->is_null())
      return k;
  return {};
}

std::optional<order_type> map_type(std::string_view ord_type,
                                   std::string_view tif) {
  if (tif == "ioc")
    return order_type::ioc;
  if (tif == "fok")
    return order_type::fok;
  if (ord_type == "limit")
    return order_type::limit;
  if (ord_type == "price" || ord_type == "market" || ord_type == "best")
    return order_type::market;
  return std::nullopt;
}

result<fill> read_fill(const json& obj, const order& o) {
  reader r{obj, "order trade"};
  fill f;
  f.client_order_id = o.client_order_id;
  f.venue_order_id = o.id;
  f.trade_id = r.str("uuid");
  f.symbol = o.symbol;
  f.order_side = o.order_side;
  f.price = r.amount("price", check::positive);
  f.volume = r.amount("volume", check::non_negative);
  f.fee_currency = o.symbol.quote;
  auto created = r.opt_str("created_at");
  if (!r.ok())
    return r.error();
  if (!created.empty()) {
    auto ts = parse_iso8601_ns(created);
    if (!ts)
      return malformed("order trade: bad created_at");
    f.ts_event_ns = *ts;
  }
  return f;
}

} // namespace

std::optional<order_status> map_state(std::string_view state,
                                      std::string_view ord_type,
                                      decimal executed, decimal remaining) {
  if (state.empty())
    return order_status::open;
  if (state == "wait" || state == "watch")
    return executed.is_positive() ? order_status::partially_filled
                                  : order_status::open;
  if (state == "done")
    return order_status::filled;
  if (state == "cancel") {
    bool nothing_left = ord_type == "price" || remaining.is_zero();
    return executed.is_positive() && nothing_left ? order_status::filled
                                                  : order_status::cancelled;
  }
  return std::nullopt;
}

result<order_snapshot> read_order(const json& obj, exchange venue) {
  reader r{obj, "order"};
  order_snapshot s;
  order& o = s.o;
  auto id_key = present(r, {"uuid", "order_id"});
  auto type_key = present(r, {"ord_type", "order_type"});
  auto client_key = present(r, {"identifier", "client_order_id"});
  o.id = r.str(id_key.empty() ? "uuid" : id_key);
  if (!client_key.empty())
    o.client_order_id = r.str(client_key);
  auto code = r.str("market");
  if (r.ok() && !assign_instrument(venue, code, o.symbol))
    r.fail("bad market code");
  auto side_text = r.str("side");
  if (r.ok() && side_text != "bid" && side_text != "ask")
    r.fail("side must be bid or ask");
  o.order_side = side_text == "ask" ? side::sell : side::buy;
  s.venue_type = type_key.empty() ? "" : r.str(type_key);
  s.venue_state = r.opt_str("state");
  auto tif = r.opt_str("time_in_force");
  o.amount = r.opt_amount("volume", {}, check::positive);
  o.has_price = r.find("price") != nullptr && !r.find("price")->is_null();
  o.price = r.opt_amount("price", {}, check::positive);
  o.filled = r.opt_amount("executed_volume", {}, check::non_negative);
  o.remaining = r.opt_amount("remaining_volume", {}, check::non_negative);
  o.has_fee = r.find("paid_fee") != nullptr;
  o.fee = r.opt_amount("paid_fee", {}, check::non_negative);
  auto created = r.opt_str("created_at");
  if (!r.ok())
    return r.error();
  if (!created.empty()) {
    auto ts = parse_iso8601_ns(created);
    if (!ts)
      return malformed("order: bad created_at");
    o.ts_ns = *ts;
  }
  if (!s.venue_type.empty()) {
    auto t = map_type(s.venue_type, tif);
    if (!t)
      return malformed("order: unknown ord_type");
    o.type = *t;
  }
  auto st = map_state(s.venue_state, s.venue_type, o.filled, o.remaining);
  if (!st)
    return malformed("order: unknown state");
  o.status = *st;
  decimal funds;
  decimal volume;
  if (auto* trades = r.find("trades"); trades != nullptr) {
    if (!trades->is_array())
      return malformed("order: trades must be an array");
    for (auto& t : *trades) {
      auto f = read_fill(t, o);
      if (!f)
        return f.error();
      reader tr{t, "order trade"};
      funds = tr.sum(funds, tr.opt_amount("funds"), "sum of trade funds");
      volume = tr.sum(volume, f->volume, "sum of trade volumes");
      if (!tr.ok())
        return tr.error();
      s.fills.push_back(std::move(*f));
    }
  }
  if (volume.is_zero() && o.filled.is_positive()) {
    funds = r.opt_amount("executed_funds", {}, check::non_negative);
    volume = funds.is_positive() ? o.filled : decimal{};
    if (!r.ok())
      return r.error();
  }
  if (volume.is_positive()) {
    if (auto avg = decimal::div(funds, volume)) {
      o.has_average_price = true;
      o.average_price = *avg;
    }
  }
  return s;
}

result<order_snapshot> parse_order(std::string_view body, exchange venue) {
  return json_text::parse_one(
    body, [venue](const json_text::json& j) { return read_order(j, venue); });
}

result<item_list<order_snapshot>> parse_orders(std::string_view body,
                                               exchange venue) {
  return json_text::parse_each<order_snapshot>(
    body,
    [venue](const json_text::json& j) { return read_order(j, venue); },
    "orders");
}

} // namespace karb::korea
