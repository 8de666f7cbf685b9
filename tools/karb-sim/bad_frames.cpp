#include "tools/karb-sim/bad_frames.hpp"

#include <vector>

namespace karb::sim {

std::string_view to_string(bad_frame_kind k) {
  switch (k) {
    case bad_frame_kind::truncated: return "truncated";
    case bad_frame_kind::deep_nesting: return "deep_nesting";
    case bad_frame_kind::huge_number: return "huge_number";
    case bad_frame_kind::invalid_utf8: return "invalid_utf8";
    case bad_frame_kind::oversized: return "oversized";
  }
  return "truncated";
}

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

/// [begin, end) of every number in the text: a run of digits, '.', '-',
/// 'e', '+' that starts with a digit or '-' right after ':' ',' '[' or a
/// quote (so numeric strings such as Binance's "67000.01" count too).
std::vector<std::pair<size_t, size_t>> numbers(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 1; i < s.size(); ++i) {
    char prev = s[i - 1];
    bool after = prev == ':' || prev == ',' || prev == '[' || prev == '"';
    bool starts = digit(s[i]) || (s[i] == '-' && i + 1 < s.size()
                                  && digit(s[i + 1]));
    if (!after || !starts)
      continue;
    size_t j = i + 1;
    while (j < s.size()
           && (digit(s[j]) || s[j] == '.' || s[j] == 'e' || s[j] == 'E'
               || s[j] == '+' || s[j] == '-'))
      ++j;
    out.emplace_back(i, j);
    i = j;
  }
  return out;
}

std::string huge_number(std::string_view frame, rng& gen) {
  // Past double range; past uint64; int64 max (as ms it overflows ns).
  static constexpr std::string_view huge[] = {
    "1e400", "99999999999999999999999", "9223372036854775807"};
  auto spots = numbers(frame);
  auto pick = gen.range(0, 2);
  std::string text{frame};
  if (spots.empty())
    return text.insert(0, huge[pick]);
  auto [b, e] = spots[gen.next() % spots.size()];
  return text.replace(b, e - b, huge[pick]);
}

std::string invalid_utf8(std::string_view frame, rng& gen) {
  static constexpr std::string_view bad[] = {"\xC3\x28", "\xFF",
                                             "\xED\xA0\x80"};
  auto pick = gen.range(0, 2);
  std::string text{frame};
  auto quote = text.find('"');
  // Inside the first string, or the whole frame when it has none.
  return text.insert(quote == std::string::npos ? 0 : quote + 1, bad[pick]);
}

} // namespace

std::string mangle_frame(std::string_view frame, bad_frame_kind kind,
                         rng& gen) {
  switch (kind) {
    case bad_frame_kind::truncated: {
      if (frame.size() < 2)
        return {};
      auto cut = static_cast<size_t>(gen.range(1, frame.size() - 1));
      return std::string{frame.substr(0, cut)};
    }
    case bad_frame_kind::deep_nesting: {
      std::string text(nesting_depth, '[');
      text += frame;
      text.append(nesting_depth, ']');
      return text;
    }
    case bad_frame_kind::huge_number:
      return huge_number(frame, gen);
    case bad_frame_kind::invalid_utf8:
      return invalid_utf8(frame, gen);
    case bad_frame_kind::oversized: {
      std::string text{frame};
      if (text.size() < oversized_bytes)
        text.append(oversized_bytes - text.size(), ' ');
      return text;
    }
  }
  return std::string{frame};
}

void bad_frames_state::start(double share_, uint64_t seed_,
                             bool private_too) {
  on = true;
  share = share_;
  seed = seed_;
  include_private = private_too;
  gen = rng{seed_};
  injected.clear();
}

std::optional<bad_frame_kind> bad_frames_state::draw() {
  double hit = gen.unit();
  auto kind = static_cast<bad_frame_kind>(gen.range(0, 4));
  if (!on || !(hit < share))
    return std::nullopt;
  ++injected[std::string{to_string(kind)}];
  return kind;
}

} // namespace karb::sim
