#pragma once

// Reads typed values out of a YAML tree while tracking the key path, and
// collects every problem instead of stopping at the first. Unknown keys are
// errors: a misspelt limit must not silently fall back to its default.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/errors.hpp"
#include "messages/decimal.hpp"

namespace karb::config {

class yaml_reader {
public:
  yaml_reader(std::string file, config_errors& errors)
    : file_(std::move(file)), errors_(errors) {
    // nop
  }

  /// Records an error at `path`.
  void fail(const std::string& path, std::string message);

  /// True if `node` is a map; otherwise records an error (if present).
  bool expect_map(const YAML::Node& node, const std::string& path);
  /// The text of a map key into `out`; a key that is a list, a map or
  /// nothing records an error at `path` and returns false (yaml-cpp would
  /// throw on reading it as text).
  bool key_text(const YAML::Node& key, const std::string& path,
                std::string& out);
  /// Records every key of `map` that is not in `allowed`.
  void check_keys(const YAML::Node& map, const std::string& path,
                  std::initializer_list<std::string_view> allowed);

  // Each reads map[key] into `out` when present (leaving the default
  // otherwise, or recording "missing" when `required`).
  void read(const YAML::Node& map, const std::string& path, const char* key,
            std::string& out, bool required = false);
  void read(const YAML::Node& map, const std::string& path, const char* key,
            bool& out, bool required = false);
  void read(const YAML::Node& map, const std::string& path, const char* key,
            int64_t& out, bool required = false);
  void read(const YAML::Node& map, const std::string& path, const char* key,
            double& out, bool required = false);
  void read(const YAML::Node& map, const std::string& path, const char* key,
            decimal& out, bool required = false);
  void read(const YAML::Node& map, const std::string& path, const char* key,
            std::vector<std::string>& out, bool required = false);

  /// Range checks that record "out of range" with the allowed interval.
  void check_range(const std::string& path, int64_t value, int64_t lo,
                   int64_t hi);
  void check_range(const std::string& path, double value, double lo,
                   double hi);
  void check_range(const std::string& path, decimal value, decimal lo,
                   decimal hi);

  const std::string& file() const { return file_; }

private:
  /// Looks up map[key]; nullopt-like invalid node when absent.
  YAML::Node scalar(const YAML::Node& map, const std::string& path,
                    const char* key, bool required, const char* expected);

  std::string file_;
  config_errors& errors_;
};

/// "a.b" + "c" -> "a.b.c"
std::string join(const std::string& path, std::string_view key);

} // namespace karb::config
