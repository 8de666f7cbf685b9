#pragma once

// Bithumb API 2.0 REST requests (exchanges.md §2.1-2.2) as pure values.
// JWT HS256 with access_key, nonce, `timestamp` (ms) and the SHA-512
// query_hash of the exact query string, or of the JSON body written as
// k=v&k=v in body order. Quotation paths are the Upbit-compatible /v1 ones;
// orders are placed with POST /v2/orders (order_type, client_order_id) and
// cancelled with DELETE /v2/order. Orders and cancels are non-idempotent.

#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/credentials.hpp"
#include "exchanges/common/http_types.hpp"
#include "exchanges/common/venue_error.hpp"
#include "exchanges/korea/request.hpp"
#include "messages/decimal.hpp"
#include "messages/enums.hpp"

namespace karb::bithumb {

using korea::signing_context;

inline constexpr std::string_view rest_base = "https://api.bithumb.com";
inline constexpr korea::auth_scheme auth{jwt::alg::hs256, true};

// -- quotation (public) -------------------------------------------------------

/// GET /v1/ticker?markets=KRW-BTC,KRW-ETH
http::request ticker(const std::vector<std::string>& markets);
/// GET /v1/orderbook?markets=... (30 levels for one market, 15 for several;
/// Bithumb documents no `count` parameter, so none is sent)
http::request orderbook(const std::vector<std::string>& markets);
/// GET /v1/trades/ticks?market=...[&count=N] (0: omit)
http::request recent_trades(std::string_view market, int count = 0);

// -- exchange (private) ---------------------------------------------------------

/// GET /v1/accounts
http::request accounts(const credentials& c, const signing_context& ctx);
/// GET /v1/orders/chance?market=...
http::request order_chance(const credentials& c, const signing_context& ctx,
                           std::string_view market);
/// POST /v2/orders {market, side, volume, price, order_type:"limit"
/// [, client_order_id]}
result<http::request> place_limit(const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view market, side s,
                                  decimal volume, decimal price,
                                  std::string_view client_order_id = {});
/// POST /v2/orders {market, side:"bid", price:<KRW total>, order_type:"price"}
result<http::request> market_buy(const credentials& c,
                                 const signing_context& ctx,
                                 std::string_view market, decimal quote_total,
                                 std::string_view client_order_id = {});
/// POST /v2/orders {market, side:"ask", volume, order_type:"market"}
result<http::request> market_sell(const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view market, decimal volume,
                                  std::string_view client_order_id = {});
/// DELETE /v2/order?order_id=...
http::request cancel_by_order_id(const credentials& c,
                                 const signing_context& ctx,
                                 std::string_view order_id);
/// DELETE /v2/order?client_order_id=...
http::request cancel_by_client_id(const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view client_order_id);
/// GET /v1/order?uuid=...
http::request order_by_uuid(const credentials& c, const signing_context& ctx,
                            std::string_view uuid);
/// GET /v2/order?client_order_id=... — the v2 lookup path is [UNVERIFIED]
/// (§2.2 documents "v2 by order_id or client_order_id" without the path);
/// we follow the v2 cancel path's shape.
http::request order_by_client_id(const credentials& c,
                                 const signing_context& ctx,
                                 std::string_view client_order_id);
/// GET /v1/orders?market=...&state=wait (the documented v1 list; the v2
/// open-orders path is [UNVERIFIED])
http::request open_orders(const credentials& c, const signing_context& ctx,
                          std::string_view market);
/// GET /v1/orders?market=...&states[]=done&states[]=cancel&limit=100
/// &order_by=desc: the newest finished orders.
http::request recent_orders(const credentials& c, const signing_context& ctx,
                            std::string_view market);

} // namespace karb::bithumb
