// OKX spot and swap public frames: the first byte picks the venue (bit 0);
// the rest, one frame a line, goes through one feed decoder (swap
// contracts are 0.01 base units). The first frame also goes through both
// variants of the simdjson book decoder, which must agree.

#include "exchanges/okx/book_decoder.hpp"
#include "exchanges/registry.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_target.hpp"
#include "tests/fuzz/venue_inputs.hpp"

using namespace karb;

namespace {

std::optional<decimal> contract_size(std::string_view) {
  return decimal::from_raw(decimal::one_raw / 100);
}

} // namespace

KARB_FUZZ_TARGET(feed_okx) {
  static const auto spot = venue::protocol_for(exchange::okx_spot,
                                               contract_size);
  static const auto swap = venue::protocol_for(exchange::okx_swap,
                                               contract_size);
  fuzz::fuzz_input in{data, size};
  bool is_swap = in.byte() & 1;
  auto frames = in.rest();
  fuzz::feed_frames(is_swap ? swap : spot, frames);
  namespace d = okx::detail;
  fuzz::compare_backends<venue::feed_item>(
    fuzz::first_line(frames), d::book_padding(),
    is_swap ? exchange::okx_swap : exchange::okx_spot,
    d::make_haswell_book_backend, d::make_fallback_book_backend,
    [](auto ka, const venue::feed_item& a, auto kb,
       const venue::feed_item& b) {
      return ka == kb
             && (ka != okx::book_frame::delta
                 || fuzz::same_delta(a.delta, b.delta));
    });
}
