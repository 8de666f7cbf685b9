#include "actors/node/supervisor_core.hpp"

#include <algorithm>

namespace karb::node {

void supervisor_core::add(const std::string& name, const std::string& kind,
                          child_policy policy) {
  children_.emplace(name, child{kind, policy,
                                circuit_breaker{params_.breaker_failures,
                                                params_.breaker_cool_down}});
}

void supervisor_core::started(const std::string& name, clock_time now) {
  auto i = children_.find(name);
  if (i == children_.end())
    return;
  auto& c = i->second;
  if (c.starts++ > 0)
    ++c.restarts;
  c.state = "running";
  c.started_at = now;
}

failure_decision supervisor_core::failed(const std::string& name,
                                         clock_time now, double unit_random) {
  auto i = children_.find(name);
  if (i == children_.end())
    return {failure_decision::stay_down};
  auto& c = i->second;
  switch (c.policy.on_failure) {
    case restart_policy::escalate:
      c.state = "failed";
      return {failure_decision::escalate};
    case restart_policy::ignore:
      c.state = "stopped";
      return {failure_decision::stay_down};
    case restart_policy::restart:
      break;
  }
  auto opened_before = c.breaker.times_opened();
  c.breaker.record_failure(now);
  if (c.breaker.current(now) == circuit_breaker::state::open) {
    c.state = "breaker_open";
    auto wait = std::chrono::duration_cast<milliseconds>(
      c.breaker.reopens_at() - now);
    return {failure_decision::restart_after, wait,
            c.breaker.times_opened() > opened_before};
  }
  c.state = "restarting";
  return {failure_decision::restart_after,
          params_.backoff.delay(c.breaker.consecutive_failures(), unit_random)};
}

void supervisor_core::stopped(const std::string& name) {
  if (auto i = children_.find(name); i != children_.end())
    i->second.state = "stopped";
}

bool supervisor_core::check_stable(const std::string& name, clock_time now) {
  auto i = children_.find(name);
  if (i == children_.end() || i->second.state != "running")
    return false;
  auto& c = i->second;
  if (now - c.started_at < params_.stable_after)
    return false;
  c.breaker.record_success();
  return true;
}

std::vector<std::string> supervisor_core::shutdown_order() const {
  std::vector<std::pair<int, std::string>> order;
  for (auto& [name, c] : children_)
    order.emplace_back(c.policy.shutdown_order, name);
  std::sort(order.begin(), order.end());
  std::vector<std::string> out;
  for (auto& [_, name] : order)
    out.push_back(name);
  return out;
}

std::vector<child_status> supervisor_core::statuses(clock_time now) const {
  std::vector<child_status> out;
  for (auto& [name, c] : children_)
    out.push_back({name, c.kind, c.state, c.restarts,
                   c.breaker.consecutive_failures(),
                   to_string(c.breaker.current(now))});
  return out;
}

} // namespace karb::node
