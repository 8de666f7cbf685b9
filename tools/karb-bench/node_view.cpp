#include "tools/karb-bench/node_view.hpp"

namespace karb::bench {

namespace {

using json = nlohmann::json;

latency_us lat_of(const json& h) {
  latency_us l;
  l.count = h.value("count", uint64_t{0});
  l.p50 = h.value("p50_ns", 0.0) / 1000.0;
  l.p90 = h.value("p90_ns", 0.0) / 1000.0;
  l.p99 = h.value("p99_ns", 0.0) / 1000.0;
  l.p999 = h.value("p999_ns", 0.0) / 1000.0;
  l.max = h.value("max_ns", 0.0) / 1000.0;
  return l;
}

/// `hop="name"` out of rendered labels.
std::string label(const std::string& labels, const std::string& key) {
  auto tag = key + "=\"";
  auto at = labels.find(tag);
  if (at == std::string::npos)
    return labels;
  at += tag.size();
  return labels.substr(at, labels.find('"', at) - at);
}

} // namespace

node_view parse_node_view(const std::string& reply,
                          std::chrono::steady_clock::time_point at) {
  node_view v;
  v.at = at;
  auto j = json::parse(reply, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.contains("error"))
    return v;
  v.ok = true;
  v.histograms = j.value("histograms", json::array());
  for (auto& b : j.value("books", json::array())) {
    if (!b.is_object() || !b.contains("frames"))
      continue;
    ++v.books;
    v.frames += b.value("frames", 0.0);
    v.applied += b.value("applied", 0.0);
    v.conflated += b.value("conflated", 0.0);
    v.mailbox_max = std::max(v.mailbox_max,
                             b.value("mailbox_max", uint64_t{0}));
    if (b.value("applied", 0.0) > 0)
      ++v.live_books;
  }
  return v;
}

void take_latencies(const node_view& v, latency_us& tick_to_order,
                    std::map<std::string, latency_us>& hops) {
  for (auto& h : v.histograms) {
    auto name = h.value("name", "");
    if (name == "karb_latency_tick_to_order_seconds")
      tick_to_order = lat_of(h);
    else if (name == "karb_latency_tick_to_order_unthrottled_seconds")
      hops["=tick_to_order_without_rate_limit_wait"] = lat_of(h);
    else if (name == "karb_latency_hop_seconds")
      hops[label(h.value("labels", ""), "hop")] = lat_of(h);
  }
}

} // namespace karb::bench
