#include "exchanges/okx/order_parse.hpp"

#include "exchanges/okx/client_id.hpp"
#include "exchanges/okx/contracts.hpp"
#include "exchanges/okx/fields.hpp"
#include "exchanges/okx/symbols.hpp"

namespace karb::okx {

using json_text::check;
using json_text::json;
using json_text::reader;

namespace {

/// A place / cancel / amend acknowledgement.
result<order_snapshot> read_ack(reader& r, exchange venue) {
  order_snapshot s;
  s.o.id = r.opt_str("ordId");
  s.o.client_order_id = decode_client_id(r.opt_str("clOrdId"));
  s.o.symbol.venue = venue;
  s.o.symbol.contract = contract_of(venue);
  s.o.status = order_status::open;
  s.o.ts_ns = opt_ms_as_ns(r, "ts");
  if (!r.ok())
    return r.error();
  return s;
}

/// Multiplies the sizes read in contracts by the contract size.
result<unit> sizes_to_base(decimal size, std::initializer_list<decimal*> xs) {
  for (auto* x : xs) {
    auto base = to_base(*x, size);
    if (!base)
      return base.error();
    *x = *base;
  }
  return unit{};
}

} // namespace

std::optional<order_status> map_state(std::string_view state, decimal filled,
                                      decimal size) {
  if (state == "live")
    return order_status::open;
  if (state == "partially_filled")
    return order_status::partially_filled;
  if (state == "filled")
    return order_status::filled;
  if (state == "canceled" || state == "mmp_canceled") {
    bool all_done = size.is_positive() && filled >= size;
    return all_done ? order_status::filled : order_status::cancelled;
  }
  return std::nullopt;
}

order_type map_type(std::string_view ord_type) {
  if (ord_type == "market")
    return order_type::market;
  if (ord_type == "ioc" || ord_type == "optimal_limit_ioc")
    return order_type::ioc;
  if (ord_type == "fok")
    return order_type::fok;
  return order_type::limit;
}

result<order_snapshot> read_order(const json& obj, exchange venue,
                                  const venue::contract_size_fn& sizes) {
  reader r{obj, "order"};
  if (r.find("sCode") != nullptr && r.find("state") == nullptr)
    return read_ack(r, venue);
  order_snapshot s;
  order& o = s.o;
  auto inst_id = r.str("instId");
  assign_symbol(venue, inst_id, o.symbol);
  o.id = r.str("ordId");
  o.client_order_id = decode_client_id(r.opt_str("clOrdId"));
  auto side_text = r.str("side");
  if (r.ok() && side_text != "buy" && side_text != "sell")
    r.fail("side must be buy or sell");
  o.order_side = side_text == "sell" ? side::sell : side::buy;
  s.venue_type = r.str("ordType");
  s.venue_state = r.str("state");
  o.type = map_type(s.venue_type);
  auto size = r.amount("sz", check::non_negative);
  auto price = opt_decimal(r, "px", {}, check::non_negative);
  o.filled = opt_decimal(r, "accFillSz", {}, check::non_negative);
  auto avg = opt_decimal(r, "avgPx", {}, check::non_negative);
  auto fee = opt_decimal(r, "fee");
  bool has_fee = has_value(r, "fee");
  auto fee_ccy = r.opt_str("feeCcy");
  auto fill_size = opt_decimal(r, "fillSz", {}, check::non_negative);
  auto fill_price = opt_decimal(r, "fillPx", {}, check::non_negative);
  auto fill_fee = opt_decimal(r, "fillFee");
  auto fill_fee_ccy = r.opt_str("fillFeeCcy", fee_ccy);
  auto trade_id = r.opt_str("tradeId");
  auto fill_ns = opt_ms_as_ns(r, "fillTime");
  o.ts_ns = has_value(r, "uTime") ? ms_as_ns(r, "uTime")
                                  : opt_ms_as_ns(r, "cTime");
  bool by_quote = venue == exchange::okx_spot && o.type == order_type::market
                  && o.order_side == side::buy
                  && r.opt_str("tgtCcy") == "quote_ccy";
  if (!r.ok())
    return r.error();
  auto st = map_state(s.venue_state, o.filled, by_quote ? decimal{} : size);
  if (!st)
    return malformed("order: unknown state '" + s.venue_state + "'");
  o.status = *st;
  if (venue == exchange::okx_swap) {
    auto ct = contract_size(sizes, inst_id);
    if (!ct)
      return ct.error();
    if (auto ok = sizes_to_base(*ct, {&size, &o.filled, &fill_size}); !ok)
      return ok.error();
  }
  if (by_quote) {
    o.has_price = true;
    o.price = size;
  } else {
    o.amount = size;
    o.remaining = max(decimal{}, size - o.filled);
    o.has_price = price.is_positive();
    o.price = price;
  }
  if (avg.is_positive()) {
    o.has_average_price = true;
    o.average_price = avg;
  }
  if (has_fee) {
    o.has_fee = true;
    o.fee = -fee;
  }
  if (!trade_id.empty() && fill_size.is_positive()) {
    fill f;
    f.client_order_id = o.client_order_id;
    f.venue_order_id = o.id;
    f.trade_id = trade_id;
    f.symbol = o.symbol;
    f.order_side = o.order_side;
    f.price = fill_price;
    f.volume = fill_size;
    f.fee = -fill_fee;
    f.fee_currency = fill_fee_ccy;
    f.ts_event_ns = fill_ns != 0 ? fill_ns : o.ts_ns;
    s.fills.push_back(std::move(f));
  }
  return s;
}

result<order_snapshot> parse_order(std::string_view body, exchange venue,
                                   const venue::contract_size_fn& sizes) {
  auto data = data_of(body, "order");
  if (!data)
    return data.error();
  if (data->empty())
    return malformed("order: data is empty");
  return read_order((*data)[0], venue, sizes);
}

result<item_list<order_snapshot>> parse_orders(
  std::string_view body, exchange venue, const venue::contract_size_fn& sizes) {
  auto data = data_of(body, "orders");
  if (!data)
    return data.error();
  item_list<order_snapshot> out;
  out.items.reserve(data->size());
  for (auto& item : *data) {
    auto s = read_order(item, venue, sizes);
    if (s)
      out.items.push_back(std::move(*s));
    else
      out.reject(s.error());
  }
  return out;
}

} // namespace karb::okx
