#include "tools/karb-sim/types.hpp"

#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace karb::sim {

std::string_view to_string(venue_kind v) {
  return v == venue_kind::upbit ? "upbit" : "bithumb";
}

std::optional<venue_kind> parse_venue(std::string_view name) {
  if (name == "upbit")
    return venue_kind::upbit;
  if (name == "bithumb")
    return venue_kind::bithumb;
  return std::nullopt;
}

namespace {

std::tm utc_tm(time_ms t) {
  std::time_t secs = static_cast<std::time_t>(t / 1000);
  std::tm out{};
  gmtime_r(&secs, &out);
  return out;
}

} // namespace

std::string kst_iso(time_ms t) {
  auto tm = utc_tm(t + 9 * 3600 * 1000);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+09:00",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return buf;
}

std::string utc_date(time_ms t) {
  auto tm = utc_tm(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

std::string utc_time(time_ms t) {
  auto tm = utc_tm(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

decimal dmul(decimal a, decimal b, rounding mode) {
  auto r = decimal::mul(a, b, mode);
  if (!r)
    throw std::overflow_error("decimal multiplication overflow");
  return *r;
}

decimal ddiv(decimal a, decimal b, rounding mode) {
  auto r = decimal::div(a, b, mode);
  if (!r)
    throw std::overflow_error("decimal division overflow");
  return *r;
}

} // namespace karb::sim
