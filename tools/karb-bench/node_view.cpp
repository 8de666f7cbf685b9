#include "tools/karb-bench/node_view.hpp"

#include <cmath>
#include <iterator>
#include <set>
#include <vector>

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

/// The non-empty buckets of histogram `name`: upper bound (ns) ->
/// cumulative count.
std::map<uint64_t, uint64_t> buckets_of(const node_view& v,
                                        const std::string& name) {
  std::map<uint64_t, uint64_t> out;
  for (auto& h : v.histograms)
    if (h.value("name", "") == name)
      for (auto& b : h.value("buckets", json::array()))
        out[b.at(0).get<uint64_t>()] = b.at(1).get<uint64_t>();
  return out;
}

/// Cumulative count at `bound` of a sparse cumulative map.
uint64_t cumulative_at(const std::map<uint64_t, uint64_t>& m, uint64_t bound) {
  auto i = m.upper_bound(bound);
  return i == m.begin() ? 0 : std::prev(i)->second;
}

} // namespace

latency_us latency_between(const node_view& before, const node_view& after,
                           const std::string& name) {
  auto b0 = buckets_of(before, name);
  auto b1 = buckets_of(after, name);
  // The window's cumulative count at every bound either view has.
  std::vector<std::pair<uint64_t, uint64_t>> window;
  std::set<uint64_t> bounds;
  for (auto& [ub, _] : b0)
    bounds.insert(ub);
  for (auto& [ub, _] : b1)
    bounds.insert(ub);
  for (auto ub : bounds)
    window.emplace_back(ub, cumulative_at(b1, ub) - cumulative_at(b0, ub));
  latency_us l;
  l.count = window.empty() ? 0 : window.back().second;
  if (l.count == 0)
    return l;
  auto at = [&](double p) {
    auto rank = static_cast<uint64_t>(
      std::ceil(p / 100.0 * static_cast<double>(l.count)));
    for (auto& [ub, cum] : window)
      if (cum >= std::max<uint64_t>(rank, 1))
        return static_cast<double>(ub) / 1000.0;
    return static_cast<double>(window.back().first) / 1000.0;
  };
  l.p50 = at(50);
  l.p90 = at(90);
  l.p99 = at(99);
  l.p999 = at(99.9);
  l.max = at(100);
  return l;
}

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
