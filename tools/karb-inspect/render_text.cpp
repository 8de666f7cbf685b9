#include "tools/karb-inspect/render_text.hpp"

#include <cstdio>
#include <sstream>

#include "tools/karb-inspect/table.hpp"

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
  table t{{"NAME", "KIND", "STATE", "RESTARTS", "FAILURES", "BREAKER"}};
  for (auto& c : children)
    t.add({cell(c, "name"), cell(c, "kind"), cell(c, "state"),
           cell(c, "restarts"), cell(c, "consecutive_failures"),
           cell(c, "breaker")});
  return t.render();
}

/// The actor tree, one line per actor, indented by depth.
void tree_lines(const nlohmann::json& x, int depth, std::ostringstream& out) {
  out << std::string(static_cast<size_t>(depth) * 2, ' ') << cell(x, "name")
      << "  [" << cell(x, "kind") << "]  " << cell(x, "state");
  if (x.contains("venue"))
    out << "  " << cell(x, "venue");
  if (x.contains("error"))
    out << "  error: " << cell(x, "error");
  out << '\n';
  if (x.contains("children"))
    for (auto& c : x["children"])
      tree_lines(c, depth + 1, out);
}

std::string venues_table(const nlohmann::json& venues) {
  table t{{"VENUE", "FEED", "PRIVATE", "BREAKER", "RECONNECTS", "FRAMES",
           "REST", "REST_ERRORS"}};
  for (auto& v : venues) {
    if (v.contains("error")) {
      t.add({cell(v, "venue"), "error: " + cell(v, "error")});
      continue;
    }
    t.add({cell(v, "venue"), cell(v, "feed"), cell(v, "private"),
           cell(v, "breaker"), cell(v, "reconnects"), cell(v, "frames"),
           cell(v, "rest_requests"), cell(v, "rest_errors")});
  }
  return t.render();
}

std::string control_reply(const nlohmann::json& j) {
  std::ostringstream out;
  if (j.contains("risk")) {
    auto& r = j["risk"];
    out << cell(j, "command") << ": trading "
        << (r.value("halted", false) ? "HALTED (" + cell(r, "halt_reason") + ")"
                                     : std::string{"running"})
        << '\n';
  }
  if (j.contains("flatten")) {
    auto& f = j["flatten"];
    out << cell(j, "command") << ": trading HALTED (" << cell(f, "reason")
        << "); " << cell(f, "orders_cancelled") << " orders cancelled, "
        << cell(f, "positions_closed") << " positions closed in "
        << cell(f, "elapsed_ms") << " ms\n";
    if (f.contains("remaining") && !f["remaining"].empty())
      for (auto& x : f["remaining"])
        out << "STILL OPEN: " << x.get<std::string>() << '\n';
    else
      out << "flat\n";
  }
  if (j.contains("order_id"))
    out << "cancel " << cell(j, "order_id") << ": " << cell(j, "result")
        << '\n';
  if (j.contains("trades_stopped"))
    out << "cancel-all: " << cell(j, "orders_cancelled")
        << " orders asked to cancel, " << cell(j, "trades_stopped")
        << " trades stopped\n";
  if (j.contains("strategies"))
    for (auto& s : j["strategies"])
      out << cell(s, "id") << "  "
          << (s.contains("error") ? "error: " + cell(s, "error")
                                  : cell(s, "state"))
          << '\n';
  return out.str();
}

} // namespace

std::string cell(const nlohmann::json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || j[key].is_null())
    return "-";
  auto& x = j[key];
  return x.is_string() ? x.get<std::string>() : x.dump();
}

std::string duration_ns(uint64_t ns) {
  char buf[32];
  if (ns < 1000)
    std::snprintf(buf, sizeof(buf), "%llu ns",
                  static_cast<unsigned long long>(ns));
  else if (ns < 1'000'000)
    std::snprintf(buf, sizeof(buf), "%.1f us", static_cast<double>(ns) / 1e3);
  else if (ns < 1'000'000'000)
    std::snprintf(buf, sizeof(buf), "%.1f ms", static_cast<double>(ns) / 1e6);
  else
    std::snprintf(buf, sizeof(buf), "%.2f s", static_cast<double>(ns) / 1e9);
  return buf;
}

std::string render_text(const std::string& command, const nlohmann::json& j) {
  if (command == "status" && j.contains("node")) {
    std::ostringstream out;
    out << "node    " << j.value("node", "") << '\n'
        << "uptime  " << uptime(j.value("uptime_ms", int64_t{0})) << '\n'
        << '\n'
        << actors_table(j["children"]);
    if (j.contains("venues") && !j["venues"].empty())
      out << '\n' << venues_table(j["venues"]);
    return out.str();
  }
  if (command == "actors" && j.contains("tree")) {
    std::ostringstream out;
    tree_lines(j["tree"], 0, out);
    if (j.contains("note"))
      out << "\n(" << cell(j, "note") << ")\n";
    return out.str();
  }
  if (command == "events" && j.contains("events")) {
    std::ostringstream out;
    for (auto& e : j["events"])
      out << e.value("ts_ns", int64_t{0}) << "  " << e.value("source", "")
          << "  " << e.value("type", "") << "  " << e["data"].dump() << '\n';
    return out.str();
  }
  if (command == "book" && j.contains("bids"))
    return render_book(j);
  if (command == "strategies" && j.contains("strategies"))
    return render_strategies(j);
  if (command == "orders" && j.contains("orders"))
    return render_orders(j);
  if (command == "trades" && j.contains("recent"))
    return render_trades(j);
  if (command == "risk" && j.contains("halted"))
    return render_risk(j);
  if (command == "balances" && j.contains("balances"))
    return render_balances(j);
  if (command == "latency" && j.contains("books"))
    return render_latency(j);
  if (command == "reload" && j.contains("result"))
    return j["result"].get<std::string>() + "\n";
  if ((command == "halt" || command == "emergency-stop" || command == "resume"
       || command == "strategy" || command == "cancel"
       || command == "cancel-all")
      && j.contains("command"))
    return control_reply(j);
  return j.dump(2) + "\n";
}

} // namespace karb::inspect_cli
