#pragma once

// The running configuration as the API's `config` topic (pure): every
// section as JSON, every secret (API keys, passphrases, the webhook URL,
// which carries its token) as "***" whatever it holds. Decimals are
// strings.

#include <nlohmann/json.hpp>

#include "config/settings.hpp"

namespace karb::api {

/// The text every secret shows as.
inline constexpr const char* masked = "***";

nlohmann::json config_json(const config::settings& cfg);

} // namespace karb::api
