#pragma once

// Binance USD-M perpetual REST requests (exchanges.md §4.1) as pure
// values. The account is kept in one-way mode (positionSide BOTH, the
// default, never sent); orders are looked up and cancelled by our client
// id. Placing, cancelling and the set-up calls are never idempotent.

#include <string_view>

#include "exchanges/binance/sign.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/execution.hpp"

namespace karb::binance::usdm {

/// The depth a book sync asks for (weight 20).
inline constexpr int sync_depth = 1000;
/// How many of the newest orders reconciliation reads.
inline constexpr int recent_order_count = 50;
/// How many past funding rates a history request reads.
inline constexpr int funding_history_count = 100;
/// Income rows a funding-payment request reads (the venue's maximum).
inline constexpr int income_page = 1000;

// -- public ---------------------------------------------------------------------

/// GET /fapi/v1/time
http::request server_time();
/// GET /fapi/v1/exchangeInfo
http::request exchange_info();
/// GET /fapi/v1/depth?symbol=&limit=
http::request depth(std::string_view symbol, int limit = sync_depth);
/// GET /fapi/v1/ticker/24hr?symbol=
http::request ticker_24hr(std::string_view symbol);
/// GET /fapi/v1/ticker/bookTicker?symbol=
http::request book_ticker(std::string_view symbol);
/// GET /fapi/v1/premiumIndex?symbol=: mark, index and current funding.
http::request premium_index(std::string_view symbol);
/// GET /fapi/v1/fundingRate?symbol=&limit=
http::request funding_rate_history(std::string_view symbol,
                                   int limit = funding_history_count);

// -- private (SIGNED) -------------------------------------------------------------

/// POST /fapi/v1/order (see order_params.hpp)
result<http::request> place(const credentials& c, const signing_context& ctx,
                            const order_request& r);
/// DELETE /fapi/v1/order?symbol=&origClientOrderId=
http::request cancel(const credentials& c, const signing_context& ctx,
                     std::string_view symbol, std::string_view client_id);
/// GET /fapi/v1/order?symbol=&origClientOrderId=
http::request order_status(const credentials& c, const signing_context& ctx,
                           std::string_view symbol,
                           std::string_view client_id);
/// GET /fapi/v1/openOrders?symbol=
http::request open_orders(const credentials& c, const signing_context& ctx,
                          std::string_view symbol);
/// GET /fapi/v1/allOrders?symbol=&limit=50
http::request all_orders(const credentials& c, const signing_context& ctx,
                         std::string_view symbol,
                         int limit = recent_order_count);
/// GET /fapi/v3/positionRisk: every symbol with a position or open orders.
http::request position_risk(const credentials& c, const signing_context& ctx);
/// GET /fapi/v1/income?incomeType=FUNDING_FEE&startTime=&limit=1000
/// [&symbol=] (weight 30): funding booked from `since_ms`; "" = every
/// symbol.
http::request funding_income(const credentials& c, const signing_context& ctx,
                             std::string_view symbol, int64_t since_ms);
/// GET /fapi/v3/balance
http::request balance(const credentials& c, const signing_context& ctx);
/// POST /fapi/v1/leverage symbol=&leverage=
http::request set_leverage(const credentials& c, const signing_context& ctx,
                           std::string_view symbol, int leverage);
/// POST /fapi/v1/marginType symbol=&marginType=ISOLATED|CROSSED
http::request set_margin_type(const credentials& c, const signing_context& ctx,
                              std::string_view symbol, bool isolated);
/// POST /fapi/v1/positionSide/dual dualSidePosition=false (one-way mode;
/// account-wide)
http::request set_one_way_mode(const credentials& c,
                               const signing_context& ctx);

// -- user data stream (API key header only) ---------------------------------------

/// POST /fapi/v1/listenKey
http::request create_listen_key(const credentials& c);
/// PUT /fapi/v1/listenKey: extends the key's validity by 60 minutes.
http::request keepalive_listen_key(const credentials& c);

} // namespace karb::binance::usdm
