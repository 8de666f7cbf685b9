// OKX spot and swap REST replies, private stream frames and budget
// headers: the first byte picks the venue (bit 0) and the parse function
// (venue_inputs.hpp), the rest is the body. Swap contracts are 0.01 base
// units, except on symbols starting with "X", whose size is unknown (the
// parsers' clear error).

#include "exchanges/registry.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_target.hpp"
#include "tests/fuzz/venue_inputs.hpp"

using namespace karb;

namespace {

std::optional<decimal> contract_size(std::string_view symbol) {
  if (symbol.starts_with('X'))
    return std::nullopt;
  return decimal::from_raw(decimal::one_raw / 100);
}

} // namespace

KARB_FUZZ_TARGET(rest_okx) {
  static const auto spot = venue::protocol_for(exchange::okx_spot,
                                               contract_size);
  static const auto swap = venue::protocol_for(exchange::okx_swap,
                                               contract_size);
  fuzz::fuzz_input in{data, size};
  auto selector = in.byte();
  fuzz::feed_reply(selector & 1 ? swap : spot, selector >> 1, in.rest());
}
