#pragma once

// Deterministic pseudo-random numbers (splitmix64): same seed, same market,
// on every platform (no std distributions, whose output is unspecified).

#include <cstdint>
#include <string>

namespace karb::sim {

class rng {
public:
  explicit rng(uint64_t seed = 0) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi] (hi >= lo).
  int64_t range(int64_t lo, int64_t hi) {
    auto span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>(span == 0 ? next() : next() % span);
  }
  /// Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Approximately standard normal (Irwin-Hall, 12 uniforms).
  double normal() {
    double s = 0;
    for (int i = 0; i < 12; ++i)
      s += unit();
    return s - 6.0;
  }
  /// A version-4 UUID drawn from this generator (deterministic ids).
  std::string uuid();

private:
  uint64_t state_;
};

} // namespace karb::sim
