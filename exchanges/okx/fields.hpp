#pragma once

// Reading OKX reply fields: every number is a JSON string, an absent value
// is often "" rather than a missing key, times are ms as strings, and
// replies wrap their payload as `{"code":"0","msg":"","data":[...]}`.

#include <cstdint>
#include <string>
#include <string_view>

#include "exchanges/common/json_text.hpp"

namespace karb::okx {

/// A decimal field, `fallback` when absent, null or "".
decimal opt_decimal(json_text::reader& r, std::string_view key,
                    decimal fallback = {},
                    json_text::check c = json_text::check::any);

/// Whether the field is present and not "" (nor null).
bool has_value(const json_text::reader& r, std::string_view key);

/// A time in ms sent as a string ("1597026383085") -> ns; 0 when absent
/// or "" (an error when present but not an integer, or when the ns leave
/// the 64-bit range).
int64_t opt_ms_as_ns(json_text::reader& r, std::string_view key);

/// A required time in ms sent as a string -> ns.
int64_t ms_as_ns(json_text::reader& r, std::string_view key);

/// The `data` array of a reply body (an error when the body is not the
/// documented envelope); `what` names the reply in errors.
result<json_text::json> data_of(std::string_view body, std::string_view what);

} // namespace karb::okx
