#pragma once

// Bybit v5 public REST replies (exchanges.md §6.2) through the envelope
// (reply_fields.hpp), exact decimals via json_text. Instruments carry the
// venue's symbol with base and quote as the reply names them or, where it
// does not, as symbols.hpp splits them.

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "exchanges/common/item_list.hpp"
#include "exchanges/common/venue_error.hpp"
#include "messages/market_data.hpp"

namespace karb::bybit {

/// Funding interval assumed when a reply does not tell (8 h).
inline constexpr int64_t default_funding_interval_s = 8 * 3600;

/// GET /v5/market/time -> ms: result.timeNano / 10^6, else the envelope's
/// `time`.
result<int64_t> parse_server_time(std::string_view body);

/// GET /v5/market/instruments-info -> one spec per listed instrument:
/// tick = priceFilter.tickSize; lot = lotSizeFilter.qtyStep (linear) or
/// basePrecision (spot); min_qty / max_qty = minOrderQty / maxOrderQty;
/// min_notional = minNotionalValue (linear) or minOrderAmt (spot), 0 if
/// neither; trading = status "Trading". On bybit_linear, instruments whose
/// contractType is not LinearPerpetual (dated futures) are left out.
result<item_list<instrument_spec>> parse_instruments(std::string_view body,
                                                     exchange venue);

/// GET /v5/market/orderbook -> a book: `s`, b / a levels best first,
/// sequence = u, ts_event_ns = ts.
result<order_book> parse_orderbook(std::string_view body, exchange venue);

/// GET /v5/market/tickers -> the first entry: lastPrice, volume24h (base),
/// stamped with the envelope's time.
result<ticker> parse_ticker(std::string_view body, exchange venue);

/// GET /v5/market/tickers (linear) -> current funding (fundingRate,
/// nextFundingTime, fundingIntervalHour or 8 h) and mark / index price,
/// stamped with the envelope's time.
result<std::pair<funding_rate, mark_price>> parse_funding(
  std::string_view body);

/// GET /v5/market/funding/history -> past rates oldest first (the venue
/// sends newest first); the interval is the gap to the previous entry
/// where there is one, else 8 h.
result<item_list<funding_rate>> parse_funding_history(std::string_view body);

} // namespace karb::bybit
