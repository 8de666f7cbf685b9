#pragma once

// JSON forms of the node's status types for the inspector (pure).

#include <vector>

#include <nlohmann/json.hpp>

#include "messages/admin.hpp"
#include "messages/events.hpp"

namespace karb::inspector {

nlohmann::json to_json(const child_status& x);
nlohmann::json to_json(const node_status& x);
nlohmann::json to_json(const venue_status& x);
nlohmann::json to_json(const event& x);

/// {"error": message}
std::string error_reply(const std::string& message);

} // namespace karb::inspector
