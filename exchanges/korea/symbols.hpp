#pragma once

// Market codes of the Upbit family (Upbit, Bithumb API 2.0): "KRW-BTC" is
// QUOTE-BASE. WebSocket orderbook codes may carry a depth suffix
// ("KRW-BTC.15"), which is dropped.

#include <optional>
#include <string>
#include <string_view>

#include "messages/enums.hpp"
#include "messages/market_data.hpp"

namespace karb::korea {

/// "KRW-BTC" (or "KRW-BTC.30") -> {venue, "BTC", "KRW", "KRW-BTC"}.
std::optional<instrument> to_instrument(exchange venue, std::string_view code);

/// Fills `out` in place (reusing its strings' storage); false if malformed.
bool assign_instrument(exchange venue, std::string_view code, instrument& out);

/// The venue code of a spot instrument: quote + "-" + base.
std::string to_market(const instrument& x);

/// Whether `code` is a well-formed uppercase QUOTE-BASE code.
bool is_market_code(std::string_view code);

} // namespace karb::korea
