#pragma once

// API credentials. The secret half is wrapped so its text form is always
// "***": printing, logging or formatting a `secret` can never leak it.
// `reveal()` is for the signing code only.

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace karb {

/// A secret string whose every text form is "***".
class secret {
public:
  secret() = default;
  explicit secret(std::string text) : text_(std::move(text)) {}

  /// The raw bytes, for HMAC/JWT signing only. Never log the result.
  std::string_view reveal() const { return text_; }
  bool empty() const { return text_.empty(); }

  friend std::string to_string(const secret&) { return "***"; }
  friend std::ostream& operator<<(std::ostream& os, const secret&) {
    return os << "***";
  }

private:
  std::string text_;
};

/// An API key pair for one venue account.
struct credentials {
  std::string access_key;
  secret secret_key;
};

} // namespace karb
