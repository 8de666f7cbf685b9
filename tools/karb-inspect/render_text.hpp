#pragma once

// Readable terminal output for the inspector's JSON replies.

#include <string>

#include <nlohmann/json.hpp>

namespace karb::inspect_cli {

/// Renders a reply of `command` for people; unknown shapes print as
/// indented JSON.
std::string render_text(const std::string& command, const nlohmann::json& j);

// -- helpers shared by the renderers (render_text.cpp) ------------------------

/// A field as text: strings as they are, numbers and booleans as JSON,
/// absent or null as "-".
std::string cell(const nlohmann::json& j, const char* key);
/// Nanoseconds for people: "850 ns", "12.3 us", "4.5 ms", "1.20 s".
std::string duration_ns(uint64_t ns);

// -- trading replies (render_trading_text.cpp) --------------------------------

std::string render_book(const nlohmann::json& j);
std::string render_strategies(const nlohmann::json& j);
std::string render_orders(const nlohmann::json& j);
std::string render_trades(const nlohmann::json& j);
std::string render_risk(const nlohmann::json& j);
std::string render_balances(const nlohmann::json& j);
std::string render_latency(const nlohmann::json& j);

} // namespace karb::inspect_cli
