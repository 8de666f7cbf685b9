#pragma once

// What karb-bench reads from the outside: /proc (RSS, CPU time, machine),
// small HTTP calls on 127.0.0.1 (the simulator's admin API), and log lines.

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace karb::bench {

struct proc_sample {
  double rss_mb = 0;      ///< VmRSS
  double hwm_mb = 0;      ///< VmHWM (peak RSS)
  double cpu_s = 0;       ///< utime + stime
};

/// The process's memory and CPU time now (zeros if it is gone).
proc_sample sample(pid_t pid);

/// "model name" of /proc/cpuinfo and the online core count.
/// Least-squares slope of y over x (0 with fewer than two points).
double slope(const std::vector<std::pair<double, double>>& xy);

std::string cpu_model();
unsigned cpu_cores();
/// The first three fields of /proc/loadavg.
std::string load_average();

struct http_result {
  int status = 0; ///< 0: no answer
  std::string body;
};

/// One HTTP/1.1 request to 127.0.0.1:`port` (Connection: close), bounded
/// by `timeout_ms`.
http_result http_call(int port, const std::string& method,
                      const std::string& target, const std::string& body = {},
                      int timeout_ms = 2000);

/// The body as JSON, or an empty object.
nlohmann::json json_of(const http_result& r);

/// The first `"port"` field of a log line with `"event":"<event>"` in the
/// node's JSON-lines log, or 0.
int port_from_log(const std::string& log_path, const std::string& event);

/// The port in a karb-sim banner line "karb-sim: <what> listening on
/// http://127.0.0.1:<port>", or 0.
int sim_port(const std::string& out_path, const std::string& what);

} // namespace karb::bench
