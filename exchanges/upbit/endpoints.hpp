#pragma once

// Upbit REST requests (exchanges.md §1.1-1.2) as pure values. Private calls
// carry `Authorization: Bearer <JWT HS512>` with access_key, nonce and the
// SHA-512 query_hash of the exact query string (GET/DELETE) or of the JSON
// body written as k=v&k=v in body order (POST). Orders and cancels are
// marked non-idempotent: never retry them blindly, query by identifier.

#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/credentials.hpp"
#include "exchanges/common/http_types.hpp"
#include "exchanges/common/venue_error.hpp"
#include "exchanges/korea/request.hpp"
#include "messages/decimal.hpp"
#include "messages/enums.hpp"

namespace karb::upbit {

using korea::signing_context;

inline constexpr std::string_view rest_base = "https://api.upbit.com";
inline constexpr korea::auth_scheme auth{jwt::alg::hs512, false};

// -- quotation (public) -------------------------------------------------------

/// GET /v1/ticker?markets=KRW-BTC,KRW-ETH
http::request ticker(const std::vector<std::string>& markets);
/// GET /v1/orderbook?markets=...[&count=N] (count <= 30; 0: omit)
http::request orderbook(const std::vector<std::string>& markets, int count = 0);
/// GET /v1/trades/ticks?market=...[&count=N] (count <= 500; 0: omit)
http::request recent_trades(std::string_view market, int count = 0);

// -- exchange (private) ---------------------------------------------------------

/// GET /v1/accounts (no query_hash: no parameters)
http::request accounts(const credentials& c, const signing_context& ctx);
/// GET /v1/orders/chance?market=...
http::request order_chance(const credentials& c, const signing_context& ctx,
                           std::string_view market);
/// POST /v1/orders {market, side, volume, price, ord_type:"limit"[, identifier]}
result<http::request> place_limit(const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view market, side s,
                                  decimal volume, decimal price,
                                  std::string_view identifier = {});
/// POST /v1/orders {market, side:"bid", price:<KRW total>, ord_type:"price"}
result<http::request> market_buy(const credentials& c,
                                 const signing_context& ctx,
                                 std::string_view market, decimal quote_total,
                                 std::string_view identifier = {});
/// POST /v1/orders {market, side:"ask", volume, ord_type:"market"}
result<http::request> market_sell(const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view market, decimal volume,
                                  std::string_view identifier = {});
/// DELETE /v1/order?uuid=...
http::request cancel_by_uuid(const credentials& c, const signing_context& ctx,
                             std::string_view uuid);
/// DELETE /v1/order?identifier=...
http::request cancel_by_identifier(const credentials& c,
                                   const signing_context& ctx,
                                   std::string_view identifier);
/// GET /v1/order?uuid=...
http::request order_by_uuid(const credentials& c, const signing_context& ctx,
                            std::string_view uuid);
/// GET /v1/order?identifier=...
http::request order_by_identifier(const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view identifier);
/// GET /v1/orders/open?market=...&states[]=wait&states[]=watch
http::request open_orders(const credentials& c, const signing_context& ctx,
                          std::string_view market);
/// GET /v1/orders/closed?market=...&limit=100&order_by=desc: the newest
/// done / cancelled orders.
http::request recent_orders(const credentials& c, const signing_context& ctx,
                            std::string_view market);

} // namespace karb::upbit
