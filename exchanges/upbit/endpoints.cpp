#include "exchanges/upbit/endpoints.hpp"

#include "exchanges/korea/order_params.hpp"

namespace karb::upbit {

namespace {

constexpr korea::order_keys keys{"ord_type", "identifier"};

std::string join(const std::vector<std::string>& xs) {
  std::string out;
  for (auto& x : xs) {
    if (!out.empty())
      out += ',';
    out += x;
  }
  return out;
}

http::request get(std::string_view path, const korea::params& ps,
                  const credentials& c, const signing_context& ctx) {
  return korea::signed_request("GET", path, ps, c, ctx, auth);
}

result<http::request> post_order(const credentials& c,
                                 const signing_context& ctx,
                                 result<korea::params> ps) {
  if (!ps)
    return ps.error();
  return korea::signed_request("POST", "/v1/orders", *ps, c, ctx, auth);
}

} // namespace

http::request ticker(const std::vector<std::string>& markets) {
  return korea::public_get("/v1/ticker", {{"markets", join(markets)}});
}

http::request orderbook(const std::vector<std::string>& markets, int count) {
  korea::params ps{{"markets", join(markets)}};
  if (count > 0)
    ps.emplace_back("count", std::to_string(count));
  return korea::public_get("/v1/orderbook", ps);
}

http::request recent_trades(std::string_view market, int count) {
  korea::params ps{{"market", std::string{market}}};
  if (count > 0)
    ps.emplace_back("count", std::to_string(count));
  return korea::public_get("/v1/trades/ticks", ps);
}

http::request accounts(const credentials& c, const signing_context& ctx) {
  return get("/v1/accounts", {}, c, ctx);
}

http::request order_chance(const credentials& c, const signing_context& ctx,
                           std::string_view market) {
  return get("/v1/orders/chance", {{"market", std::string{market}}}, c, ctx);
}

result<http::request> place_limit(const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view market, side s,
                                  decimal volume, decimal price,
                                  std::string_view identifier) {
  return post_order(c, ctx,
                    korea::order_params(keys, market, s, korea::order_kind::limit,
                                        volume, price, identifier));
}

result<http::request> market_buy(const credentials& c,
                                 const signing_context& ctx,
                                 std::string_view market, decimal quote_total,
                                 std::string_view identifier) {
  return post_order(c, ctx,
                    korea::order_params(keys, market, side::buy,
                                        korea::order_kind::market_buy_quote, {},
                                        quote_total, identifier));
}

result<http::request> market_sell(const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view market, decimal volume,
                                  std::string_view identifier) {
  return post_order(c, ctx,
                    korea::order_params(keys, market, side::sell,
                                        korea::order_kind::market_sell, volume,
                                        {}, identifier));
}

http::request cancel_by_uuid(const credentials& c, const signing_context& ctx,
                             std::string_view uuid) {
  return korea::signed_request("DELETE", "/v1/order",
                               {{"uuid", std::string{uuid}}}, c, ctx, auth);
}

http::request cancel_by_identifier(const credentials& c,
                                   const signing_context& ctx,
                                   std::string_view identifier) {
  return korea::signed_request("DELETE", "/v1/order",
                               {{"identifier", std::string{identifier}}}, c,
                               ctx, auth);
}

http::request order_by_uuid(const credentials& c, const signing_context& ctx,
                            std::string_view uuid) {
  return get("/v1/order", {{"uuid", std::string{uuid}}}, c, ctx);
}

http::request order_by_identifier(const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view identifier) {
  return get("/v1/order", {{"identifier", std::string{identifier}}}, c, ctx);
}

http::request open_orders(const credentials& c, const signing_context& ctx,
                          std::string_view market) {
  return get("/v1/orders/open",
             {{"market", std::string{market}},
              {"states[]", "wait"},
              {"states[]", "watch"}},
             c, ctx);
}

http::request recent_orders(const credentials& c, const signing_context& ctx,
                            std::string_view market) {
  return get("/v1/orders/closed",
             {{"market", std::string{market}},
              {"limit", "100"},
              {"order_by", "desc"}},
             c, ctx);
}

} // namespace karb::upbit
