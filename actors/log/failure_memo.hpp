#pragma once

// Remembers the last failure per key (a venue, a venue and a request), so
// a poll that fails the same way every time is logged once, and again only
// when the failure changes or after the key worked in between.

#include <map>
#include <string>

namespace karb::log {

class failure_memo {
public:
  /// Whether `why` is news for `key`; remembers it.
  bool news(const std::string& key, const std::string& why) {
    auto& last = last_[key];
    if (last == why)
      return false;
    last = why;
    return true;
  }

  /// `key` worked again: its next failure is news.
  void clear(const std::string& key) {
    last_.erase(key);
  }

private:
  std::map<std::string, std::string> last_;
};

} // namespace karb::log
