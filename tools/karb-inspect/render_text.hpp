#pragma once

// Readable terminal output for the inspector's JSON replies.

#include <string>

#include <nlohmann/json.hpp>

namespace karb::inspect_cli {

/// Renders a reply of `command` for people; unknown shapes print as
/// indented JSON.
std::string render_text(const std::string& command, const nlohmann::json& j);

} // namespace karb::inspect_cli
