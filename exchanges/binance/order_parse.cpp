#include "exchanges/binance/order_parse.hpp"

#include "exchanges/binance/symbols.hpp"

namespace karb::binance {

using json_text::check;
using json_text::json;
using json_text::reader;

namespace {

/// The first of `keys` present in `r`, a ms timestamp, as ns; else 0.
int64_t first_time_ns(reader& r, std::initializer_list<const char*> keys) {
  for (auto* k : keys)
    if (r.find(k) != nullptr)
      return r.ms_timestamp(k);
  return 0;
}

/// The order's id as text (a JSON integer on both venues).
std::string id_text(reader& r, const char* key) {
  auto* j = r.field(key);
  if (j == nullptr)
    return {};
  if (auto text = json_text::number_text(*j); text && j->is_number_integer())
    return *text;
  r.fail(std::string{"field '"} + key + "' is not an integer");
  return {};
}

result<unit> read_fills(const json& fills, order_snapshot& s) {
  if (!fills.is_array())
    return malformed("order: fills must be an array");
  decimal fee;
  bool one_asset = true;
  for (auto& item : fills) {
    reader r{item, "order fill"};
    fill f;
    f.client_order_id = s.o.client_order_id;
    f.venue_order_id = s.o.id;
    f.trade_id = id_text(r, "tradeId");
    f.symbol = s.o.symbol;
    f.order_side = s.o.order_side;
    f.price = r.amount("price", check::positive);
    f.volume = r.amount("qty", check::non_negative);
    f.fee = r.amount("commission", check::non_negative);
    f.fee_currency = r.str("commissionAsset");
    f.ts_event_ns = s.o.ts_ns;
    fee = r.sum(fee, f.fee, "sum of commissions");
    if (!r.ok())
      return r.error();
    one_asset = one_asset
                && (s.fills.empty() || s.fills.front().fee_currency
                                         == f.fee_currency);
    s.fills.push_back(std::move(f));
  }
  if (!s.fills.empty() && one_asset) {
    s.o.has_fee = true;
    s.o.fee = fee;
  }
  return unit{};
}

} // namespace

std::optional<order_status> map_status(std::string_view status,
                                       decimal executed, decimal orig_qty) {
  if (status == "NEW")
    return order_status::open;
  if (status == "PARTIALLY_FILLED")
    return order_status::partially_filled;
  if (status == "FILLED")
    return order_status::filled;
  if (status == "CANCELED" || status == "EXPIRED"
      || status == "EXPIRED_IN_MATCH") {
    bool all_done = orig_qty.is_positive() && executed >= orig_qty;
    return all_done ? order_status::filled : order_status::cancelled;
  }
  if (status == "PENDING_CANCEL")
    return executed.is_positive() ? order_status::partially_filled
                                  : order_status::open;
  if (status == "REJECTED")
    return order_status::rejected;
  return std::nullopt;
}

order_type map_type(std::string_view type, std::string_view time_in_force) {
  if (type == "MARKET" || type.ends_with("_MARKET"))
    return order_type::market;
  if (type == "LIMIT" && time_in_force == "IOC")
    return order_type::ioc;
  if (type == "LIMIT" && time_in_force == "FOK")
    return order_type::fok;
  return order_type::limit;
}

result<order_snapshot> read_order(const json& obj, exchange venue) {
  reader r{obj, "order"};
  order_snapshot s;
  order& o = s.o;
  o.id = id_text(r, "orderId");
  o.client_order_id = r.find("origClientOrderId") != nullptr
                        ? r.str("origClientOrderId")
                        : r.str("clientOrderId");
  assign_symbol(venue, r.str("symbol"), o.symbol);
  auto side_text = r.str("side");
  if (r.ok() && side_text != "BUY" && side_text != "SELL")
    r.fail("side must be BUY or SELL");
  o.order_side = side_text == "SELL" ? side::sell : side::buy;
  s.venue_type = r.str("type");
  s.venue_state = r.str("status");
  auto tif = r.opt_str("timeInForce");
  auto orig_qty = r.amount("origQty", check::non_negative);
  auto price = r.amount("price", check::non_negative);
  auto quote_qty = r.opt_amount("origQuoteOrderQty", {}, check::non_negative);
  o.filled = r.amount("executedQty", check::non_negative);
  o.ts_ns = first_time_ns(r, {"transactTime", "time", "updateTime"});
  decimal avg;
  if (venue == exchange::binance_usdm) {
    avg = r.opt_amount("avgPrice", {}, check::non_negative);
  } else {
    auto cum_quote = r.opt_amount("cummulativeQuoteQty", {},
                                  check::non_negative);
    if (o.filled.is_positive())
      avg = decimal::div(cum_quote, o.filled).value_or(decimal{});
  }
  if (!r.ok())
    return r.error();
  o.type = map_type(s.venue_type, tif);
  auto st = map_status(s.venue_state, o.filled, orig_qty);
  if (!st)
    return malformed("order: unknown status '" + s.venue_state + "'");
  o.status = *st;
  if (o.type == order_type::market && o.order_side == side::buy
      && quote_qty.is_positive()) {
    o.has_price = true;
    o.price = quote_qty;
  } else {
    o.amount = orig_qty;
    o.remaining = max(decimal{}, orig_qty - o.filled);
    o.has_price = price.is_positive();
    o.price = price;
  }
  if (avg.is_positive()) {
    o.has_average_price = true;
    o.average_price = avg;
  }
  if (auto* fills = r.find("fills"); fills != nullptr)
    if (auto ok = read_fills(*fills, s); !ok)
      return ok.error();
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

} // namespace karb::binance
