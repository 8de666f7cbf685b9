#include "exchanges/common/http_types.hpp"

#include <algorithm>
#include <cctype>

namespace karb::http {

std::string_view response::get(std::string_view name) const {
  auto same = [&](const std::string& key) {
    return key.size() == name.size()
           && std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a))
                       == std::tolower(static_cast<unsigned char>(b));
              });
  };
  for (auto& [key, value] : headers)
    if (same(key))
      return value;
  return {};
}

} // namespace karb::http
