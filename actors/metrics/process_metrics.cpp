#include "actors/metrics/process_metrics.hpp"

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

namespace karb::metrics {

namespace {

// utime + stime of this process in seconds (fields 14 and 15 of stat).
double cpu_seconds() {
  std::ifstream in{"/proc/self/stat"};
  std::string text{std::istreambuf_iterator<char>{in}, {}};
  auto close = text.rfind(')');
  if (close == std::string::npos)
    return 0;
  std::istringstream fields{text.substr(close + 2)};
  std::string skip;
  for (int i = 3; i < 14; ++i)
    fields >> skip;
  double utime = 0, stime = 0;
  fields >> utime >> stime;
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double rss_bytes() {
  std::ifstream in{"/proc/self/statm"};
  double size = 0, resident = 0;
  in >> size >> resident;
  return resident * static_cast<double>(sysconf(_SC_PAGESIZE));
}

} // namespace

void update_process_metrics(registry& r) {
  static double last_cpu = -1; // no previous scrape yet
  static auto last_wall = std::chrono::steady_clock::now();
  auto cpu = cpu_seconds();
  auto now = std::chrono::steady_clock::now();
  double wall = std::chrono::duration<double>(now - last_wall).count();
  auto& total = r.get_counter("karb_process_cpu_seconds_total",
                              "CPU time used by the node (user + system)");
  total.add(cpu - total.value());
  if (last_cpu >= 0 && wall > 0)
    r.get_gauge("karb_system_cpu_usage_ratio",
                "CPU used since the previous scrape, in cores")
      .set((cpu - last_cpu) / wall);
  r.get_gauge("karb_system_memory_usage_bytes", "resident set size")
    .set(rss_bytes());
  last_cpu = cpu;
  last_wall = now;
}

} // namespace karb::metrics
