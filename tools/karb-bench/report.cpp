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

/// The change of p99 from the quiet window to the loaded one, in %.
double p99_change_pct(const latency_us& quiet, const latency_us& loaded) {
  return quiet.p99 > 0 ? 100.0 * (loaded.p99 - quiet.p99) / quiet.p99 : 0;
}

void api_rows(std::ostream& o, const api_load_result& a) {
  o << "API load (issue 17: p99 moves < 10 %):\n";
  o << row("quiet: tick-to-order p50/p99",
           num(a.quiet.p50, "/", 0) + num(a.quiet.p99, "us", 0), "", -1);
  o << row("loaded: tick-to-order p50/p99",
           num(a.loaded.p50, "/", 0) + num(a.loaded.p99, "us", 0), "", -1);
  o << row("quiet: without rate-limit wait p50/p99",
           num(a.quiet_own.p50, "/", 0) + num(a.quiet_own.p99, "us", 0), "",
           -1);
  o << row("loaded: without rate-limit wait p50/p99",
           num(a.loaded_own.p50, "/", 0) + num(a.loaded_own.p99, "us", 0),
           "", -1);
  o << row("samples quiet / loaded",
           std::to_string(a.quiet.count) + " / "
             + std::to_string(a.loaded.count), "", -1);
  auto change = p99_change_pct(a.quiet_own, a.loaded_own);
  o << row("p99 change without rate-limit wait", num(change, "%"), "< 10 %",
           a.quiet_own.count > 0 && a.loaded_own.count > 0 && change < 10);
  o << row("p99 change with it", num(p99_change_pct(a.quiet, a.loaded), "%"),
           "", -1);
  o << row("REST replies 200 / failed",
           std::to_string(a.load.rest_ok) + " / "
             + std::to_string(a.load.rest_failed), "", -1);
  o << row("REST replies per second", num(a.load.rest_per_s, "/s", 0),
           ">= 1000/s", a.load.rest_per_s >= 990);
  o << row("WebSocket clients live / messages",
           std::to_string(a.load.ws_connected) + " / "
             + std::to_string(a.load.ws_messages), "", -1);
  o << row("karb CPU quiet / loaded",
           num(a.quiet_cpu_pct, "/", 0) + num(a.loaded_cpu_pct, "%", 0), "",
           -1);
}

nlohmann::json api_json(const api_load_result& a) {
  if (!a.ran)
    return nullptr;
  return {{"quiet_tick_to_order_us", lat_json(a.quiet)},
          {"loaded_tick_to_order_us", lat_json(a.loaded)},
          {"quiet_without_rate_limit_wait_us", lat_json(a.quiet_own)},
          {"loaded_without_rate_limit_wait_us", lat_json(a.loaded_own)},
          {"p99_change_pct", p99_change_pct(a.quiet_own, a.loaded_own)},
          {"p99_change_with_rate_limit_wait_pct",
           p99_change_pct(a.quiet, a.loaded)},
          {"quiet_cpu_pct", a.quiet_cpu_pct},
          {"loaded_cpu_pct", a.loaded_cpu_pct},
          {"rest_sent", a.load.rest_sent},
          {"rest_ok", a.load.rest_ok},
          {"rest_failed", a.load.rest_failed},
          {"rest_per_s", a.load.rest_per_s},
          {"ws_clients_live", a.load.ws_connected},
          {"ws_messages", a.load.ws_messages},
          {"ws_mb", a.load.ws_mb}};
}

/// Tick-to-order against its targets, then every hop.
template <class Latency, class Hops>
void latency_rows(std::ostream& o, const Latency& t, const Hops& hops) {
  o << row("tick-to-order samples", std::to_string(t.count), "", -1);
  o << row("tick-to-order p50", num(t.p50, "us"), "< 20 us",
           t.count > 0 && t.p50 < target_p50_us);
  o << row("tick-to-order p99", num(t.p99, "us"), "< 100 us",
           t.count > 0 && t.p99 < target_p99_us);
  o << row("tick-to-order p99.9", num(t.p999, "us"), "", -1);
  for (auto& [hop, l] : hops)
    o << row(("hop " + hop + " p50 / p99").c_str(),
             num(l.p50, "/", 1) + num(l.p99, "us"), "", -1);
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
  latency_rows(o, t, r.hops);
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
  if (r.api.ran)
    api_rows(o, r.api);
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
    {"api_load", api_json(r.api)},
    {"targets",
     {{"tick_to_order_p50_us", target_p50_us},
      {"tick_to_order_p99_us", target_p99_us},
      {"updates_per_s", target_updates},
      {"rss_mb", target_rss_mb}}},
    {"notes", r.notes}};
}

