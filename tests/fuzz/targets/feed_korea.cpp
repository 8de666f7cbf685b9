// Upbit and Bithumb public frames: the first byte picks the venue (bit 0);
// the rest, one frame a line, goes through one feed decoder. The first
// frame also goes through both variants of the simdjson book decoder,
// which must agree.

#include "exchanges/korea/book_decoder.hpp"
#include "exchanges/registry.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_target.hpp"
#include "tests/fuzz/venue_inputs.hpp"

using namespace karb;

KARB_FUZZ_TARGET(feed_korea) {
  static const auto upbit = venue::protocol_for(exchange::upbit);
  static const auto bithumb = venue::protocol_for(exchange::bithumb);
  fuzz::fuzz_input in{data, size};
  bool is_bithumb = in.byte() & 1;
  auto frames = in.rest();
  fuzz::feed_frames(is_bithumb ? bithumb : upbit, frames);
  namespace d = korea::detail;
  fuzz::compare_backends<order_book>(
    fuzz::first_line(frames), d::simdjson_padding(),
    is_bithumb ? exchange::bithumb : exchange::upbit,
    d::make_haswell_backend, d::make_fallback_backend,
    [](const auto& ra, const order_book& a, const auto& rb,
       const order_book& b) {
      if (ra.ok() != rb.ok())
        return false;
      return !ra.ok()
             || (a.bids == b.bids && a.asks == b.asks
                 && a.symbol.venue_symbol == b.symbol.venue_symbol
                 && a.ts_event_ns == b.ts_event_ns);
    });
}
