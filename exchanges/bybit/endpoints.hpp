#pragma once

// Bybit v5 REST requests (exchanges.md §6.2) as pure values. Every call
// names its `category` (spot or linear, from the venue); private calls are
// signed (sign.hpp), orders are addressed by our client id (orderLinkId).
// Placing, amending and cancelling are never idempotent: after a failure,
// look the order up instead of resending.

#include <cstdint>
#include <string_view>

#include "exchanges/bybit/sign.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/enums.hpp"
#include "messages/execution.hpp"

namespace karb::bybit {

/// Levels a REST book asks for (within both categories' ranges).
inline constexpr int snapshot_depth = 200;
/// Instruments per page (linear is paginated; one page covers it).
inline constexpr int instruments_page = 1000;
/// Past funding rates asked for (the venue's maximum).
inline constexpr int funding_history_limit = 200;
/// How many of the newest finished orders reconciliation reads.
inline constexpr int recent_order_count = 50;
/// Transaction-log rows per page (the venue's maximum).
inline constexpr int transaction_log_page = 50;
/// The longest window the transaction log serves in one request.
inline constexpr int64_t transaction_log_window_ms = 7LL * 24 * 3600 * 1000;

// -- public ---------------------------------------------------------------------

/// GET /v5/market/time
http::request server_time();
/// GET /v5/market/instruments-info?category=[&limit=1000 on linear]
http::request instruments(exchange venue);
/// GET /v5/market/orderbook?category=&symbol=&limit=200
http::request orderbook(exchange venue, std::string_view symbol);
/// GET /v5/market/tickers?category=&symbol= (linear: also funding and mark)
http::request tickers(exchange venue, std::string_view symbol);
/// GET /v5/market/funding/history?category=linear&symbol=&limit=200
http::request funding_history(std::string_view symbol);

// -- private (signed) -------------------------------------------------------------

/// GET /v5/account/wallet-balance?accountType=UNIFIED
http::request wallet_balance(const credentials& c, const signing_context& ctx);
/// GET /v5/position/list?category=linear&settleCoin=USDT
http::request position_list(const credentials& c, const signing_context& ctx);
/// GET /v5/account/transaction-log?accountType=UNIFIED&category=linear
/// &type=SETTLEMENT&startTime=&endTime=&limit=50[&baseCoin=]: funding
/// booked from max(`since_ms`, now - 7 days) to now (the request's
/// time); the log has no symbol filter, so a market narrows it by its
/// base coin ("BTCUSDT" -> BTC); "" = every linear symbol.
http::request transaction_log(const credentials& c, const signing_context& ctx,
                              std::string_view symbol, int64_t since_ms);
/// POST /v5/order/create (order_params.hpp)
result<http::request> create_order(exchange venue, const credentials& c,
                                   const signing_context& ctx,
                                   const order_request& r);
/// POST /v5/order/cancel by orderLinkId
http::request cancel_order(exchange venue, const credentials& c,
                           const signing_context& ctx,
                           std::string_view symbol,
                           std::string_view client_id);
/// POST /v5/order/amend by orderLinkId
result<http::request> amend_order(exchange venue, const credentials& c,
                                  const signing_context& ctx,
                                  std::string_view symbol,
                                  std::string_view client_id,
                                  const decimal& new_price,
                                  const decimal& new_quantity);
/// GET /v5/order/realtime?category=&symbol=&orderLinkId=: an order by
/// client id. The realtime list also keeps recently finished orders
/// (filled or cancelled), so an order placed a moment ago is found here
/// whatever its state; an older finished one is only in order_history.
http::request order_realtime(exchange venue, const credentials& c,
                             const signing_context& ctx,
                             std::string_view symbol,
                             std::string_view client_id);
/// GET /v5/order/realtime?category=&symbol=&openOnly=0: the open orders.
http::request open_orders(exchange venue, const credentials& c,
                          const signing_context& ctx, std::string_view symbol);
/// GET /v5/order/history?category=&symbol=&limit=50: the newest orders.
http::request order_history(exchange venue, const credentials& c,
                            const signing_context& ctx,
                            std::string_view symbol);
/// POST /v5/position/switch-mode {category linear, symbol, mode 0}: one-way.
http::request switch_one_way(const credentials& c, const signing_context& ctx,
                             std::string_view symbol);
/// POST /v5/position/set-leverage, buyLeverage = sellLeverage.
http::request set_leverage(const credentials& c, const signing_context& ctx,
                           std::string_view symbol, int leverage);

} // namespace karb::bybit
