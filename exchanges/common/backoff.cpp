#include "exchanges/common/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace karb {

std::chrono::milliseconds backoff_policy::delay(int failures,
                                                double unit_random) const {
  if (failures < 1)
    failures = 1;
  double ms = static_cast<double>(base.count())
              * std::pow(factor, static_cast<double>(failures - 1));
  ms = std::min(ms, static_cast<double>(cap.count()));
  double u = std::clamp(unit_random, 0.0, 1.0);
  ms *= 1.0 - std::clamp(jitter, 0.0, 1.0) * u;
  return std::chrono::milliseconds{static_cast<int64_t>(std::llround(ms))};
}

} // namespace karb
