#include "tools/karb-bench/report.hpp"

#include <cstdio>
#include <sstream>

namespace karb::bench {

namespace {

constexpr double target_p50_us = 20;
constexpr double target_p99_us = 100;
constexpr double target_updates = 200'000;
constexpr double target_rss_mb = 200;

std::string row(const char* what, const std::string& value,
                const std::string& target, int verdict) {
  char buf[256];
  const char* v = verdict < 0 ? "" : verdict ? "met" : "MISSED";
  std::snprintf(buf, sizeof buf, "  %-34s %22s  %-14s %s\n", what,
                value.c_str(), target.c_str(), v);
  return buf;
}

std::string num(double x, const char* unit, int decimals = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f %s", decimals, x, unit);
  return buf;
}

nlohmann::json lat_json(const latency_us& l) {
  return {{"count", l.count}, {"p50", l.p50},   {"p90", l.p90},
          {"p99", l.p99},     {"p999", l.p999}, {"max", l.max}};
}

nlohmann::json rtt_json(const rtt_summary& s) {
  return {{"count", s.count}, {"p50", s.p50_us}, {"p99", s.p99_us},
          {"p999", s.p999_us}};
}

nlohmann::json phase_json(const phase_result& p) {
  return {{"seconds", p.seconds},
          {"offered_per_s", p.offered_per_s},
          {"decoded_per_s", p.decoded_per_s},
          {"applied_per_s", p.applied_per_s},
          {"conflated_per_s", p.conflated_per_s},
          {"cpu_pct", p.cpu_pct},
          {"cpu_us_per_frame", p.cpu_us_per_frame},
          {"rss_mb", p.rss_mb},
          {"rss_slope_mb_per_s", p.rss_slope_mb_s},
          {"mailbox_max", p.mailbox_max}};
}

} // namespace

std::string render_table(const results& r) {
  std::ostringstream o;
  auto& t = r.tick_to_order;
  o << "karb-bench" << (r.quick ? " (quick)" : "") << " on " << r.cpu_model
    << ", " << r.cores << " cores, load average " << r.loadavg << "\n";
  char head[160];
  std::snprintf(head, sizeof head, "  %-34s %22s  %-14s %s\n", "measure",
                "value", "target", "");
  o << head;
  o << row("baseline TCP RTT p50 / p99",
           num(r.tcp.p50_us, "/", 1) + num(r.tcp.p99_us, "us"), "", -1);
  o << row("baseline WebSocket RTT p50 / p99",
           num(r.ws.p50_us, "/", 1) + num(r.ws.p99_us, "us"), "", -1);
  o << row("tick-to-order samples", std::to_string(t.count), "", -1);
  o << row("tick-to-order p50", num(t.p50, "us"), "< 20 us",
           t.count > 0 && t.p50 < target_p50_us);
  o << row("tick-to-order p99", num(t.p99, "us"), "< 100 us",
           t.count > 0 && t.p99 < target_p99_us);
  o << row("tick-to-order p99.9", num(t.p999, "us"), "", -1);
  for (auto& [hop, l] : r.hops)
    o << row(("hop " + hop + " p50 / p99").c_str(),
             num(l.p50, "/", 1) + num(l.p99, "us"), "", -1);
  o << row("rate phase: offered", num(r.rate.offered_per_s, "/s", 0), "", -1);
  o << row("rate phase: applied", num(r.rate.applied_per_s, "/s", 0), "", -1);
  o << row("rate phase: karb CPU", num(r.rate.cpu_pct, "%"), "", -1);
  o << row("rate phase: RSS slope",
           num(r.rate.rss_slope_mb_s * 1000, "KB/s", 1), "", -1);
  o << row("max phase: offered by sim", num(r.max.offered_per_s, "/s", 0), "",
           -1);
  o << row("max phase: decoded", num(r.max.decoded_per_s, "/s", 0), "", -1);
  o << row("max phase: applied (headline)",
           num(r.max.applied_per_s, "/s", 0), ">= 200000/s",
           r.max.applied_per_s >= target_updates);
  o << row("max phase: conflated", num(r.max.conflated_per_s, "/s", 0), "",
           -1);
  o << row("max phase: karb CPU", num(r.max.cpu_pct, "%"), "", -1);
  o << row("node CPU us per decoded frame (rate/max)",
           num(r.rate.cpu_us_per_frame, "/", 1)
             + num(r.max.cpu_us_per_frame, "us"),
           "", -1);
  o << row("book mailbox max (rate / max)",
           std::to_string(r.rate.mailbox_max) + " / "
             + std::to_string(r.max.mailbox_max),
           "", -1);
  o << row("karb RSS peak (VmHWM)", num(r.rss_peak_mb, "MB"), "< 200 MB",
           r.rss_peak_mb > 0 && r.rss_peak_mb < target_rss_mb);
  o << row("orders received by the sim", std::to_string(r.orders), "", -1);
  if (!r.notes.empty())
    o << "notes: " << r.notes << "\n";
  return o.str();
}

nlohmann::json to_json(const results& r) {
  nlohmann::json hops = nlohmann::json::object();
  for (auto& [hop, l] : r.hops)
    hops[hop] = lat_json(l);
  auto t = lat_json(r.tick_to_order);
  return {
    {"command", r.command},
    {"quick", r.quick},
    {"machine",
     {{"cpu_model", r.cpu_model}, {"cores", r.cores},
      {"loadavg", r.loadavg}}},
    {"tick_to_order_us", t},
    {"hops_us", hops},
    {"updates_per_s", r.max.applied_per_s},
    {"decoded_per_s", r.max.decoded_per_s},
    {"applied_per_s", r.max.applied_per_s},
    {"conflated_per_s", r.max.conflated_per_s},
    {"offered_per_s", r.max.offered_per_s},
    {"rss_mb", r.rss_peak_mb},
    {"cpu_pct", r.max.cpu_pct},
    {"cpu_us_per_frame", r.max.cpu_us_per_frame},
    {"baseline_tcp_rtt_us", rtt_json(r.tcp)},
    {"baseline_ws_rtt_us", rtt_json(r.ws)},
    {"phases", {{"rate", phase_json(r.rate)}, {"max", phase_json(r.max)}}},
    {"orders", r.orders},
    {"targets",
     {{"tick_to_order_p50_us", target_p50_us},
      {"tick_to_order_p99_us", target_p99_us},
      {"updates_per_s", target_updates},
      {"rss_mb", target_rss_mb}}},
    {"notes", r.notes}};
}

} // namespace karb::bench
