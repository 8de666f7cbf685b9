#include "exchanges/binance/decimal_text.hpp"

namespace karb::binance {

namespace {

// 10^(8 - n): the scale applied after n fractional digits.
constexpr int64_t scale_after[] = {100'000'000, 10'000'000, 1'000'000,
                                   100'000,     10'000,     1'000,
                                   100,         10,         1};

// At most ten integer digits keep the value below decimal's range.
constexpr size_t max_int_digits = 10;

} // namespace

bool read_decimal_text(std::string_view text, decimal& out) {
  size_t n = text.size();
  size_t dot = text.find('.');
  size_t int_len = dot == std::string_view::npos ? n : dot;
  size_t frac_len = dot == std::string_view::npos ? 0 : n - dot - 1;
  bool plain = int_len > 0 && int_len <= max_int_digits && frac_len <= 8
               && (dot == std::string_view::npos || frac_len > 0);
  int64_t v = 0;
  for (size_t i = 0; plain && i < n; ++i) {
    if (i == dot)
      continue;
    char c = text[i];
    if (c < '0' || c > '9')
      plain = false;
    else
      v = v * 10 + (c - '0');
  }
  if (plain) {
    out = decimal::from_raw(v * scale_after[frac_len]);
    return true;
  }
  auto d = decimal::parse(text);
  if (!d)
    return false;
  out = *d;
  return true;
}

} // namespace karb::binance
