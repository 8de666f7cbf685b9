#pragma once

// A secret (API secret key, webhook token). Its text form is always "***",
// so it cannot reach a log line, an error or an inspection reply by
// accident; `reveal()` is for signing code only. Deliberately not
// inspectable: a secret never crosses a process boundary.

#include <ostream>
#include <string>
#include <utility>

namespace karb {

class secret {
public:
  secret() = default;
  explicit secret(std::string value) : value_(std::move(value)) {
    // nop
  }
  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }
  friend bool operator==(const secret&, const secret&) = default;

private:
  std::string value_;
};

inline std::string to_string(const secret&) { return "***"; }
inline std::ostream& operator<<(std::ostream& os, const secret&) {
  return os << "***";
}

} // namespace karb
