#pragma once

// Resolving venue keys and the API token: the environment variable named
// in the config first, then the optional secrets file (YAML, mode 0600 or
// stricter: `venues: {name: {access_key, ...}}`, `api_token: ...`). Values
// never appear in an error.

#include <functional>

#include "config/settings.hpp"
#include "config/yaml_reader.hpp"

namespace karb::config {

void resolve_secrets(yaml_reader& r, settings& s,
                     const std::function<const char*(const char*)>& env);

} // namespace karb::config
