#include "exchanges/common/url.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace karb::net {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return out;
}

std::optional<url> fail(std::string* error, std::string reason) {
  if (error)
    *error = std::move(reason);
  return std::nullopt;
}

} // namespace

std::string to_string(url_scheme s) {
  switch (s) {
    case url_scheme::http: return "http";
    case url_scheme::https: return "https";
    case url_scheme::ws: return "ws";
    case url_scheme::wss: return "wss";
  }
  return "?";
}

std::string url::host_header() const {
  bool default_port = port == (tls ? 443 : 80);
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]"
                                                      : host;
  return default_port ? h : h + ":" + std::to_string(port);
}

std::optional<url> try_parse_url(std::string_view text, std::string* error) {
  auto sep = text.find("://");
  if (sep == std::string_view::npos)
    return fail(error, "missing scheme in URL '" + std::string(text) + "'");
  url u;
  auto scheme = lower(text.substr(0, sep));
  if (scheme == "http")
    u.scheme = url_scheme::http;
  else if (scheme == "https")
    u.scheme = url_scheme::https;
  else if (scheme == "ws")
    u.scheme = url_scheme::ws;
  else if (scheme == "wss")
    u.scheme = url_scheme::wss;
  else
    return fail(error, "unsupported scheme '" + scheme + "'");
  u.tls = u.scheme == url_scheme::https || u.scheme == url_scheme::wss;
  u.port = u.tls ? 443 : 80;
  auto rest = text.substr(sep + 3);
  auto path_at = rest.find_first_of("/?#");
  auto authority = rest.substr(0, path_at);
  if (authority.find('@') != std::string_view::npos)
    return fail(error, "user info in URLs is not supported");
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos)
      return fail(error, "unterminated IPv6 literal");
    host = authority.substr(1, close - 1);
    auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':')
        return fail(error, "unexpected text after IPv6 literal");
      port = after.substr(1);
      if (port.empty())
        return fail(error, "empty port");
    }
  } else if (auto colon = authority.rfind(':');
             colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty())
      return fail(error, "empty port");
  }
  if (host.empty())
    return fail(error, "empty host in URL '" + std::string(text) + "'");
  if (!port.empty()) {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) {
          return c >= '0' && c <= '9';
        }))
      return fail(error, "invalid port '" + std::string(port) + "'");
    auto n = std::stoul(std::string(port));
    if (n == 0 || n > 65535)
      return fail(error, "port out of range: " + std::string(port));
    u.port = static_cast<uint16_t>(n);
  }
  u.host = lower(host);
  if (path_at != std::string_view::npos) {
    auto p = rest.substr(path_at);
    p = p.substr(0, p.find('#')); // fragments never go on the wire
    u.path = p.empty() || p.front() != '/' ? "/" + std::string(p)
                                           : std::string(p);
  }
  return u;
}

url parse_url(std::string_view text) {
  std::string error;
  auto u = try_parse_url(text, &error);
  if (!u)
    throw std::invalid_argument(error);
  return *u;
}

} // namespace karb::net
