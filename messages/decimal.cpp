#include "messages/decimal.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace karb {

namespace {

using i128 = __int128;

constexpr i128 max_raw = std::numeric_limits<int64_t>::max();

// What the digits dropped by a truncation amounted to, relative to one unit
// of the last kept digit.
enum class dropped : uint8_t { zero, below_half, half, above_half };

// Whether a truncated magnitude must grow by one unit under `mode`.
bool round_away(rounding mode, bool negative, bool odd, dropped rest) {
  if (rest == dropped::zero)
    return false;
  switch (mode) {
    case rounding::down:
      return false;
    case rounding::up:
      return true;
    case rounding::floor:
      return negative;
    case rounding::ceil:
      return !negative;
    case rounding::half_even:
      return rest == dropped::above_half || (rest == dropped::half && odd);
  }
  return false;
}

// num / den rounded by `mode`; den != 0.
i128 divide_rounded(i128 num, i128 den, rounding mode) {
  i128 q = num / den;
  i128 r = num % den;
  if (r == 0)
    return q;
  bool negative = (num < 0) != (den < 0);
  i128 r2 = r < 0 ? -r : r;
  i128 d2 = den < 0 ? -den : den;
  dropped rest = 2 * r2 < d2    ? dropped::below_half
                 : 2 * r2 == d2 ? dropped::half
                                : dropped::above_half;
  bool odd = (q % 2) != 0;
  if (round_away(mode, negative, odd, rest))
    q += negative ? -1 : 1;
  return q;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

} // namespace

std::optional<decimal> decimal::parse(std::string_view s, rounding mode) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-'))
    negative = s[i++] == '-';
  // Collect the significant digits and where the decimal point sits.
  std::string digits;
  digits.reserve(s.size());
  int64_t point = -1;
  size_t mantissa_digits = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (is_digit(c)) {
      ++mantissa_digits;
      if (digits.empty() && c == '0' && point < 0)
        continue; // leading zero of the integer part
      digits.push_back(c);
    } else if (c == '.' && point < 0) {
      point = static_cast<int64_t>(digits.size());
    } else {
      break;
    }
  }
  if (mantissa_digits == 0)
    return std::nullopt;
  if (point < 0)
    point = static_cast<int64_t>(digits.size());
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-'))
      exp_negative = s[i++] == '-';
    if (i >= s.size() || !is_digit(s[i]))
      return std::nullopt;
    int64_t exponent = 0;
    for (; i < s.size() && is_digit(s[i]); ++i) {
      exponent = exponent * 10 + (s[i] - '0');
      if (exponent > 1000)
        return std::nullopt;
    }
    point += exp_negative ? -exponent : exponent;
  }
  if (i != s.size())
    return std::nullopt; // trailing garbage, "nan", "inf", "1.2.3", ...
  // Integer part: digits[0, point); fraction: digits[point, ...), with
  // implicit zeros on either side.
  i128 value = 0;
  auto digit_at = [&](int64_t k) -> int {
    return k >= 0 && k < static_cast<int64_t>(digits.size()) ? digits[k] - '0'
                                                             : 0;
  };
  for (int64_t k = 0; k < point; ++k) {
    value = value * 10 + digit_at(k);
    if (value > max_raw)
      return std::nullopt;
  }
  for (int64_t k = point; k < point + scale; ++k)
    value = value * 10 + digit_at(k);
  if (value > max_raw)
    return std::nullopt;
  // What lies beyond the eighth decimal.
  dropped rest = dropped::zero;
  int64_t first = point + scale;
  if (first < static_cast<int64_t>(digits.size())) {
    int lead = digit_at(first);
    bool tail = false;
    for (int64_t k = std::max<int64_t>(first + 1, 0);
         k < static_cast<int64_t>(digits.size()); ++k)
      tail = tail || digits[k] != '0';
    rest = lead > 5 || (lead == 5 && tail) ? dropped::above_half
           : lead == 5                     ? dropped::half
           : lead > 0 || tail              ? dropped::below_half
                                           : dropped::zero;
  }
  if (round_away(mode, negative, (value % 2) != 0, rest))
    ++value;
  if (value > max_raw)
    return std::nullopt;
  auto raw = static_cast<int64_t>(value);
  return decimal{negative ? -raw : raw};
}

std::optional<decimal> decimal::parse_exact(std::string_view text) {
  auto down = parse(text, rounding::down);
  auto up = parse(text, rounding::up);
  if (!down || !up || *down != *up)
    return std::nullopt;
  return down;
}

std::optional<decimal> decimal::from_double(double x, rounding mode) {
  if (!std::isfinite(x))
    return std::nullopt;
  char buf[64];
  int n = std::snprintf(buf, sizeof(buf), "%.12f", x);
  if (n <= 0 || n >= static_cast<int>(sizeof(buf)))
    return std::nullopt;
  return parse(std::string_view{buf, static_cast<size_t>(n)}, mode);
}

std::string decimal::to_string() const {
  uint64_t magnitude = raw < 0 ? 0 - static_cast<uint64_t>(raw)
                               : static_cast<uint64_t>(raw);
  std::string out = raw < 0 ? "-" : "";
  out += std::to_string(magnitude / one_raw);
  uint64_t frac = magnitude % one_raw;
  if (frac != 0) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%08llu",
                  static_cast<unsigned long long>(frac));
    std::string f{buf};
    while (!f.empty() && f.back() == '0')
      f.pop_back();
    out += '.';
    out += f;
  }
  return out;
}

std::optional<decimal> decimal::mul(decimal a, decimal b, rounding mode) {
  i128 q = divide_rounded(static_cast<i128>(a.raw) * b.raw, one_raw, mode);
  if (q > max_raw || q < -max_raw)
    return std::nullopt;
  return decimal{static_cast<int64_t>(q)};
}

std::optional<decimal> decimal::div(decimal a, decimal b, rounding mode) {
  if (b.raw == 0)
    return std::nullopt;
  i128 q = divide_rounded(static_cast<i128>(a.raw) * one_raw, b.raw, mode);
  if (q > max_raw || q < -max_raw)
    return std::nullopt;
  return decimal{static_cast<int64_t>(q)};
}

decimal decimal::round_to(decimal x, decimal tick, rounding mode) {
  if (tick.raw <= 0)
    return x;
  i128 units = divide_rounded(x.raw, tick.raw, mode);
  // Rounding away from zero can pass the range's end: the multiple one
  // tick nearer zero is then the nearest one there is.
  if (units * tick.raw > max_raw)
    --units;
  else if (units * tick.raw < -max_raw)
    ++units;
  return decimal{static_cast<int64_t>(units * tick.raw)};
}

decimal dec(std::string_view text) {
  auto d = decimal::parse_exact(text);
  if (!d)
    throw std::invalid_argument("not an exact decimal: " + std::string{text});
  return *d;
}

} // namespace karb
