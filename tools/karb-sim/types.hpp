#pragma once

// Small shared vocabulary of the simulator: venues, time, decimal helpers.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "messages/decimal.hpp"

namespace karb::sim {

/// Milliseconds since the Unix epoch; every core takes time as an argument.
using time_ms = int64_t;

/// The venues the simulator can impersonate.
enum class venue_kind {
  upbit, bithumb, binance_spot, binance_usdm, okx, bybit
};

/// Binance spot or USD-M futures (HMAC signing, {code,msg} errors).
inline bool is_binance(venue_kind v) {
  return v == venue_kind::binance_spot || v == venue_kind::binance_usdm;
}

/// OKX v5 (spot and USDT swaps on one port, one unified account).
inline bool is_okx(venue_kind v) { return v == venue_kind::okx; }
/// Bybit v5 (spot and linear on one port, one UNIFIED account).
inline bool is_bybit(venue_kind v) { return v == venue_kind::bybit; }

std::string_view to_string(venue_kind v);
std::optional<venue_kind> parse_venue(std::string_view name);
/// The built-in dev account's access key, e.g. "karb-dev-binance-spot-access".
std::string dev_access_key(venue_kind v);

/// "2026-03-22T21:42:26+09:00" (KST, as in Upbit/Bithumb order objects).
std::string kst_iso(time_ms t);
/// "2026-03-11" (UTC date of a trade).
std::string utc_date(time_ms t);
/// "14:40:59" (UTC time of a trade).
std::string utc_time(time_ms t);

/// a * b rounded to 8 decimals; throws std::overflow_error on overflow.
decimal dmul(decimal a, decimal b, rounding mode = rounding::half_even);
/// a / b rounded to 8 decimals; throws std::overflow_error on overflow or b=0.
decimal ddiv(decimal a, decimal b, rounding mode = rounding::half_even);

} // namespace karb::sim