namespace {

nlohmann::json replay_phase_json(const replay_phase& p) {
  return {{"seconds", p.seconds},
          {"target_per_s", p.target_per_s},
          {"delivered", p.delivered},
          {"skipped", p.skipped},
          {"delivered_per_s", p.delivered_per_s},
          {"decoded_per_s", p.decoded_per_s},
          {"applied_per_s", p.applied_per_s},
          {"conflated_per_s", p.conflated_per_s},
          {"cpu_pct", p.cpu_pct},
          {"cpu_us_per_frame", p.cpu_us_per_frame},
          {"allocs_per_frame", p.allocs_per_frame},
          {"alloc_bytes_per_frame", p.alloc_bytes_per_frame},
          {"allocs_per_applied", p.allocs_per_applied},
          {"rss_mb", p.rss_mb},
          {"rss_slope_mb_per_s", p.rss_slope_mb_s},
          {"mailbox_max", p.mailbox_max},
          {"orders", p.orders}};
}

std::string allocs(double x) {
  if (x < 0)
    return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

} // namespace

std::string render_table(const replay_results& r) {
  std::ostringstream o;
  auto& t = r.tick_to_order;
  o << "karb-bench replay" << (r.quick ? " (quick)" : "") << " on "
    << r.cpu_model << ", " << r.cores << " cores, load average " << r.loadavg
    << "\n"
    << "  tape " << r.tape_path << ": " << r.tape_frames << " frames ("
    << r.tape_distinct << " distinct, "
    << num(r.tape_mb, "MB in memory", 1) << "), "
    << r.tape_header.value("opportunities", 0) << " opportunities a pass; "
    << "node scheduler " << r.scheduler << " x" << r.threads << "\n";
  char head[160];
  std::snprintf(head, sizeof head, "  %-34s %22s  %-14s %s\n", "measure",
                "value", "target", "");
  o << head;
  for (const auto* p : {&r.paced, &r.max}) {
    auto pre = p->name + ": ";
    auto label = [&](const char* what) { return pre + what; };
    o << row(label("frames delivered").c_str(),
             std::to_string(p->delivered) + " in "
               + num(p->seconds, "s", 1),
             "", -1);
    o << row(label("delivered").c_str(), num(p->delivered_per_s, "/s", 0),
             p->target_per_s > 0 ? num(p->target_per_s, "/s", 0) : "", -1);
    o << row(label("decoded").c_str(), num(p->decoded_per_s, "/s", 0), "",
             -1);
    bool headline = p == &r.max;
    o << row(label(headline ? "applied (headline)" : "applied").c_str(),
             num(p->applied_per_s, "/s", 0), headline ? ">= 200000/s" : "",
             headline ? int(p->applied_per_s >= target_updates) : -1);
    o << row(label("conflated").c_str(), num(p->conflated_per_s, "/s", 0),
             "", -1);
    o << row(label("process CPU").c_str(), num(p->cpu_pct, "%"), "", -1);
    o << row(label("node CPU us per decoded frame").c_str(),
             num(p->cpu_us_per_frame, "us", 2), "", -1);
    o << row(label("allocations per decoded frame").c_str(),
             allocs(p->allocs_per_frame) + " ("
               + allocs(p->alloc_bytes_per_frame) + " B)",
             "", -1);
    o << row(label("allocations per applied frame").c_str(),
             allocs(p->allocs_per_applied), "", -1);
    o << row(label("RSS at end / slope").c_str(),
             num(p->rss_mb, "MB /", 1) + " "
               + num(p->rss_slope_mb_s * 1000, "KB/s", 1),
             "", -1);
    o << row(label("book mailbox max / orders").c_str(),
             std::to_string(p->mailbox_max) + " / "
               + std::to_string(p->orders),
             "", -1);
  }
  latency_rows(o, t, r.hops);
  o << row("RSS peak (VmHWM, with the tape)", num(r.rss_peak_mb, "MB"),
           "< 200 MB", r.rss_peak_mb > 0 && r.rss_peak_mb < target_rss_mb);
  o << row("REST requests / errors / orders",
           std::to_string(r.requests) + " / " + std::to_string(r.http_errors)
             + " / " + std::to_string(r.orders),
           "", -1);
  if (!r.notes.empty())
    o << "notes: " << r.notes << "\n";
  return o.str();
}

nlohmann::json to_json(const replay_results& r) {
  nlohmann::json hops = nlohmann::json::object();
  for (auto& [hop, l] : r.hops)
    hops[hop] = lat_json(l);
  return {
    {"mode", "replay"},
    {"command", r.command},
    {"quick", r.quick},
    {"machine",
     {{"cpu_model", r.cpu_model}, {"cores", r.cores},
      {"loadavg", r.loadavg}}},
    {"tape",
     {{"path", r.tape_path}, {"frames", r.tape_frames},
      {"distinct_frames", r.tape_distinct}, {"mb", r.tape_mb},
      {"header", r.tape_header}}},
    {"scheduler", r.scheduler},
    {"threads", r.threads},
    {"frames_delivered", r.paced.delivered + r.max.delivered},
    {"updates_per_s", r.max.applied_per_s},
    {"decoded_per_s", r.max.decoded_per_s},
    {"applied_per_s", r.max.applied_per_s},
    {"cpu_us_per_frame", r.max.cpu_us_per_frame},
    {"allocs_per_frame", r.max.allocs_per_frame},
    {"allocs_counted", r.allocs_counted},
    {"tick_to_order_us", lat_json(r.tick_to_order)},
    {"hops_us", hops},
    {"rss_mb", r.rss_peak_mb},
    {"phases",
     {{"paced", replay_phase_json(r.paced)},
      {"max", replay_phase_json(r.max)}}},
    {"orders", r.orders},
    {"requests", r.requests},
    {"http_errors", r.http_errors},
    {"private_frames", r.private_frames},
    {"unrouted_frames", r.unrouted},
    {"targets",
     {{"tick_to_order_p50_us", target_p50_us},
      {"tick_to_order_p99_us", target_p99_us},
      {"updates_per_s", target_updates},
      {"rss_mb", target_rss_mb}}},
    {"notes", r.notes}};
}

} // namespace karb::bench
