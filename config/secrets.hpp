#pragma once

// Resolving venue keys: the environment variable named in the venue's
// config first, then the optional secrets file (YAML, mode 0600 or
// stricter). Values never appear in an error.

#include <functional>

#include "config/settings.hpp"
#include "config/yaml_reader.hpp"

namespace karb::config {

void resolve_venue_secrets(yaml_reader& r, settings& s,
                           const std::function<const char*(const char*)>& env);

} // namespace karb::config
