#pragma once

// Structured logging on spdlog: one JSON object per line to a rotating file
// (ts, level, component, event, trace_id, fields), and a readable line on
// the terminal. Both loggers are asynchronous, so no actor blocks on I/O.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "config/settings.hpp"

namespace karb::log {

enum class level { trace, debug, info, warn, error, critical };

/// Sets up the file logger (and a terminal logger when `console`).
/// Creates the log file's directory. Safe to call once per process.
void init(const config::log_settings& settings, bool console);
/// Flushes and drops the loggers (end of main).
void shutdown();

/// Writes one record. `fields` must be a JSON object (or null).
void write(level lvl, std::string_view component, std::string_view event,
           const nlohmann::json& fields = nullptr,
           std::string_view trace_id = {});

inline void info(std::string_view component, std::string_view event,
                 const nlohmann::json& fields = nullptr,
                 std::string_view trace_id = {}) {
  write(level::info, component, event, fields, trace_id);
}
inline void warn(std::string_view component, std::string_view event,
                 const nlohmann::json& fields = nullptr,
                 std::string_view trace_id = {}) {
  write(level::warn, component, event, fields, trace_id);
}
inline void error(std::string_view component, std::string_view event,
                  const nlohmann::json& fields = nullptr,
                  std::string_view trace_id = {}) {
  write(level::error, component, event, fields, trace_id);
}

// -- pure formatting (tested alone) ---------------------------------------------

/// {"ts":"2026-11-21T06:22:52.123Z","level":"info","component":...,
///  "event":...,"trace_id":...,"fields":{...}}
std::string format_json(int64_t unix_ns, level lvl, std::string_view component,
                        std::string_view event, const nlohmann::json& fields,
                        std::string_view trace_id);
/// "component event key=value key=value [trace]"
std::string format_text(std::string_view component, std::string_view event,
                        const nlohmann::json& fields,
                        std::string_view trace_id);
std::string to_string(level lvl);

} // namespace karb::log
