#pragma once

// Binance symbols (exchanges.md §0): "BTCUSDT", base and quote without a
// separator, uppercase in REST and in event payloads, lowercase in stream
// names ("btcusdt@depth@100ms"). A symbol cannot be split into base and
// quote by itself: instruments read from replies carry the venue symbol,
// and base/quote only where the reply names them (exchangeInfo).

#include <string>
#include <string_view>

#include "messages/enums.hpp"
#include "messages/market_data.hpp"

namespace karb::binance {

/// Spot for binance_spot, perpetual for binance_usdm.
contract_type contract_of(exchange venue);

/// The venue symbol: `venue_symbol` when set, else BASE + QUOTE uppercase.
std::string market_code(const instrument& x);

/// The lowercase symbol used in stream names.
std::string stream_symbol(std::string_view code);

/// An instrument known only by its venue symbol (base and quote empty).
instrument symbol_instrument(exchange venue, std::string_view code);

/// Sets `out` to `code` on `venue` in place (reusing its storage).
void assign_symbol(exchange venue, std::string_view code, instrument& out);

} // namespace karb::binance
