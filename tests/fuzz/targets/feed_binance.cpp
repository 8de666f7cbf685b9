// Binance spot and USD-M public frames: the first byte picks the venue
// (bit 0); the rest, one frame a line, goes through one feed decoder.
// The first frame also goes through both variants of the simdjson stream
// decoder, which must agree.

#include "exchanges/binance/stream_decoder.hpp"
#include "exchanges/registry.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_target.hpp"
#include "tests/fuzz/venue_inputs.hpp"

using namespace karb;

KARB_FUZZ_TARGET(feed_binance) {
  static const auto spot = venue::protocol_for(exchange::binance_spot);
  static const auto usdm = venue::protocol_for(exchange::binance_usdm);
  fuzz::fuzz_input in{data, size};
  bool is_usdm = in.byte() & 1;
  auto frames = in.rest();
  fuzz::feed_frames(is_usdm ? usdm : spot, frames);
  namespace d = binance::detail;
  fuzz::compare_backends<venue::feed_item>(
    fuzz::first_line(frames), d::stream_padding(),
    is_usdm ? exchange::binance_usdm : exchange::binance_spot,
    d::make_haswell_stream_backend, d::make_fallback_stream_backend,
    [](auto ka, const venue::feed_item& a, auto kb,
       const venue::feed_item& b) {
      if (ka != kb)
        return false;
      if (ka == binance::stream_frame::delta)
        return fuzz::same_delta(a.delta, b.delta);
      if (ka == binance::stream_frame::mark)
        return a.mark.mark == b.mark.mark && a.mark.index == b.mark.index
               && a.funding.rate == b.funding.rate;
      return true;
    });
}
