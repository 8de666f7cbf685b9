#include "exchanges/binance/spot_endpoints.hpp"

#include "exchanges/binance/order_params.hpp"

namespace karb::binance::spot {

namespace {

params by_symbol(std::string_view symbol) {
  return {{"symbol", std::string{symbol}}};
}

params with_limit(std::string_view symbol, int limit) {
  return {{"symbol", std::string{symbol}}, {"limit", std::to_string(limit)}};
}

params by_client_id(std::string_view symbol, std::string_view client_id) {
  return {{"symbol", std::string{symbol}},
          {"origClientOrderId", std::string{client_id}}};
}

} // namespace

http::request server_time() {
  return public_request("GET", "/api/v3/time");
}

http::request exchange_info() {
  return public_request("GET", "/api/v3/exchangeInfo");
}

http::request depth(std::string_view symbol, int limit) {
  return public_request("GET", "/api/v3/depth", with_limit(symbol, limit));
}

http::request ticker_24hr(std::string_view symbol) {
  return public_request("GET", "/api/v3/ticker/24hr", by_symbol(symbol));
}

http::request book_ticker(std::string_view symbol) {
  return public_request("GET", "/api/v3/ticker/bookTicker", by_symbol(symbol));
}

http::request recent_trades(std::string_view symbol, int limit) {
  return public_request("GET", "/api/v3/trades", with_limit(symbol, limit));
}

http::request account(const credentials& c, const signing_context& ctx) {
  return signed_request("GET", "/api/v3/account",
                        {{"omitZeroBalances", "true"}}, c, ctx);
}

result<http::request> place(const credentials& c, const signing_context& ctx,
                            const order_request& r) {
  auto ps = order_params(exchange::binance_spot, r);
  if (!ps)
    return ps.error();
  return signed_request("POST", "/api/v3/order", std::move(*ps), c, ctx);
}

http::request cancel(const credentials& c, const signing_context& ctx,
                     std::string_view symbol, std::string_view client_id) {
  return signed_request("DELETE", "/api/v3/order",
                        by_client_id(symbol, client_id), c, ctx);
}

http::request order_status(const credentials& c, const signing_context& ctx,
                           std::string_view symbol,
                           std::string_view client_id) {
  return signed_request("GET", "/api/v3/order",
                        by_client_id(symbol, client_id), c, ctx);
}

http::request open_orders(const credentials& c, const signing_context& ctx,
                          std::string_view symbol) {
  return signed_request("GET", "/api/v3/openOrders", by_symbol(symbol), c,
                        ctx);
}

http::request all_orders(const credentials& c, const signing_context& ctx,
                         std::string_view symbol, int limit) {
  return signed_request("GET", "/api/v3/allOrders", with_limit(symbol, limit),
                        c, ctx);
}

http::request my_trades(const credentials& c, const signing_context& ctx,
                        std::string_view symbol, int limit) {
  return signed_request("GET", "/api/v3/myTrades", with_limit(symbol, limit),
                        c, ctx);
}

} // namespace karb::binance::spot
