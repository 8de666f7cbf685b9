#include "exchanges/binance/usdm_endpoints.hpp"

#include "exchanges/binance/order_params.hpp"

namespace karb::binance::usdm {

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

constexpr std::string_view listen_key_path = "/fapi/v1/listenKey";

} // namespace

http::request server_time() {
  return public_request("GET", "/fapi/v1/time");
}

http::request exchange_info() {
  return public_request("GET", "/fapi/v1/exchangeInfo");
}

http::request depth(std::string_view symbol, int limit) {
  return public_request("GET", "/fapi/v1/depth", with_limit(symbol, limit));
}

http::request ticker_24hr(std::string_view symbol) {
  return public_request("GET", "/fapi/v1/ticker/24hr", by_symbol(symbol));
}

http::request book_ticker(std::string_view symbol) {
  return public_request("GET", "/fapi/v1/ticker/bookTicker",
                        by_symbol(symbol));
}

http::request premium_index(std::string_view symbol) {
  return public_request("GET", "/fapi/v1/premiumIndex", by_symbol(symbol));
}

http::request funding_rate_history(std::string_view symbol, int limit) {
  return public_request("GET", "/fapi/v1/fundingRate",
                        with_limit(symbol, limit));
}

result<http::request> place(const credentials& c, const signing_context& ctx,
                            const order_request& r) {
  auto ps = order_params(exchange::binance_usdm, r);
  if (!ps)
    return ps.error();
  return signed_request("POST", "/fapi/v1/order", std::move(*ps), c, ctx);
}

http::request cancel(const credentials& c, const signing_context& ctx,
                     std::string_view symbol, std::string_view client_id) {
  return signed_request("DELETE", "/fapi/v1/order",
                        by_client_id(symbol, client_id), c, ctx);
}

http::request order_status(const credentials& c, const signing_context& ctx,
                           std::string_view symbol,
                           std::string_view client_id) {
  return signed_request("GET", "/fapi/v1/order",
                        by_client_id(symbol, client_id), c, ctx);
}

http::request open_orders(const credentials& c, const signing_context& ctx,
                          std::string_view symbol) {
  return signed_request("GET", "/fapi/v1/openOrders", by_symbol(symbol), c,
                        ctx);
}

http::request all_orders(const credentials& c, const signing_context& ctx,
                         std::string_view symbol, int limit) {
  return signed_request("GET", "/fapi/v1/allOrders", with_limit(symbol, limit),
                        c, ctx);
}

http::request position_risk(const credentials& c, const signing_context& ctx) {
  return signed_request("GET", "/fapi/v3/positionRisk", {}, c, ctx);
}

http::request funding_income(const credentials& c, const signing_context& ctx,
                             std::string_view symbol, int64_t since_ms) {
  params ps{{"incomeType", "FUNDING_FEE"},
            {"startTime", std::to_string(since_ms)},
            {"limit", std::to_string(income_page)}};
  if (!symbol.empty())
    ps.emplace_back("symbol", std::string{symbol});
  return signed_request("GET", "/fapi/v1/income", std::move(ps), c, ctx);
}

http::request balance(const credentials& c, const signing_context& ctx) {
  return signed_request("GET", "/fapi/v3/balance", {}, c, ctx);
}

http::request set_leverage(const credentials& c, const signing_context& ctx,
                           std::string_view symbol, int leverage) {
  return signed_request("POST", "/fapi/v1/leverage",
                        {{"symbol", std::string{symbol}},
                         {"leverage", std::to_string(leverage)}},
                        c, ctx);
}

http::request set_margin_type(const credentials& c, const signing_context& ctx,
                              std::string_view symbol, bool isolated) {
  return signed_request("POST", "/fapi/v1/marginType",
                        {{"symbol", std::string{symbol}},
                         {"marginType", isolated ? "ISOLATED" : "CROSSED"}},
                        c, ctx);
}

http::request set_one_way_mode(const credentials& c,
                               const signing_context& ctx) {
  return signed_request("POST", "/fapi/v1/positionSide/dual",
                        {{"dualSidePosition", "false"}}, c, ctx);
}

// Both are safe to repeat: creating returns the account's active key if
// it has one, and a keepalive only extends it.
http::request create_listen_key(const credentials& c) {
  auto req = keyed_request("POST", listen_key_path, c);
  req.idempotent = true;
  return req;
}

http::request keepalive_listen_key(const credentials& c) {
  auto req = keyed_request("PUT", listen_key_path, c);
  req.idempotent = true;
  return req;
}

} // namespace karb::binance::usdm
