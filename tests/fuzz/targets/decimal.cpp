// decimal: parsing any text, and the checked arithmetic on what parses.
// Input: a rounding-mode byte, then two texts separated by a newline.
//
// Checks: to_string -> parse_exact gives the same value back; parse_exact
// agrees with parse when it accepts; add, sub, mul and div (rounded
// toward zero) equal the exact 128-bit results whenever they succeed, and
// succeed whenever that result is in range; round_to lands on a multiple
// of the tick.

#include <limits>
#include <string_view>

#include "messages/decimal.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_target.hpp"

using namespace karb;

namespace {

using i128 = __int128;

constexpr bool in_range(i128 r) {
  return r > std::numeric_limits<int64_t>::min()
         && r <= std::numeric_limits<int64_t>::max();
}

void check_round_trip(decimal x) {
  auto back = decimal::parse_exact(x.to_string());
  KARB_FUZZ_CHECK(back && *back == x);
}

void check_checked(std::optional<decimal> got, i128 exact) {
  KARB_FUZZ_CHECK(got.has_value() == in_range(exact));
  if (got)
    KARB_FUZZ_CHECK(got->raw == exact);
}

void check_arithmetic(decimal a, decimal b, rounding mode) {
  check_checked(decimal::add(a, b), i128{a.raw} + b.raw);
  check_checked(decimal::sub(a, b), i128{a.raw} - b.raw);
  check_checked(decimal::mul(a, b, rounding::down),
                i128{a.raw} * b.raw / decimal::one_raw);
  if (b.raw != 0)
    check_checked(decimal::div(a, b, rounding::down),
                  i128{a.raw} * decimal::one_raw / b.raw);
  else
    KARB_FUZZ_CHECK(!decimal::div(a, b, mode));
  (void) decimal::mul(a, b, mode);
  (void) decimal::div(a, b, mode);
  if (b.raw > 0) {
    auto r = decimal::round_to(a, b, mode);
    KARB_FUZZ_CHECK(r.raw % b.raw == 0);
  }
}

} // namespace

KARB_FUZZ_TARGET(decimal) {
  fuzz::fuzz_input in{data, size};
  auto mode = static_cast<rounding>(in.byte() % 5);
  auto text_a = in.until('\n');
  auto text_b = in.rest();
  auto a = decimal::parse(text_a, mode);
  auto b = decimal::parse(text_b, mode);
  for (auto text : {text_a, text_b}) {
    auto exact = decimal::parse_exact(text);
    if (exact) {
      check_round_trip(*exact);
      for (int m = 0; m < 5; ++m)
        KARB_FUZZ_CHECK(decimal::parse(text, static_cast<rounding>(m))
                        == exact);
    }
  }
  if (a)
    check_round_trip(*a);
  if (b)
    check_round_trip(*b);
  if (a && b)
    check_arithmetic(*a, *b, mode);
}
