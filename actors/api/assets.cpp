#include "actors/api/assets.hpp"

#include <array>
#include <utility>

namespace karb::api {

std::string_view content_type_of(std::string_view path) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>,
                              10>
    types{{{".html", "text/html; charset=utf-8"},
           {".js", "text/javascript; charset=utf-8"},
           {".mjs", "text/javascript; charset=utf-8"},
           {".css", "text/css; charset=utf-8"},
           {".json", "application/json"},
           {".svg", "image/svg+xml"},
           {".png", "image/png"},
           {".ico", "image/x-icon"},
           {".txt", "text/plain; charset=utf-8"},
           {".woff2", "font/woff2"}}};
  for (auto& [ext, type] : types)
    if (path.size() >= ext.size()
        && path.substr(path.size() - ext.size()) == ext)
      return type;
  return "application/octet-stream";
}

std::optional<asset> find_asset(std::string_view path) {
  for (auto& f : embedded_files())
    if (f.path == path)
      return asset{f.body, content_type_of(path)};
  return std::nullopt;
}

} // namespace karb::api
