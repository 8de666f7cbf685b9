#pragma once

// Binance public REST replies (nlohmann, exact decimals via json_text):
// server time, depth snapshots, tickers, USD-M mark price / funding.
// Every parser takes the venue (binance_spot or binance_usdm) for the
// instruments it builds; symbols carry the venue spelling only.

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "exchanges/common/item_list.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/market_data.hpp"

namespace karb::binance {

/// Funding interval assumed when a reply does not tell (8 h; some symbols
/// use 4 h or 1 h, see /fapi/v1/fundingInfo).
inline constexpr int64_t default_funding_interval_s = 8 * 3600;

/// `{"serverTime":ms}` -> ms.
result<int64_t> parse_server_time(std::string_view body);

/// `{"lastUpdateId","bids","asks"}` (USD-M adds E and T) -> a book with
/// `sequence` = lastUpdateId. The reply does not name its symbol: the
/// book's instrument carries the venue only.
result<order_book> parse_depth(std::string_view body, exchange venue);

/// GET ticker/24hr -> last price, base volume, closeTime.
result<ticker> parse_ticker_24hr(std::string_view body, exchange venue);

/// GET ticker/bookTicker -> a ticker whose last_price is the mid of the
/// best bid and ask (the reply has no trade price) and volume 0.
result<ticker> parse_book_ticker(std::string_view body, exchange venue);

/// GET /fapi/v1/premiumIndex?symbol= -> current funding (lastFundingRate,
/// nextFundingTime, 8 h interval) and mark / index price.
result<std::pair<funding_rate, mark_price>> parse_premium_index(
  std::string_view body);

/// GET /fapi/v1/fundingRate -> past rates, oldest first; the interval is
/// the gap to the previous entry where there is one, else 8 h.
result<item_list<funding_rate>> parse_funding_history(std::string_view body);

} // namespace karb::binance
