#pragma once

// The hot-path orderbook decoder (simdjson On-Demand) for Upbit-family
// WebSocket frames, DEFAULT or SIMPLE keys. Every frame is a complete book,
// written into a caller-owned order_book whose vectors and strings are
// reused: after the first frames of a market no allocation happens.
// Decimals come from each number's raw JSON text, never via double.
//
// simdjson's On-Demand API is compiled for one CPU target per translation
// unit, so the decoder body is built twice (AVX2 "haswell" and portable
// "fallback") and the constructor picks the best one the CPU supports.
//
// Not thread-safe: one decoder per socket/strand.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "exchanges/common/venue_error.hpp"
#include "messages/market_data.hpp"

namespace karb::korea {

namespace detail {

/// One compiled variant of the decoding loop.
class book_backend {
public:
  virtual ~book_backend() = default;
  /// `data` holds `len` bytes followed by at least simdjson's padding,
  /// `capacity` bytes in all.
  virtual result<unit> decode(const char* data, size_t len, size_t capacity,
                              exchange venue, order_book& out) = 0;
  virtual const char* name() const = 0;
};

/// nullptr when not built for, or not supported by, this CPU.
std::unique_ptr<book_backend> make_haswell_backend();
std::unique_ptr<book_backend> make_fallback_backend();

/// Bytes of zero padding simdjson needs after the input.
size_t simdjson_padding();

} // namespace detail

class book_decoder {
public:
  explicit book_decoder(exchange venue);

  /// Decodes one orderbook frame into `out` (replacing its content).
  /// On error `out` may hold a partial book and must not be used.
  result<unit> decode(std::string_view text, int64_t ts_recv_ns,
                      order_book& out);

  /// "haswell" or "fallback".
  const char* backend_name() const { return backend_->name(); }

private:
  exchange venue_;
  std::unique_ptr<detail::book_backend> backend_;
  std::string buffer_; ///< frame copy with simdjson's padding
};

} // namespace karb::korea
