#pragma once

// The hot-path decoder (simdjson On-Demand) of Binance market stream
// frames, raw (`{"e":...}`) or combined (`{"stream":...,"data":{...}}`):
//
//   depthUpdate      -> item.delta: levels of `b` / `a`, first_seq = U,
//                       seq = u, prev_seq = pu (USD-M; 0 on spot),
//                       ts_event_ns = E ms, ts_recv_ns
//   markPriceUpdate  -> item.mark (p, i, E) and item.funding (r, next
//                       funding T, 8 h interval), has_funding
//
// Everything is written into the caller's feed_item, whose vectors and
// strings are reused: once warm, a frame allocates nothing. Decimals come
// from the venue's strings, never via double. The symbol is the venue's
// (`s`, uppercase as sent) with base and quote left empty.
//
// Like korea::book_decoder, the decoding loop is compiled twice (AVX2
// "haswell" and portable "fallback") and the best one the CPU supports is
// picked at construction. Not thread-safe: one decoder per connection.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::binance {

/// What the fast decoder made of a frame.
enum class stream_frame : uint8_t {
  delta,   ///< a depthUpdate, in item.delta
  mark,    ///< a markPriceUpdate, in item.mark and item.funding
  event,   ///< another typed event (aggTrade, trade, bookTicker...)
  untyped, ///< valid JSON without an event type: an ack, an error frame,
           ///< a spot bookTicker; for the general parser (ws_parse.hpp)
  invalid, ///< not JSON, or a depth / mark event missing a field
};

namespace detail {

/// One compiled variant of the decoding loop.
class stream_backend {
public:
  virtual ~stream_backend() = default;
  /// `data` holds `len` bytes followed by simdjson's padding, `capacity`
  /// bytes in all.
  virtual stream_frame decode(const char* data, size_t len, size_t capacity,
                              exchange venue, venue::feed_item& out) = 0;
  virtual const char* name() const = 0;
};

/// nullptr when not built for, or not supported by, this CPU.
std::unique_ptr<stream_backend> make_haswell_stream_backend();
std::unique_ptr<stream_backend> make_fallback_stream_backend();

/// Bytes of zero padding simdjson needs after the input.
size_t stream_padding();

} // namespace detail

class stream_decoder {
public:
  explicit stream_decoder(exchange venue);

  /// Decodes one frame into `out`. For `invalid` the item may be partly
  /// written and must not be used.
  stream_frame decode(std::string_view text, int64_t ts_recv_ns,
                      venue::feed_item& out);

  /// "haswell" or "fallback".
  const char* backend_name() const { return backend_->name(); }

private:
  exchange venue_;
  std::unique_ptr<detail::stream_backend> backend_;
  std::string buffer_; ///< frame copy with simdjson's padding
};

} // namespace karb::binance
