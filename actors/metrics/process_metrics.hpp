#pragma once

// Process-level system metrics (seed 002 §6.1 cpu_usage, memory_usage),
// read from /proc when scraped.

#include "actors/metrics/registry.hpp"

namespace karb::metrics {

/// Updates karb_process_cpu_seconds_total, karb_system_cpu_usage_ratio
/// (since the previous call) and karb_system_memory_usage_bytes (RSS).
void update_process_metrics(registry& r);

} // namespace karb::metrics
