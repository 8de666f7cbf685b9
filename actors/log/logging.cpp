#include "actors/log/logging.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>

#include <spdlog/async.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "actors/common/clock.hpp"

namespace karb::log {

namespace {

std::shared_ptr<spdlog::logger> file_logger;
std::shared_ptr<spdlog::logger> console_logger;

spdlog::level::level_enum to_spd(level l) {
  switch (l) {
    case level::trace:
      return spdlog::level::trace;
    case level::debug:
      return spdlog::level::debug;
    case level::info:
      return spdlog::level::info;
    case level::warn:
      return spdlog::level::warn;
    case level::error:
      return spdlog::level::err;
    case level::critical:
      return spdlog::level::critical;
  }
  return spdlog::level::info;
}

std::string iso_utc(int64_t unix_ns) {
  auto secs = static_cast<std::time_t>(unix_ns / 1'000'000'000);
  auto ms = (unix_ns / 1'000'000) % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

} // namespace

std::string to_string(level lvl) {
  switch (lvl) {
    case level::trace:
      return "trace";
    case level::debug:
      return "debug";
    case level::info:
      return "info";
    case level::warn:
      return "warn";
    case level::error:
      return "error";
    case level::critical:
      return "critical";
  }
  return "info";
}

std::string format_json(int64_t unix_ns, level lvl, std::string_view component,
                        std::string_view event, const nlohmann::json& fields,
                        std::string_view trace_id) {
  nlohmann::ordered_json j;
  j["ts"] = iso_utc(unix_ns);
  j["level"] = to_string(lvl);
  j["component"] = component;
  j["event"] = event;
  j["trace_id"] = trace_id;
  j["fields"] = fields.is_object() ? nlohmann::ordered_json(fields)
                                   : nlohmann::ordered_json::object();
  // Replace invalid UTF-8 rather than throwing on hostile venue text.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string format_text(std::string_view component, std::string_view event,
                        const nlohmann::json& fields,
                        std::string_view trace_id) {
  std::string out{component};
  out += ' ';
  out += event;
  if (fields.is_object())
    for (auto& [k, v] : fields.items()) {
      out += ' ';
      out += k;
      out += '=';
      out += v.is_string() ? v.get<std::string>()
                           : v.dump(-1, ' ', false,
                                    nlohmann::json::error_handler_t::replace);
    }
  if (!trace_id.empty()) {
    out += " [";
    out += trace_id;
    out += ']';
  }
  return out;
}

void init(const config::log_settings& settings, bool console) {
  spdlog::init_thread_pool(8192, 1);
  auto lvl = spdlog::level::from_str(settings.level);
  if (!settings.file.empty()) {
    auto parent = std::filesystem::path{settings.file}.parent_path();
    if (!parent.empty())
      std::filesystem::create_directories(parent);
    auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
      settings.file, static_cast<size_t>(settings.max_size_mb) * 1024 * 1024,
      static_cast<size_t>(settings.max_files));
    file_logger = std::make_shared<spdlog::async_logger>(
      "karb.file", sink, spdlog::thread_pool(),
      spdlog::async_overflow_policy::block);
    file_logger->set_pattern("%v");
    file_logger->set_level(lvl);
    file_logger->flush_on(spdlog::level::warn);
  }
  if (console) {
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    console_logger = std::make_shared<spdlog::async_logger>(
      "karb.console", sink, spdlog::thread_pool(),
      spdlog::async_overflow_policy::block);
    console_logger->set_pattern("%H:%M:%S.%e %^%-5l%$ %v");
    console_logger->set_level(lvl);
  }
  // flush_every only reaches registered loggers: without this, info lines
  // sat in the file's buffer until a warning or the shutdown (and were lost
  // on a crash).
  for (auto& l : {file_logger, console_logger})
    if (l) {
      spdlog::drop(l->name());
      spdlog::register_logger(l);
    }
  spdlog::flush_every(std::chrono::seconds{1});
}

void shutdown() {
  if (file_logger)
    file_logger->flush();
  if (console_logger)
    console_logger->flush();
  file_logger.reset();
  console_logger.reset();
  spdlog::shutdown();
}

void write(level lvl, std::string_view component, std::string_view event,
           const nlohmann::json& fields, std::string_view trace_id) {
  auto spd = to_spd(lvl);
  if (file_logger && file_logger->should_log(spd)) {
    file_logger->log(spd, "{}", format_json(wall_ns(), lvl, component, event,
                                            fields, trace_id));
  }
  if (console_logger && console_logger->should_log(spd))
    console_logger->log(spd, "{}",
                        format_text(component, event, fields, trace_id));
}

} // namespace karb::log
