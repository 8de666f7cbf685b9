#include "actors/metrics/histogram.hpp"

#include <algorithm>
#include <cmath>

namespace karb::metrics {

uint64_t histogram::percentile(double p) const {
  if (count_ == 0)
    return 0;
  p = std::clamp(p, 0.0, 100.0);
  auto rank = static_cast<uint64_t>(std::ceil(p / 100.0 * count_));
  rank = std::clamp<uint64_t>(rank, 1, count_);
  uint64_t seen = 0;
  for (size_t i = 0; i < bucket_count; ++i) {
    seen += counts_[i];
    if (seen >= rank)
      return std::clamp(upper_bound_of(i), min_, max_);
  }
  return max_;
}

void histogram::merge(const histogram& other) {
  for (size_t i = 0; i < bucket_count; ++i)
    counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

void histogram::reset() {
  counts_.fill(0);
  count_ = 0;
  sum_ = 0;
  min_ = UINT64_MAX;
  max_ = 0;
}

std::vector<histogram::bucket> histogram::export_buckets() const {
  std::vector<bucket> out;
  uint64_t seen = 0;
  for (size_t i = 0; i < bucket_count; ++i) {
    if (counts_[i] == 0)
      continue;
    seen += counts_[i];
    out.push_back({upper_bound_of(i), seen});
  }
  return out;
}

uint64_t histogram::count_at_or_below(uint64_t bound_ns) const {
  uint64_t seen = 0;
  for (size_t i = 0; i < bucket_count && upper_bound_of(i) <= bound_ns; ++i)
    seen += counts_[i];
  return seen;
}

} // namespace karb::metrics
