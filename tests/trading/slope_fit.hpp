#pragma once

// The trend of a sampled quantity (a process's RSS, its open descriptors,
// a file's size): the least-squares line through the samples taken after a
// warm-up, as a rate per hour, with the first and last values it covers.

#include <optional>
#include <utility>
#include <vector>

namespace karb::test {

struct slope_fit {
  double per_hour = 0; ///< the fitted line's slope, units per hour
  double first = 0;    ///< the first sample after the warm-up
  double last = 0;     ///< the last sample
  size_t samples = 0;  ///< how many samples the fit used
};

/// The fit over `samples` (seconds since the start, value) whose time is
/// at least `warmup_s`; nullopt with fewer than two such samples or when
/// they all share one time.
std::optional<slope_fit> fit_slope(
  const std::vector<std::pair<double, double>>& samples, double warmup_s);

} // namespace karb::test
