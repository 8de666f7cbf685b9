#include "exchanges/binance/order_params.hpp"

#include "exchanges/binance/symbols.hpp"

namespace karb::binance {

namespace {

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

} // namespace

bool is_valid_client_id(std::string_view id) {
  if (id.empty() || id.size() > 36)
    return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

result<params> order_params(exchange venue, const order_request& r) {
  bool usdm = venue == exchange::binance_usdm;
  if (!r.client_order_id.empty() && !is_valid_client_id(r.client_order_id))
    return refuse("bad_client_id",
                  "client order id must be 1-36 of [A-Za-z0-9_-]");
  if (r.reduce_only && !usdm)
    return refuse("reduce_only_on_spot", "spot orders cannot be reduce-only");
  params ps;
  ps.reserve(9);
  ps.emplace_back("symbol", market_code(r.symbol));
  ps.emplace_back("side", r.order_side == side::buy ? "BUY" : "SELL");
  if (r.type == order_type::market) {
    ps.emplace_back("type", "MARKET");
    if (r.quote_amount) {
      if (r.order_side != side::buy)
        return refuse("quote_amount_sell",
                      "a quote-sized market order must be a buy");
      if (usdm)
        return refuse("quote_amount_usdm",
                      "USD-M market orders need a base quantity; "
                      "quote-sized market buys are not supported");
      if (!r.price.is_positive())
        return refuse("bad_quote_amount", "quote amount must be positive");
      ps.emplace_back("quoteOrderQty", r.price.to_string());
    } else {
      if (!r.amount.is_positive())
        return refuse("bad_quantity", "quantity must be positive");
      ps.emplace_back("quantity", r.amount.to_string());
    }
  } else {
    if (!r.amount.is_positive())
      return refuse("bad_quantity", "quantity must be positive");
    if (!r.price.is_positive())
      return refuse("bad_price", "limit price must be positive");
    ps.emplace_back("type", "LIMIT");
    ps.emplace_back("timeInForce", std::string{time_in_force(r.type)});
    ps.emplace_back("quantity", r.amount.to_string());
    ps.emplace_back("price", r.price.to_string());
  }
  if (r.reduce_only)
    ps.emplace_back("reduceOnly", "true");
  if (!r.client_order_id.empty())
    ps.emplace_back("newClientOrderId", r.client_order_id);
  ps.emplace_back("newOrderRespType", usdm ? "RESULT" : "FULL");
  return ps;
}

} // namespace karb::binance
