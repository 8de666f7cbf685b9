// Upbit and Bithumb REST replies and budget headers: the first byte picks
// the venue (bit 0) and the parse function (venue_inputs.hpp), the rest is
// the body.

#include "exchanges/registry.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_target.hpp"
#include "tests/fuzz/venue_inputs.hpp"

using namespace karb;

KARB_FUZZ_TARGET(rest_korea) {
  static const auto upbit = venue::protocol_for(exchange::upbit);
  static const auto bithumb = venue::protocol_for(exchange::bithumb);
  fuzz::fuzz_input in{data, size};
  auto selector = in.byte();
  fuzz::feed_reply(selector & 1 ? bithumb : upbit, selector >> 1, in.rest());
}
