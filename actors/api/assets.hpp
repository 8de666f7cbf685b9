#pragma once

// Files compiled into the node: the dashboard (every file of
// tools/dashboard/), Debian's Chart.js at /chart.min.js, and the OpenAPI
// document at /api/v1/openapi.json. cmake/embed_assets.cmake generates the
// table (embedded_files) in the build directory.

#include <optional>
#include <string_view>
#include <vector>

namespace karb::api {

struct embedded_file {
  std::string_view path;  ///< URL path, e.g. "/index.html"
  std::string_view body;
};

struct asset {
  std::string_view body;
  std::string_view content_type;
};

/// Every embedded file (generated).
const std::vector<embedded_file>& embedded_files();

/// The file served at `path`, if embedded.
std::optional<asset> find_asset(std::string_view path);

/// The content type for a file name's extension.
std::string_view content_type_of(std::string_view path);

} // namespace karb::api
