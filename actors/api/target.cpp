#include "actors/api/target.hpp"

#include <vector>

namespace karb::api {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    auto end = text.find(sep, start);
    out.push_back(text.substr(start, end - start));
    if (end == std::string_view::npos)
      return out;
    start = end + 1;
  }
}

} // namespace

std::optional<std::string> percent_decode(std::string_view text,
                                          bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size())
        return std::nullopt;
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0)
        return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<parsed_target> parse_target(std::string_view target) {
  if (target.empty() || target.front() != '/')
    return std::nullopt;
  parsed_target out;
  auto q = target.find('?');
  out.path = std::string{target.substr(0, q)};
  if (q == std::string_view::npos)
    return out;
  for (auto pair : split(target.substr(q + 1), '&')) {
    if (pair.empty())
      continue;
    auto eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(
      eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1),
      true);
    if (!key || !value)
      return std::nullopt;
    out.query[*key] = *value;
  }
  return out;
}

std::optional<std::map<std::string, std::string>>
match_pattern(std::string_view pattern, std::string_view path) {
  auto want = split(pattern, '/');
  auto have = split(path, '/');
  if (want.size() != have.size())
    return std::nullopt;
  std::map<std::string, std::string> captures;
  for (size_t i = 0; i < want.size(); ++i) {
    auto w = want[i];
    auto segment = percent_decode(have[i], false);
    if (!segment)
      return std::nullopt;
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (segment->empty())
        return std::nullopt;
      captures[std::string{w.substr(1, w.size() - 2)}] = std::move(*segment);
    } else if (w != *segment) {
      return std::nullopt;
    }
  }
  return captures;
}

} // namespace karb::api
