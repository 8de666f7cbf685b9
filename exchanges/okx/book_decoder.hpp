#pragma once

// The hot-path decoder (simdjson On-Demand) of OKX `books` frames
// (exchanges.md §5.3), with the same reading as ws_parse.hpp's nlohmann
// path: action, seqId / prevSeqId (no_seq when absent), checksum, ts and
// the levels' price and size (still in contracts on swap: the caller
// converts, see okx::finish_books). Every other frame (events, "pong",
// mark price, funding) is left `untyped` for the nlohmann path.
//
// Everything is written into the caller's feed_item, whose vectors and
// strings are reused. Like binance::stream_decoder the loop is compiled
// twice (AVX2 "haswell" and portable "fallback") and the best one the CPU
// supports is picked at construction. One decoder per connection.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "exchanges/common/venue_protocol.hpp"

namespace karb::okx {

/// What the fast decoder made of a frame.
enum class book_frame : uint8_t {
  delta,   ///< a books snapshot or update, in item.delta
  untyped, ///< valid JSON but no books frame: for the nlohmann path
  invalid, ///< not JSON, or a books frame missing a field
};

namespace detail {

/// One compiled variant of the decoding loop.
class book_backend {
public:
  virtual ~book_backend() = default;
  /// `data` holds `len` bytes followed by simdjson's padding, `capacity`
  /// bytes in all.
  virtual book_frame decode(const char* data, size_t len, size_t capacity,
                            exchange venue, venue::feed_item& out) = 0;
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

  /// Decodes one frame into `out`; for `invalid` the item may be partly
  /// written and must not be used.
  book_frame decode(std::string_view text, int64_t ts_recv_ns,
                    venue::feed_item& out);

  /// "haswell" or "fallback".
  const char* backend_name() const { return backend_->name(); }

private:
  exchange venue_;
  std::unique_ptr<detail::book_backend> backend_;
  std::string buffer_; ///< frame copy with simdjson's padding
};

} // namespace karb::okx
