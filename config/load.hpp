#pragma once

// Loading and validating the node's YAML configuration. A file with any
// problem is refused whole; every problem is reported with the file, the
// key path and what is wrong.

#include <functional>
#include <optional>
#include <string>

#include "config/errors.hpp"
#include "config/settings.hpp"

namespace karb::config {

/// Looks up an environment variable; nullptr when unset.
using env_lookup = std::function<const char*(const char*)>;

struct load_result {
  std::optional<settings> value;  ///< set only when `errors` is empty
  config_errors errors;
};

/// Parses, validates and resolves secrets (environment first, then the
/// secrets file named by node.secrets_file, which must be mode 0600).
/// With `resolve_secrets = false` the secret checks are skipped.
load_result load(const std::string& file, const env_lookup& env = {},
                 bool resolve_secrets = true);

/// The same from YAML text (`file` names it in errors).
load_result load_text(const std::string& text, const std::string& file,
                      const env_lookup& env = {}, bool resolve_secrets = true);

} // namespace karb::config
