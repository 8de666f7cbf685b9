#include "exchanges/bybit/endpoints.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "exchanges/bybit/order_params.hpp"
#include "exchanges/bybit/symbols.hpp"

namespace karb::bybit {

namespace {

param category(exchange venue) {
  return {"category", std::string{category_of(venue)}};
}

params by_symbol(exchange venue, std::string_view symbol) {
  return {category(venue), {"symbol", std::string{symbol}}};
}

} // namespace

http::request server_time() {
  return public_get("/v5/market/time", {});
}

http::request instruments(exchange venue) {
  params ps{category(venue)};
  if (venue == exchange::bybit_linear)
    ps.emplace_back("limit", std::to_string(instruments_page));
  return public_get("/v5/market/instruments-info", ps);
}

http::request orderbook(exchange venue, std::string_view symbol) {
  auto ps = by_symbol(venue, symbol);
  ps.emplace_back("limit", std::to_string(snapshot_depth));
  return public_get("/v5/market/orderbook", ps);
}

http::request tickers(exchange venue, std::string_view symbol) {
  return public_get("/v5/market/tickers", by_symbol(venue, symbol));
}

http::request funding_history(std::string_view symbol) {
  auto ps = by_symbol(exchange::bybit_linear, symbol);
  ps.emplace_back("limit", std::to_string(funding_history_limit));
  return public_get("/v5/market/funding/history", ps);
}

http::request wallet_balance(const credentials& c,
                             const signing_context& ctx) {
  return signed_get("/v5/account/wallet-balance",
                    {{"accountType", "UNIFIED"}}, c, ctx);
}

http::request position_list(const credentials& c,
                            const signing_context& ctx) {
  return signed_get("/v5/position/list",
                    {category(exchange::bybit_linear), {"settleCoin", "USDT"}},
                    c, ctx);
}

http::request transaction_log(const credentials& c, const signing_context& ctx,
                              std::string_view symbol, int64_t since_ms) {
  auto now = ctx.timestamp_ms;
  auto start = std::max(since_ms, now - transaction_log_window_ms);
  params ps{{"accountType", "UNIFIED"},
            category(exchange::bybit_linear),
            {"type", "SETTLEMENT"},
            {"startTime", std::to_string(std::min(start, now))},
            {"endTime", std::to_string(now)},
            {"limit", std::to_string(transaction_log_page)}};
  if (auto base = split_symbol(symbol).first; !base.empty())
    ps.emplace_back("baseCoin", std::string{base});
  return signed_get("/v5/account/transaction-log", ps, c, ctx);
}

result<http::request> create_order(exchange venue, const credentials& c,
                                   const signing_context& ctx,
                                   const order_request& r) {
  auto body = create_body(venue, r);
  if (!body)
    return body.error();
  return signed_post("/v5/order/create", std::move(*body), c, ctx);
}

http::request cancel_order(exchange venue, const credentials& c,
                           const signing_context& ctx,
                           std::string_view symbol,
                           std::string_view client_id) {
  return signed_post("/v5/order/cancel",
                     cancel_body(venue, symbol, client_id), c, ctx);
}

result<http::request> amend_order(exchange venue, const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view symbol,
                                  std::string_view client_id,
                                  const decimal& new_price,
                                  const decimal& new_quantity) {
  auto body = amend_body(venue, symbol, client_id, new_price, new_quantity);
  if (!body)
    return body.error();
  return signed_post("/v5/order/amend", std::move(*body), c, ctx);
}

http::request order_realtime(exchange venue, const credentials& c,
                             const signing_context& ctx,
                             std::string_view symbol,
                             std::string_view client_id) {
  auto ps = by_symbol(venue, symbol);
  ps.emplace_back("orderLinkId", std::string{client_id});
  return signed_get("/v5/order/realtime", ps, c, ctx);
}

http::request open_orders(exchange venue, const credentials& c,
                          const signing_context& ctx,
                          std::string_view symbol) {
  auto ps = by_symbol(venue, symbol);
  ps.emplace_back("openOnly", "0");
  return signed_get("/v5/order/realtime", ps, c, ctx);
}

http::request order_history(exchange venue, const credentials& c,
                            const signing_context& ctx,
                            std::string_view symbol) {
  auto ps = by_symbol(venue, symbol);
  ps.emplace_back("limit", std::to_string(recent_order_count));
  return signed_get("/v5/order/history", ps, c, ctx);
}

http::request switch_one_way(const credentials& c, const signing_context& ctx,
                             std::string_view symbol) {
  nlohmann::ordered_json b;
  b["category"] = "linear";
  b["symbol"] = symbol;
  b["mode"] = 0;
  return signed_post("/v5/position/switch-mode", b.dump(), c, ctx);
}

http::request set_leverage(const credentials& c, const signing_context& ctx,
                           std::string_view symbol, int leverage) {
  nlohmann::ordered_json b;
  b["category"] = "linear";
  b["symbol"] = symbol;
  b["buyLeverage"] = std::to_string(leverage);
  b["sellLeverage"] = std::to_string(leverage);
  return signed_post("/v5/position/set-leverage", b.dump(), c, ctx);
}

} // namespace karb::bybit
