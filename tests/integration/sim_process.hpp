#pragma once

// karb-sim as a child process for integration tests: started with the
// given flags, ready once its "listening" lines are printed (bounded
// wait), stopped with SIGTERM (then SIGKILL) in the destructor. Also a
// minimal blocking HTTP/1.1 client for its admin API.

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

namespace karb::test {

class sim_process {
public:
  /// Starts `karb-sim` with `args`; check ok() / error().
  explicit sim_process(std::vector<std::string> args,
                       std::chrono::milliseconds ready_within
                       = std::chrono::seconds{10});
  ~sim_process();

  sim_process(const sim_process&) = delete;
  sim_process& operator=(const sim_process&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  /// Port of a venue ("upbit", "bithumb") or "admin"; 0 if unknown.
  int port(const std::string& name) const;

private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string error_;
  std::map<std::string, int> ports_;
};

struct admin_reply {
  int status = 0;
  std::string body;
};

/// One blocking request to 127.0.0.1:`port` (Connection: close), bounded
/// by `limit`; status 0 on failure.
admin_reply http_call(int port, const std::string& method,
                      const std::string& target, const std::string& body = {},
                      std::chrono::milliseconds limit
                      = std::chrono::seconds{5});

} // namespace karb::test
