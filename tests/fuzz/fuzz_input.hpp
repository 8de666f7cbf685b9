#pragma once

// Reading structured values out of a fuzzer's bytes: a selector byte, small
// integers, text up to a separator, the rest. Every read succeeds (zero or
// empty once the bytes run out), so a target never checks lengths itself.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace karb::fuzz {

class fuzz_input {
public:
  fuzz_input(const uint8_t* data, size_t size)
    : text_(reinterpret_cast<const char*>(data), size) {
    // nop
  }

  bool empty() const { return text_.empty(); }

  /// The next byte, 0 past the end.
  uint8_t byte() {
    if (text_.empty())
      return 0;
    auto b = static_cast<uint8_t>(text_.front());
    text_.remove_prefix(1);
    return b;
  }

  /// The next 8 bytes as a signed integer (fewer: zero-filled).
  int64_t i64() {
    uint64_t v = 0;
    size_t n = text_.size() < sizeof v ? text_.size() : sizeof v;
    std::memcpy(&v, text_.data(), n);
    text_.remove_prefix(n);
    return static_cast<int64_t>(v);
  }

  /// The text up to the next `sep` (consumed) or the end.
  std::string_view until(char sep) {
    auto at = text_.find(sep);
    auto out = text_.substr(0, at);
    text_.remove_prefix(at == std::string_view::npos ? text_.size()
                                                     : at + 1);
    return out;
  }

  /// Everything left.
  std::string_view rest() {
    auto out = text_;
    text_ = {};
    return out;
  }

private:
  std::string_view text_;
};

} // namespace karb::fuzz
