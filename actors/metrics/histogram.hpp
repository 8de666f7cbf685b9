#pragma once

// A fixed-bucket log-linear latency histogram of nanoseconds, in the spirit of
// HdrHistogram with two significant digits.
//
// Buckets: values 0..255 ns each have their own bucket (exact); above that,
// every power of two [2^k, 2^(k+1)) is split into 128 equal sub-buckets, so a
// bucket's width is at most 1/128 (< 0.8 %) of its lower bound. The range
// ends at 2^36 - 1 ns (~68.7 s); larger values land in the last bucket (the
// exact maximum is still tracked). 3840 buckets of 8 bytes, no allocation
// after construction; record() is a few instructions.

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace karb::metrics {

class histogram {
public:
  static constexpr int sub_bits = 7;
  static constexpr uint64_t sub_count = uint64_t{1} << sub_bits; // 128
  static constexpr uint64_t linear_limit = 2 * sub_count;        // 256
  static constexpr uint64_t max_bits = 36;
  static constexpr uint64_t max_trackable = (uint64_t{1} << max_bits) - 1;
  static constexpr size_t bucket_count
    = linear_limit + (max_bits - sub_bits - 1) * sub_count;

  /// One exported bucket: the largest value it holds and the number of
  /// recorded values <= that bound (Prometheus `le` semantics).
  struct bucket {
    uint64_t upper_bound_ns;
    uint64_t cumulative_count;
  };

  /// Index of the bucket holding `ns`.
  static constexpr size_t index_of(uint64_t ns) {
    if (ns < linear_limit)
      return static_cast<size_t>(ns);
    if (ns > max_trackable)
      ns = max_trackable;
    int msb = 63 - __builtin_clzll(ns); // >= 8
    int shift = msb - sub_bits;
    uint64_t sub = (ns >> shift) - sub_count;
    return static_cast<size_t>(linear_limit
                               + static_cast<uint64_t>(msb - sub_bits - 1)
                                   * sub_count
                               + sub);
  }

  /// Largest value that falls into bucket `i`.
  static constexpr uint64_t upper_bound_of(size_t i) {
    if (i < linear_limit)
      return i;
    uint64_t k = (i - linear_limit) / sub_count; // 0 for [256, 512)
    uint64_t sub = (i - linear_limit) % sub_count;
    int shift = static_cast<int>(k) + 1;
    return ((sub_count + sub) << shift) + ((uint64_t{1} << shift) - 1);
  }

  /// Records one value; negative values count as 0.
  void record(int64_t ns) {
    uint64_t v = ns < 0 ? 0 : static_cast<uint64_t>(ns);
    ++counts_[index_of(v)];
    ++count_;
    sum_ += static_cast<double>(v);
    if (v < min_)
      min_ = v;
    if (v > max_)
      max_ = v;
  }

  uint64_t count() const { return count_; }
  /// Smallest recorded value, 0 if empty.
  uint64_t min() const { return count_ == 0 ? 0 : min_; }
  /// Largest recorded value (exact, even beyond the range), 0 if empty.
  uint64_t max() const { return max_; }
  /// Arithmetic mean of the exact values, 0 if empty.
  double mean() const { return count_ == 0 ? 0.0 : sum_ / count_; }

  /// The value at percentile `p` (0..100]: the upper bound of the bucket
  /// holding the ceil(p/100 * count)-th smallest value, clamped to
  /// [min, max]. 0 if empty.
  uint64_t percentile(double p) const;

  /// Adds all values of `other`.
  void merge(const histogram& other);

  /// Forgets everything.
  void reset();

  /// Non-empty buckets in ascending order with cumulative counts.
  std::vector<bucket> export_buckets() const;

  /// Number of values <= `bound_ns` at bucket resolution (counts every
  /// bucket whose upper bound is <= bound_ns); for fixed Prometheus `le`
  /// boundaries.
  uint64_t count_at_or_below(uint64_t bound_ns) const;

private:
  std::array<uint64_t, bucket_count> counts_{};
  uint64_t count_ = 0;
  double sum_ = 0;
  uint64_t min_ = UINT64_MAX;
  uint64_t max_ = 0;
};

} // namespace karb::metrics
