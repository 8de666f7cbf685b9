#pragma once

// Request targets: the path split from the query, percent-decoding, and
// matching a path against a route pattern such as
// "/api/v1/books/{venue}/{symbol}". Pure functions.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace karb::api {

struct parsed_target {
  std::string path;                          ///< as sent (still encoded)
  std::map<std::string, std::string> query;  ///< decoded, last one wins
};

/// Splits `target` and decodes its query; nullopt when it does not start
/// with '/' or the query holds a bad percent escape.
std::optional<parsed_target> parse_target(std::string_view target);

/// Decodes %XX escapes (and '+' as a space when `plus_is_space`); nullopt
/// on a bad escape.
std::optional<std::string> percent_decode(std::string_view text,
                                          bool plus_is_space);

/// The decoded captures of `{name}` segments when `path` (encoded) matches
/// `pattern` segment by segment; a capture matches one non-empty segment,
/// so an encoded '/' stays inside its segment.
std::optional<std::map<std::string, std::string>>
match_pattern(std::string_view pattern, std::string_view path);

} // namespace karb::api
