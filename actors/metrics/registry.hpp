#pragma once

// Counters, gauges and latency histograms, safe to update from any thread
// (actors, network threads), rendered in the Prometheus text format.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "actors/metrics/histogram.hpp"

namespace karb::metrics {

using labels = std::vector<std::pair<std::string, std::string>>;

class counter {
public:
  void add(double x = 1.0) { value_.fetch_add(x, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

private:
  std::atomic<double> value_{0.0};
};

class gauge {
public:
  void set(double x) { value_.store(x, std::memory_order_relaxed); }
  void add(double x) { value_.fetch_add(x, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

private:
  std::atomic<double> value_{0.0};
};

/// A latency histogram in nanoseconds, exported in seconds.
class latency {
public:
  void record_ns(int64_t ns) {
    std::lock_guard<std::mutex> guard{mtx_};
    hist_.record(ns);
  }
  histogram snapshot() const {
    std::lock_guard<std::mutex> guard{mtx_};
    return hist_;
  }

private:
  mutable std::mutex mtx_;
  histogram hist_;
};

/// One latency histogram as `registry::latencies()` copies it.
struct latency_snapshot {
  std::string name;
  std::string labels;   ///< rendered, e.g. `{venue="upbit"}`
  histogram values;
};

class registry {
public:
  /// Returns the metric for (name, labels), creating it on first use.
  /// The reference stays valid for the registry's lifetime.
  counter& get_counter(const std::string& name, const std::string& help,
                       const labels& ls = {});
  gauge& get_gauge(const std::string& name, const std::string& help,
                   const labels& ls = {});
  latency& get_latency(const std::string& name, const std::string& help,
                       const labels& ls = {});

  /// Prometheus text exposition format 0.0.4.
  std::string render() const;

  /// A copy of every latency histogram, by name then labels (inspector).
  std::vector<latency_snapshot> latencies() const;

private:
  enum class kind { counter, gauge, histogram };
  struct family {
    kind type;
    std::string help;
    std::map<std::string, std::unique_ptr<counter>> counters;
    std::map<std::string, std::unique_ptr<gauge>> gauges;
    std::map<std::string, std::unique_ptr<latency>> latencies;
  };

  family& family_of(const std::string& name, const std::string& help, kind k);

  mutable std::mutex mtx_;
  std::map<std::string, family> families_;
};

/// The process's registry.
registry& global();

/// `{a="x",b="y"}` with Prometheus escaping; empty for no labels.
std::string render_labels(const labels& ls);

} // namespace karb::metrics
