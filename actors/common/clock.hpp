#pragma once

// Time stamps as int64 nanoseconds, the unit every message carries.

#include <chrono>
#include <cstdint>

namespace karb {

/// The actor's clock (virtual under the test coordinator), as steady ns.
template <class Self>
int64_t steady_ns(Self* self) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           self->clock().now().time_since_epoch())
    .count();
}

/// The wall clock, ns since the Unix epoch.
inline int64_t wall_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           std::chrono::system_clock::now().time_since_epoch())
    .count();
}

} // namespace karb
