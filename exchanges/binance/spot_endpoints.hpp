#pragma once

// Binance spot REST requests (exchanges.md §3.2) as pure values. Private
// calls are SIGNED (sign.hpp); orders are looked up and cancelled by our
// client id (`origClientOrderId`). Placing and cancelling are never
// idempotent: after a failure, look the order up instead of resending.

#include <string_view>

#include "exchanges/binance/sign.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/execution.hpp"

namespace karb::binance::spot {

/// The depth a book sync asks for (weight 50).
inline constexpr int sync_depth = 1000;
/// How many of the newest orders reconciliation reads.
inline constexpr int recent_order_count = 50;

// -- public ---------------------------------------------------------------------

/// GET /api/v3/time
http::request server_time();
/// GET /api/v3/exchangeInfo
http::request exchange_info();
/// GET /api/v3/depth?symbol=&limit=
http::request depth(std::string_view symbol, int limit = sync_depth);
/// GET /api/v3/ticker/24hr?symbol=
http::request ticker_24hr(std::string_view symbol);
/// GET /api/v3/ticker/bookTicker?symbol=
http::request book_ticker(std::string_view symbol);
/// GET /api/v3/trades?symbol=&limit=
http::request recent_trades(std::string_view symbol, int limit = 500);

// -- private (SIGNED) -------------------------------------------------------------

/// GET /api/v3/account?omitZeroBalances=true
http::request account(const credentials& c, const signing_context& ctx);
/// POST /api/v3/order (see order_params.hpp)
result<http::request> place(const credentials& c, const signing_context& ctx,
                            const order_request& r);
/// DELETE /api/v3/order?symbol=&origClientOrderId=
http::request cancel(const credentials& c, const signing_context& ctx,
                     std::string_view symbol, std::string_view client_id);
/// GET /api/v3/order?symbol=&origClientOrderId=
http::request order_status(const credentials& c, const signing_context& ctx,
                           std::string_view symbol,
                           std::string_view client_id);
/// GET /api/v3/openOrders?symbol=
http::request open_orders(const credentials& c, const signing_context& ctx,
                          std::string_view symbol);
/// GET /api/v3/allOrders?symbol=&limit=50: the newest orders, any state.
http::request all_orders(const credentials& c, const signing_context& ctx,
                         std::string_view symbol,
                         int limit = recent_order_count);
/// GET /api/v3/myTrades?symbol=&limit=
http::request my_trades(const credentials& c, const signing_context& ctx,
                        std::string_view symbol,
                        int limit = recent_order_count);

} // namespace karb::binance::spot
