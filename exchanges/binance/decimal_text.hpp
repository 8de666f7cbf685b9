#pragma once

// The hot-path decimal reader of the stream decoders: Binance quotes
// prices and quantities as plain strings ("0.35130000", "7.6110", "297").

#include <string_view>

#include "messages/decimal.hpp"

namespace karb::binance {

/// Reads `text` exactly into `out`. Plain unsigned digits with at most
/// eight decimals are read directly; anything else goes through
/// decimal::parse (also exact). False when neither accepts it.
bool read_decimal_text(std::string_view text, decimal& out);

} // namespace karb::binance
