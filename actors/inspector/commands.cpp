#include "actors/inspector/commands.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string_view>

#include "actors/app/wiring.hpp"
#include "exchanges/registry.hpp"

namespace karb::inspector {

namespace {

std::string upper(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::optional<int64_t> number(const std::string& s) {
  if (s.empty() || s.size() > 9
      || !std::all_of(s.begin(), s.end(),
                      [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  return std::stoll(s);
}

bool is_utf8(std::string_view s) {
  static constexpr uint32_t least[] = {0, 0x80, 0x800, 0x10000};
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80            ? 0
               : (c & 0xe0) == 0xc0 ? 1
               : (c & 0xf0) == 0xe0 ? 2
               : (c & 0xf8) == 0xf0 ? 3
                                    : 4;
    if (n == 4 || n >= s.size() - i) // a stray byte, or cut short
      return false;
    uint32_t cp = n == 0 ? c : c & (0x3fu >> n);
    for (size_t k = 1; k <= n; ++k) {
      auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xc0) != 0x80)
        return false;
      cp = (cp << 6) | (b & 0x3fu);
    }
    if (cp < least[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += n + 1;
  }
  return true;
}

} // namespace

bool all_utf8(const std::vector<std::string>& args) {
  return std::all_of(args.begin(), args.end(),
                     [](const std::string& w) { return is_utf8(w); });
}

std::optional<book_query> parse_book(const std::vector<std::string>& args,
                                     std::string& error) {
  std::vector<std::string> pos;
  book_query q;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--depth") {
      auto n = i + 1 < args.size() ? number(args[i + 1]) : std::nullopt;
      if (!n || *n < 1 || *n > 1000) {
        error = "--depth takes a number from 1 to 1000";
        return std::nullopt;
      }
      q.depth = static_cast<size_t>(*n);
      ++i;
    } else {
      pos.push_back(args[i]);
    }
  }
  if (pos.size() != 2) {
    error = "usage: book VENUE SYMBOL [--depth N], e.g. book upbit BTC";
    return std::nullopt;
  }
  auto where = exchange_from_string(pos[0]);
  if (!where) {
    error = "unknown venue '" + pos[0] + "'";
    return std::nullopt;
  }
  auto sym = upper(pos[1]);
  std::string quote{venue::entry_of(*where).quote};
  if (auto dash = sym.find('-'); dash != std::string::npos) { // KRW-BTC
    quote = sym.substr(0, dash);
    sym = sym.substr(dash + 1);
  } else if (auto slash = sym.find('/'); slash != std::string::npos) {
    quote = sym.substr(slash + 1); // BTC/USDT
    sym = sym.substr(0, slash);
  }
  if (sym.empty() || quote.empty()) {
    error = "expected BASE, BASE/QUOTE or QUOTE-BASE, got '" + pos[1] + "'";
    return std::nullopt;
  }
  if (!venue::entry_of(*where).unavailable.empty()) {
    error = "venue '" + pos[0] + "' is not implemented";
    return std::nullopt;
  }
  q.symbol = venue::instrument_on(*where, sym, quote);
  return q;
}

std::optional<int32_t> parse_count(const std::vector<std::string>& args,
                                   int32_t fallback, std::string& error) {
  if (args.size() < 2)
    return fallback;
  auto n = number(args[1]);
  if (!n || *n < 1 || *n > 1000) {
    error = args[0] + " takes a count from 1 to 1000, got '" + args[1] + "'";
    return std::nullopt;
  }
  return static_cast<int32_t>(*n);
}

std::string join_from(const std::vector<std::string>& args, size_t from) {
  std::string out;
  for (size_t i = from; i < args.size(); ++i) {
    if (!out.empty())
      out += ' ';
    out += args[i];
  }
  return out;
}

std::vector<std::string> match_strategies(const std::vector<std::string>& ids,
                                          const std::string& id) {
  if (std::find(ids.begin(), ids.end(), id) != ids.end())
    return {id};
  std::vector<std::string> out;
  for (auto& x : ids)
    if (x.size() > id.size() && x.compare(0, id.size(), id) == 0
        && x[id.size()] == ':')
      out.push_back(x);
  return out;
}

} // namespace karb::inspector
