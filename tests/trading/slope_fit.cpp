#include "tests/trading/slope_fit.hpp"

namespace karb::test {

std::optional<slope_fit> fit_slope(
  const std::vector<std::pair<double, double>>& samples, double warmup_s) {
  std::vector<std::pair<double, double>> kept;
  for (auto& s : samples)
    if (s.first >= warmup_s)
      kept.push_back(s);
  if (kept.size() < 2)
    return std::nullopt;
  double n = static_cast<double>(kept.size());
  double mean_t = 0, mean_v = 0;
  for (auto& [t, v] : kept) {
    mean_t += t / n;
    mean_v += v / n;
  }
  double cov = 0, var = 0;
  for (auto& [t, v] : kept) {
    cov += (t - mean_t) * (v - mean_v);
    var += (t - mean_t) * (t - mean_t);
  }
  if (var <= 0)
    return std::nullopt;
  return slope_fit{cov / var * 3600.0, kept.front().second,
                   kept.back().second, kept.size()};
}

} // namespace karb::test
