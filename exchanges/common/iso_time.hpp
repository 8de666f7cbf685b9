#pragma once

// ISO-8601 timestamps with a UTC offset, as Upbit/Bithumb send `created_at`
// ("2026-03-22T21:42:26+09:00"), converted to ns since the Unix epoch.

#include <cstdint>
#include <optional>
#include <string_view>

namespace karb {

/// Parses "YYYY-MM-DDTHH:MM:SS[.fff...](Z|+HH:MM|-HH:MM)"; nullopt if not.
std::optional<int64_t> parse_iso8601_ns(std::string_view text);

} // namespace karb
