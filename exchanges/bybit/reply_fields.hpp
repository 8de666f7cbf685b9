#pragma once

// What every Bybit v5 parser reads alike: the envelope's `result` object
// and its `list`, timestamps sent as strings of ms ("1672217377164") or as
// numbers, and decimals sent as strings that may be blank ("" for an
// absent average price or liquidation price).

#include <cstdint>
#include <string_view>

#include "exchanges/common/json_text.hpp"

namespace karb::bybit {

/// A parsed reply body: the document, its `result` object and the top
/// level `time` (ms, 0 when absent) also as ns.
struct reply_body {
  json_text::json doc;
  const json_text::json* result = nullptr;
  int64_t time_ms = 0;
  int64_t time_ns = 0;
};

/// Parses `body` and finds `result` (an object); `what` names the reply.
/// A `time` out of the ns range fails the reply.
result<reply_body> read_reply(std::string_view body, std::string_view what);

/// `result.list` (an array) of a parsed reply.
result<const json_text::json*> list_of(const reply_body& r,
                                       std::string_view what);

/// A ms timestamp field, string or integer, as ns; records an error
/// otherwise or when the ns leave the 64-bit range.
int64_t time_field(json_text::reader& r, std::string_view key);

/// Like time_field, but 0 when absent, null or "".
int64_t opt_time_field(json_text::reader& r, std::string_view key);

/// A decimal string where "" means zero; an absent field is an error.
decimal blank_zero(json_text::reader& r, std::string_view key,
                   json_text::check c = json_text::check::any);

/// Like blank_zero, but zero when absent or null too.
decimal opt_blank_zero(json_text::reader& r, std::string_view key,
                       json_text::check c = json_text::check::any);

} // namespace karb::bybit
