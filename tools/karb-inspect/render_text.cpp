#include "tools/karb-inspect/render_text.hpp"

#include <cstdio>
#include <sstream>

namespace karb::inspect_cli {

namespace {

std::string uptime(int64_t ms) {
  auto s = ms / 1000;
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%lldh %02lldm %02llds",
                static_cast<long long>(s / 3600),
                static_cast<long long>(s / 60 % 60),
                static_cast<long long>(s % 60));
  return buf;
}

std::string actors_table(const nlohmann::json& children) {
  std::ostringstream out;
  char line[256];
  std::snprintf(line, sizeof(line), "%-24s %-10s %-14s %8s %8s %-10s\n",
                "NAME", "KIND", "STATE", "RESTARTS", "FAILURES", "BREAKER");
  out << line;
  for (auto& c : children) {
    std::snprintf(line, sizeof(line), "%-24s %-10s %-14s %8lld %8lld %-10s\n",
                  c.value("name", "").c_str(), c.value("kind", "").c_str(),
                  c.value("state", "").c_str(),
                  static_cast<long long>(c.value("restarts", 0)),
                  static_cast<long long>(c.value("consecutive_failures", 0)),
                  c.value("breaker", "").c_str());
    out << line;
  }
  return out.str();
}

} // namespace

std::string render_text(const std::string& command, const nlohmann::json& j) {
  if (command == "status" && j.contains("node")) {
    std::ostringstream out;
    out << "node    " << j.value("node", "") << '\n'
        << "uptime  " << uptime(j.value("uptime_ms", int64_t{0})) << '\n'
        << '\n'
        << actors_table(j["children"]);
    return out.str();
  }
  if (command == "actors" && j.contains("actors"))
    return actors_table(j["actors"]);
  if (command == "events" && j.contains("events")) {
    std::ostringstream out;
    for (auto& e : j["events"])
      out << e.value("ts_ns", int64_t{0}) << "  " << e.value("source", "")
          << "  " << e.value("type", "") << "  " << e["data"].dump() << '\n';
    return out.str();
  }
  return j.dump(2) + "\n";
}

} // namespace karb::inspect_cli
