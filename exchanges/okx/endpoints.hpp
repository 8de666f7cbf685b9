#pragma once

// OKX v5 REST requests (exchanges.md §5.2) as pure values, for both karb
// venues (instType SPOT or SWAP). Orders are placed, cancelled, amended
// and looked up by our client id, encoded as a clOrdId (client_id.hpp);
// sizes sent for SWAP are contracts, converted from base units with the
// contract size (contracts.hpp). Swap orders trade in cross margin
// (tdMode cross) in net position mode (no posSide); spot in cash.
//
// Order parameters (POST /api/v5/trade/order) from an order_request:
//
//   limit / ioc / fok  -> ordType limit / ioc / fok, px, sz
//   market             -> ordType market, sz; on spot with tgtCcy stated
//                         every time: quote_ccy (sz = the quote to spend,
//                         `price`) for a buy sized in quote
//                         (`quote_amount`), else base_ccy (sz = `amount`);
//                         a quote-sized swap order or sell is refused
//   reduce_only        -> reduceOnly true (swap only; refused on spot)
//
// A request that cannot be built is refused with a bad_request (or the
// contract conversion's) error, from_venue = false, and never sent.

#include <string_view>
#include <vector>

#include "exchanges/common/venue_protocol.hpp"
#include "exchanges/okx/sign.hpp"

namespace karb::okx {

/// The depth of a REST book (the venue's maximum for /market/books).
inline constexpr int book_depth = 400;
/// How many past funding rates a history request reads.
inline constexpr int funding_history_count = 100;
/// Bills a funding-payment request reads (the venue's maximum).
inline constexpr int bills_page = 100;

// -- public ------------------------------------------------------------------

/// GET /api/v5/public/time
http::request server_time();
/// GET /api/v5/public/instruments?instType=SPOT|SWAP
http::request instruments(exchange venue);
/// GET /api/v5/market/books?instId=&sz=
http::request books(std::string_view inst_id, int depth = book_depth);
/// GET /api/v5/market/ticker?instId=
http::request market_ticker(std::string_view inst_id);
/// GET /api/v5/public/funding-rate?instId=
http::request current_funding(std::string_view inst_id);
/// GET /api/v5/public/funding-rate-history?instId=&limit=
http::request funding_history(std::string_view inst_id,
                              int limit = funding_history_count);

// -- private (signed) --------------------------------------------------------

/// The JSON body of a new order (see above).
result<std::string> order_body(exchange venue,
                               const venue::contract_size_fn& sizes,
                               const order_request& r);
/// POST /api/v5/trade/order
result<http::request> place(exchange venue,
                            const venue::contract_size_fn& sizes,
                            const credentials& c, const signing_context& ctx,
                            const order_request& r);
/// POST /api/v5/trade/cancel-order {instId, clOrdId}
http::request cancel(const credentials& c, const signing_context& ctx,
                     std::string_view inst_id, std::string_view client_id);
/// POST /api/v5/trade/amend-order {instId, clOrdId, newPx?, newSz?}: a
/// zero leaves the field unchanged; newSz is the order's new total size
/// (in contracts on swap).
result<http::request> amend(exchange venue,
                            const venue::contract_size_fn& sizes,
                            const credentials& c, const signing_context& ctx,
                            std::string_view inst_id,
                            std::string_view client_id,
                            const decimal& new_price,
                            const decimal& new_quantity);
/// GET /api/v5/trade/order?instId=&clOrdId=
http::request order_details(const credentials& c, const signing_context& ctx,
                            std::string_view inst_id,
                            std::string_view client_id);
/// GET /api/v5/trade/orders-pending?instId=
http::request orders_pending(const credentials& c, const signing_context& ctx,
                             std::string_view inst_id);
/// GET /api/v5/trade/orders-history?instType=&instId= (last 7 days)
http::request orders_history(exchange venue, const credentials& c,
                             const signing_context& ctx,
                             std::string_view inst_id);
/// GET /api/v5/account/balance
http::request account_balance(const credentials& c,
                              const signing_context& ctx);
/// GET /api/v5/account/positions?instType=SWAP
http::request account_positions(const credentials& c,
                                const signing_context& ctx);
/// GET /api/v5/account/bills?instType=SWAP&type=8&begin=&limit=100
/// [&instId=]: funding fees booked from `since_ms` (the last 7 days at
/// most); "" = every swap.
http::request funding_bills(const credentials& c, const signing_context& ctx,
                            std::string_view inst_id, int64_t since_ms);
/// POST /api/v5/account/set-position-mode {posMode: net_mode}
/// (account-wide)
http::request set_net_mode(const credentials& c, const signing_context& ctx);
/// POST /api/v5/account/set-leverage {instId, lever, mgnMode}
http::request set_leverage(const credentials& c, const signing_context& ctx,
                           std::string_view inst_id, int leverage,
                           bool isolated);

} // namespace karb::okx
