#pragma once

// What the node decides when a child goes down: the pure core of
// supervision (no CAF). Per child: exponential backoff with jitter between
// restarts, and the circuit breaker of seed 000 §4.2 (5 consecutive
// failures open it for 5 minutes, then one half-open trial). A child that
// stays up for `stable_after` counts as a success and resets its failures.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "exchanges/common/backoff.hpp"
#include "exchanges/common/circuit_breaker.hpp"
#include "messages/admin.hpp"

namespace karb::node {

using clock_time = std::chrono::steady_clock::time_point;
using std::chrono::milliseconds;

/// How the node treats a child's failure.
enum class restart_policy : uint8_t {
  restart,   ///< restart with backoff, under the breaker (venue sessions, ...)
  escalate,  ///< a failure is fatal to trading: halt and alert (store, risk)
  ignore,    ///< let it stay down (one-shot helpers)
};

struct child_policy {
  restart_policy on_failure = restart_policy::restart;
  int shutdown_order = 0;   ///< lower stops first
};

struct supervision_params {
  backoff_policy backoff;
  int breaker_failures = 5;
  milliseconds breaker_cool_down{std::chrono::minutes{5}};
  milliseconds stable_after{std::chrono::seconds{30}};
};

/// The decision for one failure.
struct failure_decision {
  enum kind_t : uint8_t { restart_after, escalate, stay_down } kind;
  milliseconds delay{0};     ///< for restart_after
  bool breaker_opened = false;
};

class supervisor_core {
public:
  supervisor_core() = default;
  explicit supervisor_core(supervision_params params) : params_(params) {
    // nop
  }

  /// Registers a child (before its first start).
  void add(const std::string& name, const std::string& kind,
           child_policy policy);
  bool knows(const std::string& name) const { return children_.count(name); }
  /// Forgets a child (removed by a reload).
  void remove(const std::string& name) { children_.erase(name); }

  /// The child was (re)started at `now`.
  void started(const std::string& name, clock_time now);
  /// The child terminated abnormally at `now`; `unit_random` in [0, 1).
  failure_decision failed(const std::string& name, clock_time now,
                          double unit_random);
  /// The child terminated normally (or was stopped by us).
  void stopped(const std::string& name);
  /// Called `stable_after` after a start: if the child is still up since
  /// then, its failures are forgiven. Returns true if it was.
  bool check_stable(const std::string& name, clock_time now);

  /// Names in shutdown order (lowest shutdown_order first, then by name).
  std::vector<std::string> shutdown_order() const;
  std::vector<child_status> statuses(clock_time now) const;
  const supervision_params& params() const { return params_; }

private:
  struct child {
    std::string kind;
    child_policy policy;
    circuit_breaker breaker;
    std::string state = "stopped";
    clock_time started_at{};
    int64_t restarts = 0;
    int64_t starts = 0;
  };

  supervision_params params_;
  std::map<std::string, child> children_;
};

} // namespace karb::node
