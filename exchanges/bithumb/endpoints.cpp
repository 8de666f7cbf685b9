#include "exchanges/bithumb/endpoints.hpp"

#include "exchanges/korea/order_params.hpp"

namespace karb::bithumb {

namespace {

constexpr korea::order_keys keys{"order_type", "client_order_id"};

std::string join(const std::vector<std::string>& xs) {
  std::string out;
  for (auto& x : xs) {
    if (!out.empty())
      out += ',';
    out += x;
  }
  return out;
}

http::request send(std::string_view method, std::string_view path,
                   const korea::params& ps, const credentials& c,
                   const signing_context& ctx) {
  return korea::signed_request(method, path, ps, c, ctx, auth);
}

result<http::request> post_order(const credentials& c,
                                 const signing_context& ctx,
                                 result<korea::params> ps) {
  if (!ps)
    return ps.error();
  return send("POST", "/v2/orders", *ps, c, ctx);
}

} // namespace

http::request ticker(const std::vector<std::string>& markets) {
  return korea::public_get("/v1/ticker", {{"markets", join(markets)}});
}

http::request orderbook(const std::vector<std::string>& markets) {
  return korea::public_get("/v1/orderbook", {{"markets", join(markets)}});
}

http::request recent_trades(std::string_view market, int count) {
  korea::params ps{{"market", std::string{market}}};
  if (count > 0)
    ps.emplace_back("count", std::to_string(count));
  return korea::public_get("/v1/trades/ticks", ps);
}

http::request accounts(const credentials& c, const signing_context& ctx) {
  return send("GET", "/v1/accounts", {}, c, ctx);
}

http::request order_chance(const credentials& c, const signing_context& ctx,
                           std::string_view market) {
  return send("GET", "/v1/orders/chance", {{"market", std::string{market}}}, c,
              ctx);
}

result<http::request> place_limit(const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view market, side s,
                                  decimal volume, decimal price,
                                  std::string_view client_order_id) {
  return post_order(c, ctx,
                    korea::order_params(keys, market, s, korea::order_kind::limit,
                                        volume, price, client_order_id));
}

result<http::request> market_buy(const credentials& c,
                                 const signing_context& ctx,
                                 std::string_view market, decimal quote_total,
                                 std::string_view client_order_id) {
  return post_order(c, ctx,
                    korea::order_params(keys, market, side::buy,
                                        korea::order_kind::market_buy_quote, {},
                                        quote_total, client_order_id));
}

result<http::request> market_sell(const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view market, decimal volume,
                                  std::string_view client_order_id) {
  return post_order(c, ctx,
                    korea::order_params(keys, market, side::sell,
                                        korea::order_kind::market_sell, volume,
                                        {}, client_order_id));
}

http::request cancel_by_order_id(const credentials& c,
                                 const signing_context& ctx,
                                 std::string_view order_id) {
  return send("DELETE", "/v2/order", {{"order_id", std::string{order_id}}}, c,
              ctx);
}

http::request cancel_by_client_id(const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view client_order_id) {
  return send("DELETE", "/v2/order",
              {{"client_order_id", std::string{client_order_id}}}, c, ctx);
}

http::request order_by_uuid(const credentials& c, const signing_context& ctx,
                            std::string_view uuid) {
  return send("GET", "/v1/order", {{"uuid", std::string{uuid}}}, c, ctx);
}

http::request order_by_client_id(const credentials& c,
                                 const signing_context& ctx,
                                 std::string_view client_order_id) {
  return send("GET", "/v2/order",
              {{"client_order_id", std::string{client_order_id}}}, c, ctx);
}

http::request open_orders(const credentials& c, const signing_context& ctx,
                          std::string_view market) {
  return send("GET", "/v1/orders",
              {{"market", std::string{market}}, {"state", "wait"}}, c, ctx);
}

http::request recent_orders(const credentials& c, const signing_context& ctx,
                            std::string_view market) {
  return send("GET", "/v1/orders",
              {{"market", std::string{market}},
               {"states[]", "done"},
               {"states[]", "cancel"},
               {"limit", "100"},
               {"order_by", "desc"}},
              c, ctx);
}

} // namespace karb::bithumb
