#pragma once

// The hot-path orderbook decoder (simdjson On-Demand) for Upbit-family
// WebSocket frames, DEFAULT or SIMPLE keys. Every frame is a complete book,
// written into a caller-owned order_book whose vectors and strings are
// reused: after the first frames of a market no allocation happens.
// Decimals come from each number's raw JSON text, never via double.
//
// Not thread-safe: one decoder per socket/strand.

#include <cstdint>
#include <string>
#include <string_view>

#include <simdjson.h>

#include "exchanges/common/venue_error.hpp"
#include "messages/market_data.hpp"

namespace karb::korea {

class book_decoder {
public:
  explicit book_decoder(exchange venue);

  /// Decodes one orderbook frame into `out` (replacing its content).
  /// On error `out` may hold a partial book and must not be used.
  result<unit> decode(std::string_view text, int64_t ts_recv_ns,
                      order_book& out);

private:
  result<unit> decode_padded(size_t len, int64_t ts_recv_ns, order_book& out);

  exchange venue_;
  simdjson::ondemand::parser parser_;
  std::string buffer_; ///< frame copy with simdjson's padding
};

} // namespace karb::korea
