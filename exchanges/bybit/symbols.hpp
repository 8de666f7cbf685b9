#pragma once

// Bybit v5 symbols (exchanges.md §0): "BTCUSDT" on spot and on USDT
// perpetuals alike; the request's `category` (spot / linear) tells the two
// instruments apart, so every call carries it. Frames name a symbol only
// by that string: base and quote are recovered by splitting off a known
// stablecoin quote (USDT, USDC), the quotes karb trades against.

#include <string>
#include <string_view>
#include <utility>

#include "messages/enums.hpp"
#include "messages/market_data.hpp"

namespace karb::bybit {

/// "spot" for bybit_spot, "linear" for bybit_linear.
std::string_view category_of(exchange venue);

/// Spot for bybit_spot, perpetual for bybit_linear.
contract_type contract_of(exchange venue);

/// The venue symbol: `venue_symbol` when set, else BASE + QUOTE uppercase.
std::string market_code(const instrument& x);

/// {base, quote} of a USDT- or USDC-quoted symbol ("BTCUSDT" -> BTC, USDT);
/// both empty for any other symbol.
std::pair<std::string_view, std::string_view> split_symbol(
  std::string_view code);

/// Sets `out` to `code` on `venue` in place (reusing its storage), with
/// base and quote from split_symbol.
void assign_symbol(exchange venue, std::string_view code, instrument& out);

} // namespace karb::bybit
