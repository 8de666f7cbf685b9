// Binance spot and USD-M REST replies, private stream frames and budget
// headers: the first byte picks the venue (bit 0) and the parse function
// (venue_inputs.hpp), the rest is the body.

#include "exchanges/registry.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_target.hpp"
#include "tests/fuzz/venue_inputs.hpp"

using namespace karb;

KARB_FUZZ_TARGET(rest_binance) {
  static const auto spot = venue::protocol_for(exchange::binance_spot);
  static const auto usdm = venue::protocol_for(exchange::binance_usdm);
  fuzz::fuzz_input in{data, size};
  auto selector = in.byte();
  fuzz::feed_reply(selector & 1 ? usdm : spot, selector >> 1, in.rest());
}
