#include "exchanges/bybit/order_parse.hpp"

#include "exchanges/bybit/reply_fields.hpp"
#include "exchanges/bybit/symbols.hpp"

namespace karb::bybit {

using json_text::check;
using json_text::json;
using json_text::reader;

namespace {

/// An acknowledgement: the ids and nothing else.
result<order_snapshot> read_ack(const json& obj, exchange venue) {
  reader r{obj, "order ack"};
  order_snapshot s;
  s.o.id = r.str("orderId");
  s.o.client_order_id = r.opt_str("orderLinkId");
  s.o.symbol.venue = venue;
  s.o.symbol.contract = contract_of(venue);
  s.o.status = order_status::submitted;
  if (!r.ok())
    return r.error();
  return s;
}

bool quote_sized(exchange venue, const order& o, std::string_view unit) {
  return venue == exchange::bybit_spot && o.type == order_type::market
         && o.order_side == side::buy
         && (unit == "quoteCoin" || unit.empty());
}

} // namespace

std::optional<order_status> map_status(std::string_view status,
                                       decimal executed, decimal qty) {
  if (status == "New" || status == "Untriggered" || status == "Triggered")
    return order_status::open;
  if (status == "PartiallyFilled")
    return order_status::partially_filled;
  if (status == "Filled")
    return order_status::filled;
  if (status == "Cancelled" || status == "PartiallyFilledCanceled"
      || status == "Deactivated") {
    bool all_done = qty.is_positive() && executed >= qty;
    return all_done ? order_status::filled : order_status::cancelled;
  }
  if (status == "Rejected")
    return order_status::rejected;
  return std::nullopt;
}

order_type map_type(std::string_view type, std::string_view time_in_force) {
  if (type == "Market")
    return order_type::market;
  if (time_in_force == "IOC")
    return order_type::ioc;
  if (time_in_force == "FOK")
    return order_type::fok;
  return order_type::limit;
}

result<order_snapshot> read_order(const json& obj, exchange venue) {
  reader r{obj, "order"};
  order_snapshot s;
  order& o = s.o;
  o.id = r.str("orderId");
  o.client_order_id = r.opt_str("orderLinkId");
  assign_symbol(venue, r.str("symbol"), o.symbol);
  auto side_text = r.str("side");
  if (r.ok() && side_text != "Buy" && side_text != "Sell")
    r.fail("side must be Buy or Sell");
  o.order_side = side_text == "Sell" ? side::sell : side::buy;
  s.venue_type = r.str("orderType");
  s.venue_state = r.str("orderStatus");
  auto tif = r.opt_str("timeInForce");
  auto unit = r.opt_str("marketUnit");
  auto qty = r.amount("qty", check::non_negative);
  auto price = blank_zero(r, "price", check::non_negative);
  o.filled = blank_zero(r, "cumExecQty", check::non_negative);
  auto leaves = r.find("leavesQty") != nullptr
                  ? opt_blank_zero(r, "leavesQty", check::non_negative)
                  : max(decimal{}, qty - o.filled);
  auto avg = opt_blank_zero(r, "avgPrice", check::non_negative);
  auto* fee = r.find("cumExecFee");
  if (fee != nullptr && !(fee->is_string() && fee->get<std::string>().empty())) {
    o.has_fee = true;
    o.fee = r.amount("cumExecFee");
  }
  auto updated = opt_time_field(r, "updatedTime");
  o.ts_ns = updated > 0 ? updated : opt_time_field(r, "createdTime");
  if (!r.ok())
    return r.error();
  o.type = map_type(s.venue_type, tif);
  auto st = map_status(s.venue_state, o.filled, qty);
  if (!st)
    return malformed("order: unknown status '" + s.venue_state + "'");
  o.status = *st;
  if (quote_sized(venue, o, unit)) {
    o.has_price = true;
    o.price = qty;
  } else {
    o.amount = qty;
    o.remaining = leaves;
    o.has_price = price.is_positive();
    o.price = price;
  }
  if (avg.is_positive()) {
    o.has_average_price = true;
    o.average_price = avg;
  }
  return s;
}

result<order_snapshot> parse_order(std::string_view body, exchange venue) {
  auto reply = read_reply(body, "order");
  if (!reply)
    return reply.error();
  if (reply->result->find("list") == reply->result->end())
    return read_ack(*reply->result, venue);
  auto list = list_of(*reply, "order");
  if (!list)
    return list.error();
  if ((*list)->empty())
    return venue_error{venue_errc::unknown_order, 0, "empty_list",
                       "order: the venue's list does not hold it"};
  return read_order((**list)[0], venue);
}

result<item_list<order_snapshot>> parse_orders(std::string_view body,
                                               exchange venue) {
  auto reply = read_reply(body, "orders");
  if (!reply)
    return reply.error();
  auto list = list_of(*reply, "orders");
  if (!list)
    return list.error();
  item_list<order_snapshot> out;
  out.items.reserve((*list)->size());
  for (auto& item : **list) {
    auto s = read_order(item, venue);
    if (s)
      out.items.push_back(std::move(*s));
    else
      out.reject(s.error());
  }
  return out;
}

} // namespace karb::bybit
