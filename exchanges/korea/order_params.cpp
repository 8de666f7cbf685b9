#include "exchanges/korea/order_params.hpp"

#include "exchanges/korea/symbols.hpp"

namespace karb::korea {

namespace {

venue_error refuse(std::string why) {
  return venue_error{venue_errc::bad_request, 0, "local_validation",
                     std::move(why)};
}

} // namespace

std::string_view to_wire(side s) {
  return s == side::buy ? "bid" : "ask";
}

result<params> order_params(order_keys keys, std::string_view market, side s,
                            order_kind kind, decimal volume, decimal price,
                            std::string_view client_id) {
  if (!is_market_code(market))
    return refuse("bad market code");
  if (!client_id.empty() && !is_valid_client_id(client_id))
    return refuse("bad client id");
  params ps;
  ps.reserve(6);
  ps.emplace_back("market", std::string{market});
  ps.emplace_back("side", std::string{to_wire(s)});
  switch (kind) {
    case order_kind::limit:
      if (!volume.is_positive() || !price.is_positive())
        return refuse("limit order needs positive volume and price");
      ps.emplace_back("volume", volume.to_string());
      ps.emplace_back("price", price.to_string());
      ps.emplace_back(std::string{keys.type}, "limit");
      break;
    case order_kind::market_buy_quote:
      if (s != side::buy || !price.is_positive())
        return refuse("market buy needs side buy and a positive quote total");
      ps.emplace_back("price", price.to_string());
      ps.emplace_back(std::string{keys.type}, "price");
      break;
    case order_kind::market_sell:
      if (s != side::sell || !volume.is_positive())
        return refuse("market sell needs side sell and a positive volume");
      ps.emplace_back("volume", volume.to_string());
      ps.emplace_back(std::string{keys.type}, "market");
      break;
  }
  if (!client_id.empty())
    ps.emplace_back(std::string{keys.client_id}, std::string{client_id});
  return ps;
}

} // namespace karb::korea
