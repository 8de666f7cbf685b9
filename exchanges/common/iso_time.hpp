#pragma once

// Venue timestamps converted to ns since the Unix epoch, checked: ISO-8601
// text with a UTC offset, as Upbit/Bithumb send `created_at`
// ("2026-03-22T21:42:26+09:00"), integer ms / s counts, and the seconds
// between two such times. A value whose
// ns would not fit in 64 bits (after about the year 2262, or before 1677)
// is refused, never wrapped: it is a parse error for that item.

#include <cstdint>
#include <optional>
#include <string_view>

namespace karb {

/// Parses "YYYY-MM-DDTHH:MM:SS[.fff...](Z|+HH:MM|-HH:MM)"; nullopt if not.
std::optional<int64_t> parse_iso8601_ns(std::string_view text);

/// ms * 1'000'000 and s * 1'000'000'000; nullopt on overflow.
constexpr std::optional<int64_t> ms_to_ns(int64_t ms) {
  int64_t ns = 0;
  if (__builtin_mul_overflow(ms, int64_t{1'000'000}, &ns))
    return std::nullopt;
  return ns;
}
constexpr std::optional<int64_t> s_to_ns(int64_t s) {
  int64_t ns = 0;
  if (__builtin_mul_overflow(s, int64_t{1'000'000'000}, &ns))
    return std::nullopt;
  return ns;
}

/// (later_ns - earlier_ns) in whole seconds (toward zero); nullopt when
/// the difference overflows.
constexpr std::optional<int64_t> seconds_between(int64_t earlier_ns,
                                                 int64_t later_ns) {
  int64_t ns = 0;
  if (__builtin_sub_overflow(later_ns, earlier_ns, &ns))
    return std::nullopt;
  return ns / 1'000'000'000;
}

} // namespace karb
