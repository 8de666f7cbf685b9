#include "tools/karb-sim/types.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace karb::sim {

std::string_view to_string(venue_kind v) {
  switch (v) {
    case venue_kind::upbit: return "upbit";
    case venue_kind::bithumb: return "bithumb";
    case venue_kind::binance_spot: return "binance_spot";
    case venue_kind::binance_usdm: return "binance_usdm";
    case venue_kind::okx: return "okx";
    case venue_kind::bybit: return "bybit";
  }
  return "upbit";
}

std::optional<venue_kind> parse_venue(std::string_view name) {
  for (auto v : {venue_kind::upbit, venue_kind::bithumb,
                 venue_kind::binance_spot, venue_kind::binance_usdm,
                 venue_kind::okx, venue_kind::bybit})
    if (name == to_string(v))
      return v;
  return std::nullopt;
}

std::string dev_access_key(venue_kind v) {
  std::string name{to_string(v)};
  std::replace(name.begin(), name.end(), '_', '-');
  return "karb-dev-" + name + "-access";
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
