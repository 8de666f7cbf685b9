// Bybit spot and linear public frames: the first byte picks the venue
// (bit 0); the rest, one frame a line, goes through one feed decoder.
// The first frame also goes through both variants of the simdjson book
// decoder, which must agree.

#include "exchanges/bybit/book_decoder.hpp"
#include "exchanges/registry.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_target.hpp"
#include "tests/fuzz/venue_inputs.hpp"

using namespace karb;

KARB_FUZZ_TARGET(feed_bybit) {
  static const auto spot = venue::protocol_for(exchange::bybit_spot);
  static const auto linear = venue::protocol_for(exchange::bybit_linear);
  fuzz::fuzz_input in{data, size};
  bool is_linear = in.byte() & 1;
  auto frames = in.rest();
  fuzz::feed_frames(is_linear ? linear : spot, frames);
  namespace d = bybit::detail;
  fuzz::compare_backends<book_delta>(
    fuzz::first_line(frames), d::book_padding(),
    is_linear ? exchange::bybit_linear : exchange::bybit_spot,
    d::make_haswell_book_backend, d::make_fallback_book_backend,
    [](auto ka, const book_delta& a, auto kb, const book_delta& b) {
      return ka == kb
             && (ka != bybit::book_frame::book || fuzz::same_delta(a, b));
    });
}
