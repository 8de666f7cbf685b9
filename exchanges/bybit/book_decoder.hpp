#pragma once

// The hot-path decoder (simdjson On-Demand) of Bybit v5 order book frames
// (`orderbook.{depth}.{symbol}`, snapshot or delta), with the same output
// as ws_parse.hpp's reference parser: item.delta with data.s, the b / a
// levels, first_seq = seq = u, prev_seq = 0, reset = snapshot or u == 1,
// ts_event_ns = ts, ts_recv_ns. Fields are found by name, in any order
// (spot sends ts before type, linear after).
//
// Written into the caller's book_delta, whose vectors and strings are
// reused: once warm, a frame allocates nothing. Decimals are read exactly
// from the venue's strings (binance/decimal_text.hpp, shared).
//
// As binance::stream_decoder, the loop is compiled twice (AVX2 "haswell"
// and portable "fallback") and the best one the CPU supports is picked at
// construction. Not thread-safe: one decoder per connection.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::bybit {

/// What the fast decoder made of a frame.
enum class book_frame : uint8_t {
  book,     ///< an orderbook frame, in item.delta
  not_book, ///< valid JSON of another kind (ack, pong, ticker): for the
            ///< general parser (ws_parse.hpp)
  invalid,  ///< not JSON, or an orderbook frame missing a field
};

namespace detail {

/// One compiled variant of the decoding loop.
class book_backend {
public:
  virtual ~book_backend() = default;
  /// `data` holds `len` bytes followed by simdjson's padding, `capacity`
  /// bytes in all.
  virtual book_frame decode(const char* data, size_t len, size_t capacity,
                            exchange venue, book_delta& out) = 0;
  virtual const char* name() const = 0;
};

/// nullptr when not built for, or not supported by, this CPU.
std::unique_ptr<book_backend> make_haswell_book_backend();
std::unique_ptr<book_backend> make_fallback_book_backend();

/// Bytes of zero padding simdjson needs after the input.
size_t book_padding();

} // namespace detail

class book_decoder {
public:
  explicit book_decoder(exchange venue);

  /// Decodes one frame into `out`. For `invalid` the delta may be partly
  /// written and must not be used.
  book_frame decode(std::string_view text, int64_t ts_recv_ns,
                    book_delta& out);

  /// "haswell" or "fallback".
  const char* backend_name() const { return backend_->name(); }

private:
  exchange venue_;
  std::unique_ptr<detail::book_backend> backend_;
  std::string buffer_; ///< frame copy with simdjson's padding
};

} // namespace karb::bybit
