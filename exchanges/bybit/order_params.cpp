#include "exchanges/bybit/order_params.hpp"

#include <nlohmann/json.hpp>

#include "exchanges/binance/order_params.hpp"
#include "exchanges/bybit/symbols.hpp"

namespace karb::bybit {

namespace {

using body = nlohmann::ordered_json;

venue_error refuse(std::string name, std::string message) {
  return venue_error{venue_errc::bad_request, 0, std::move(name),
                     std::move(message)};
}

std::string_view time_in_force(order_type t) {
  switch (t) {
    case order_type::ioc: return "IOC";
    case order_type::fok: return "FOK";
    default: return "GTC";
  }
}

body with_symbol(exchange venue, std::string_view symbol) {
  body b;
  b["category"] = category_of(venue);
  b["symbol"] = symbol;
  return b;
}

/// qty (and marketUnit on spot) of a market order.
std::optional<venue_error> market_qty(exchange venue, const order_request& r,
                                      body& b) {
  bool spot = venue == exchange::bybit_spot;
  if (r.quote_amount) {
    if (r.order_side != side::buy)
      return refuse("quote_amount_sell",
                    "a quote-sized market order must be a buy");
    if (!spot)
      return refuse("quote_amount_linear",
                    "linear market orders need a base quantity; "
                    "quote-sized market buys are not supported");
    if (!r.price.is_positive())
      return refuse("bad_quote_amount", "quote amount must be positive");
    b["qty"] = r.price.to_string();
    b["marketUnit"] = "quoteCoin";
    return std::nullopt;
  }
  if (!r.amount.is_positive())
    return refuse("bad_quantity", "quantity must be positive");
  b["qty"] = r.amount.to_string();
  if (spot)
    b["marketUnit"] = "baseCoin";
  return std::nullopt;
}

} // namespace

result<std::string> create_body(exchange venue, const order_request& r) {
  bool linear = venue == exchange::bybit_linear;
  // Bybit's orderLinkId rule is Binance's client id rule: 1-36 of
  // [A-Za-z0-9_-].
  if (!r.client_order_id.empty()
      && !binance::is_valid_client_id(r.client_order_id))
    return refuse("bad_client_id",
                  "client order id must be 1-36 of [A-Za-z0-9_-]");
  if (r.reduce_only && !linear)
    return refuse("reduce_only_on_spot", "spot orders cannot be reduce-only");
  auto b = with_symbol(venue, market_code(r.symbol));
  b["side"] = r.order_side == side::buy ? "Buy" : "Sell";
  if (r.type == order_type::market) {
    b["orderType"] = "Market";
    if (auto e = market_qty(venue, r, b))
      return *e;
  } else {
    if (!r.amount.is_positive())
      return refuse("bad_quantity", "quantity must be positive");
    if (!r.price.is_positive())
      return refuse("bad_price", "limit price must be positive");
    b["orderType"] = "Limit";
    b["qty"] = r.amount.to_string();
    b["price"] = r.price.to_string();
    b["timeInForce"] = time_in_force(r.type);
  }
  if (!r.client_order_id.empty())
    b["orderLinkId"] = r.client_order_id;
  if (linear) {
    b["positionIdx"] = 0;
    b["reduceOnly"] = r.reduce_only;
  }
  return b.dump();
}

result<std::string> amend_body(exchange venue, std::string_view symbol,
                               std::string_view client_id,
                               const decimal& new_price,
                               const decimal& new_quantity) {
  if (new_price.is_negative() || new_quantity.is_negative())
    return refuse("bad_amend", "amended price and quantity cannot be negative");
  if (new_price.is_zero() && new_quantity.is_zero())
    return refuse("empty_amend", "an amend must change the price or the "
                                 "quantity");
  auto b = with_symbol(venue, symbol);
  b["orderLinkId"] = client_id;
  if (new_quantity.is_positive())
    b["qty"] = new_quantity.to_string();
  if (new_price.is_positive())
    b["price"] = new_price.to_string();
  return b.dump();
}

std::string cancel_body(exchange venue, std::string_view symbol,
                        std::string_view client_id) {
  auto b = with_symbol(venue, symbol);
  b["orderLinkId"] = client_id;
  return b.dump();
}

} // namespace karb::bybit
