#include "actors/metrics/registry.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace karb::metrics {

namespace {

// Bucket bounds for latency histograms, in nanoseconds: 1 µs .. 10 s.
const std::vector<uint64_t> latency_bounds_ns{
  1'000,       2'500,       5'000,         10'000,        25'000,
  50'000,      100'000,     250'000,       500'000,       1'000'000,
  2'500'000,   5'000'000,   10'000'000,    25'000'000,    50'000'000,
  100'000'000, 250'000'000, 1'000'000'000, 10'000'000'000};

std::string number(double x) {
  if (std::isnan(x))
    return "NaN";
  if (std::isinf(x))
    return x > 0 ? "+Inf" : "-Inf";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.17g", x);
  return buf;
}

// Bucket bounds in seconds, shortest form ("2.5e-06", "0.001").
std::string seconds(uint64_t ns) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.9g", static_cast<double>(ns) / 1e9);
  return buf;
}

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"')
      out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

// Labels plus one more, e.g. le="0.001".
std::string with_label(const std::string& rendered, const std::string& k,
                       const std::string& v) {
  auto extra = k + "=\"" + v + "\"";
  if (rendered.empty())
    return "{" + extra + "}";
  return rendered.substr(0, rendered.size() - 1) + "," + extra + "}";
}

} // namespace

std::string render_labels(const labels& ls) {
  if (ls.empty())
    return {};
  std::string out = "{";
  for (size_t i = 0; i < ls.size(); ++i) {
    if (i > 0)
      out += ',';
    out += ls[i].first + "=\"" + escape(ls[i].second) + "\"";
  }
  return out + "}";
}

registry::family& registry::family_of(const std::string& name,
                                      const std::string& help, kind k) {
  auto [i, added] = families_.try_emplace(name);
  if (added) {
    i->second.type = k;
    i->second.help = help;
  } else if (i->second.type != k) {
    throw std::logic_error("metric " + name + " registered with two types");
  }
  return i->second;
}

counter& registry::get_counter(const std::string& name,
                               const std::string& help, const labels& ls) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto& slot = family_of(name, help, kind::counter).counters[render_labels(ls)];
  if (!slot)
    slot = std::make_unique<counter>();
  return *slot;
}

gauge& registry::get_gauge(const std::string& name, const std::string& help,
                           const labels& ls) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto& slot = family_of(name, help, kind::gauge).gauges[render_labels(ls)];
  if (!slot)
    slot = std::make_unique<gauge>();
  return *slot;
}

latency& registry::get_latency(const std::string& name,
                               const std::string& help, const labels& ls) {
  std::lock_guard<std::mutex> guard{mtx_};
  auto& slot
    = family_of(name, help, kind::histogram).latencies[render_labels(ls)];
  if (!slot)
    slot = std::make_unique<latency>();
  return *slot;
}

std::string registry::render() const {
  std::lock_guard<std::mutex> guard{mtx_};
  std::string out;
  for (auto& [name, fam] : families_) {
    static const char* types[] = {"counter", "gauge", "histogram"};
    out += "# HELP " + name + " " + fam.help + "\n";
    out += "# TYPE " + name + " " + types[static_cast<int>(fam.type)] + "\n";
    for (auto& [ls, c] : fam.counters)
      out += name + ls + " " + number(c->value()) + "\n";
    for (auto& [ls, g] : fam.gauges)
      out += name + ls + " " + number(g->value()) + "\n";
    for (auto& [ls, l] : fam.latencies) {
      auto h = l->snapshot();
      for (auto bound : latency_bounds_ns)
        out += name + "_bucket" + with_label(ls, "le", seconds(bound))
               + " " + std::to_string(h.count_at_or_below(bound)) + "\n";
      out += name + "_bucket" + with_label(ls, "le", "+Inf") + " "
             + std::to_string(h.count()) + "\n";
      out += name + "_sum" + ls + " "
             + number(h.mean() * static_cast<double>(h.count()) / 1e9) + "\n";
      out += name + "_count" + ls + " " + std::to_string(h.count()) + "\n";
    }
  }
  return out;
}

std::vector<latency_snapshot> registry::latencies() const {
  std::lock_guard<std::mutex> guard{mtx_};
  std::vector<latency_snapshot> out;
  for (auto& [name, fam] : families_)
    for (auto& [ls, l] : fam.latencies)
      out.push_back({name, ls, l->snapshot()});
  return out;
}

registry& global() {
  static registry instance;
  return instance;
}

} // namespace karb::metrics
