#pragma once

// Fixed-point decimal for prices, quantities, balances and fees.
//
// Representation: a signed 64-bit count of 1e-8 units (`raw`), i.e. eight
// fractional digits, the finest precision any supported venue quotes (Upbit
// and Bithumb volumes, the smallest KRW tick 0.00000001). Range: about
// +/-92 233 720 368 (92 billion), enough for any single price, quantity or
// KRW balance we trade; products and quotients go through 128-bit integers.
//
// Parsing accepts venue strings and JSON numbers in text form ("0.00012345",
// "98765432.1", "103493000.0", "1e-05"). Digits beyond the eighth decimal are
// rounded half-to-even by `parse`, or refused by `parse_exact`. NaN, infinity,
// empty strings, stray characters and values out of range are refused.
// Binary floating point is never used to build a decimal from text.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <caf/meta/type_name.hpp>

namespace karb {

/// How to round when a result has more than eight fractional digits.
enum class rounding : uint8_t {
  half_even, ///< banker's rounding (default for parsing and arithmetic)
  down,      ///< toward zero
  up,        ///< away from zero
  floor,     ///< toward negative infinity
  ceil,      ///< toward positive infinity
};

struct decimal {
  static constexpr int scale = 8;
  static constexpr int64_t one_raw = 100'000'000;
  /// INT64_MIN: never a valid raw value, so that -x and abs() are defined.
  static constexpr int64_t min_raw = INT64_MIN;

  int64_t raw = 0;

  // -- construction ----------------------------------------------------------

  static constexpr decimal from_raw(int64_t r) { return decimal{r}; }
  static constexpr decimal from_int(int64_t units) {
    return decimal{units * one_raw};
  }
  /// Parses text, rounding digits past the eighth decimal half-to-even.
  static std::optional<decimal> parse(std::string_view text,
                                      rounding mode = rounding::half_even);
  /// Parses text, refusing any value that would need rounding.
  static std::optional<decimal> parse_exact(std::string_view text);
  /// Converts a double (display or scoring inputs only, never venue amounts).
  static std::optional<decimal> from_double(double x,
                                            rounding mode = rounding::half_even);

  // -- observers --------------------------------------------------------------

  constexpr bool is_zero() const { return raw == 0; }
  constexpr bool is_negative() const { return raw < 0; }
  constexpr bool is_positive() const { return raw > 0; }
  /// For ratios, scores and metrics only.
  double to_double() const { return static_cast<double>(raw) / one_raw; }
  /// Shortest exact text: "0.00012345", "98765432.1", "5", "-0.5".
  std::string to_string() const;

  // -- arithmetic -------------------------------------------------------------

  constexpr decimal operator-() const { return decimal{-raw}; }
  constexpr decimal& operator+=(decimal x) { raw += x.raw; return *this; }
  constexpr decimal& operator-=(decimal x) { raw -= x.raw; return *this; }
  friend constexpr decimal operator+(decimal a, decimal b) {
    return decimal{a.raw + b.raw};
  }
  friend constexpr decimal operator-(decimal a, decimal b) {
    return decimal{a.raw - b.raw};
  }
  friend constexpr auto operator<=>(decimal, decimal) = default;
  friend constexpr bool operator==(decimal, decimal) = default;

  /// a + b and a - b, checked: nullopt when the result leaves the range
  /// (|raw| <= INT64_MAX, as `parse` gives). Sums and differences of
  /// venue-provided values go through these, never through `+` / `-`,
  /// whose overflow is undefined behaviour.
  static constexpr std::optional<decimal> add(decimal a, decimal b) {
    int64_t r = 0;
    if (__builtin_add_overflow(a.raw, b.raw, &r) || r == min_raw)
      return std::nullopt;
    return decimal{r};
  }
  static constexpr std::optional<decimal> sub(decimal a, decimal b) {
    int64_t r = 0;
    if (__builtin_sub_overflow(a.raw, b.raw, &r) || r == min_raw)
      return std::nullopt;
    return decimal{r};
  }
  /// a * b rounded to eight decimals; nullopt on overflow.
  static std::optional<decimal> mul(decimal a, decimal b,
                                    rounding mode = rounding::half_even);
  /// a / b rounded to eight decimals; nullopt on overflow or b == 0.
  static std::optional<decimal> div(decimal a, decimal b,
                                    rounding mode = rounding::half_even);
  /// The nearest multiple of `tick` in the given direction (tick > 0).
  static decimal round_to(decimal x, decimal tick, rounding mode);

  constexpr decimal abs() const { return decimal{raw < 0 ? -raw : raw}; }
};

/// Convenience for literals in tests and defaults: `dec("0.0005")`.
/// Throws std::invalid_argument on a malformed literal.
decimal dec(std::string_view text);

inline std::string to_string(decimal x) { return x.to_string(); }

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, decimal& x) {
  return f(caf::meta::type_name("karb.decimal"), x.raw);
}

inline constexpr decimal min(decimal a, decimal b) { return b < a ? b : a; }
inline constexpr decimal max(decimal a, decimal b) { return a < b ? b : a; }

} // namespace karb
