#pragma once

// URL parsing for venue endpoints: http, https, ws and wss only. Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace karb::net {

enum class url_scheme : uint8_t { http, https, ws, wss };

struct url {
  url_scheme scheme = url_scheme::https;
  std::string host;       ///< lower-cased; IPv6 literals without brackets
  uint16_t port = 443;    ///< explicit or the scheme default (80 / 443)
  std::string path = "/"; ///< path plus "?query"; never empty
  bool tls = true;        ///< https or wss

  bool websocket() const {
    return scheme == url_scheme::ws || scheme == url_scheme::wss;
  }
  /// "host" or "host:port" as sent in the Host header (port only when it
  /// is not the scheme default).
  std::string host_header() const;
};

/// Parses `text`; on failure returns nullopt and, if `error` is given,
/// stores a readable reason ("unsupported scheme 'ftp'", ...).
std::optional<url> try_parse_url(std::string_view text,
                                 std::string* error = nullptr);

/// Parses `text`; throws std::invalid_argument with the reason on failure.
url parse_url(std::string_view text);

std::string to_string(url_scheme s);

} // namespace karb::net
