#pragma once

// Quotation and account parsers of the Upbit family (nlohmann, exact
// decimals from the number text). The object readers take the key names
// as a parameter so REST, WebSocket DEFAULT and SIMPLE share one code path.

#include <string>
#include <string_view>
#include <vector>

#include "exchanges/common/json_text.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/market_data.hpp"
#include "messages/orders.hpp"

namespace karb::korea {

// -- key sets -----------------------------------------------------------------

struct book_keys {
  std::string_view code, timestamp, units, ask_price, bid_price, ask_size,
    bid_size;
};
inline constexpr book_keys rest_book_keys{"market", "timestamp",
  "orderbook_units", "ask_price", "bid_price", "ask_size", "bid_size"};
inline constexpr book_keys ws_book_keys{"code", "timestamp",
  "orderbook_units", "ask_price", "bid_price", "ask_size", "bid_size"};
inline constexpr book_keys simple_book_keys{"cd", "tms", "obu", "ap", "bp",
  "as", "bs"};

struct trade_keys {
  std::string_view code, price, volume, ask_bid, sequential_id, trade_ts;
};
inline constexpr trade_keys rest_trade_keys{"market", "trade_price",
  "trade_volume", "ask_bid", "sequential_id", "timestamp"};
inline constexpr trade_keys ws_trade_keys{"code", "trade_price",
  "trade_volume", "ask_bid", "sequential_id", "trade_timestamp"};
inline constexpr trade_keys simple_trade_keys{"cd", "tp", "tv", "ab", "sid",
  "ttms"};

struct ticker_keys {
  std::string_view code, price, volume_24h, timestamp;
};
inline constexpr ticker_keys rest_ticker_keys{"market", "trade_price",
  "acc_trade_volume_24h", "timestamp"};
inline constexpr ticker_keys ws_ticker_keys{"code", "trade_price",
  "acc_trade_volume_24h", "timestamp"};
inline constexpr ticker_keys simple_ticker_keys{"cd", "tp", "atv24h", "tms"};

// -- object readers -------------------------------------------------------------

/// One book object; prices must be positive, sizes non-negative, at least
/// one level. Errors are recorded in the returned result.
result<order_book> read_book(const json_text::json& obj, exchange venue,
                             const book_keys& k);
result<trade> read_trade(const json_text::json& obj, exchange venue,
                         const trade_keys& k);
result<ticker> read_ticker(const json_text::json& obj, exchange venue,
                           const ticker_keys& k);

// -- REST bodies -------------------------------------------------------------

/// GET /v1/ticker: a non-empty array.
result<std::vector<ticker>> parse_tickers(std::string_view body, exchange venue);
/// GET /v1/orderbook: a non-empty array of books.
result<std::vector<order_book>> parse_orderbooks(std::string_view body,
                                                 exchange venue);
/// GET /v1/trades/ticks: an array (may be empty).
result<std::vector<trade>> parse_trades(std::string_view body, exchange venue);
/// GET /v1/accounts: an array (may be empty). total = balance + locked.
result<item_list<balance>> parse_accounts(std::string_view body,
                                          exchange venue);

/// Fees and limits from GET /v1/orders/chance.
struct order_chance {
  std::string market;
  decimal bid_fee;
  decimal ask_fee;
  decimal maker_bid_fee;
  decimal maker_ask_fee;
  std::string bid_currency;
  std::string ask_currency;
  decimal bid_min_total;
  decimal ask_min_total;
  decimal max_total;     ///< 0 when absent
  std::string state;     ///< "active", ...
  balance bid_account;
  balance ask_account;
};
result<order_chance> parse_order_chance(std::string_view body, exchange venue);

/// GET /v1/orderbook/instruments: one market's tick size.
struct tick_policy {
  std::string market;
  std::string quote_currency;
  decimal tick_size;
};
result<std::vector<tick_policy>> parse_tick_policies(std::string_view body);

/// A balance object {currency, balance, locked, ...}.
result<balance> read_balance(const json_text::json& obj, exchange venue);

} // namespace karb::korea
