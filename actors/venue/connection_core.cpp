#include "actors/venue/connection_core.hpp"

namespace karb::venue {

connection_core::connection_core(link_params p)
  : p_(p), breaker_(p.breaker_failures, p.breaker_cool_down) {
  // nop
}

bool connection_core::apply(conn_event e) {
  auto next = transition(state_, e);
  if (!next)
    return false;
  state_ = *next;
  return true;
}

std::optional<uint64_t> connection_core::start(clock_time now) {
  if (!transition(state_, conn_event::start) || !breaker_.allow(now))
    return std::nullopt;
  apply(conn_event::start);
  last_data_ = now;
  ++attempts_;
  return ++gen_;
}

bool connection_core::opened(uint64_t gen) {
  return gen == gen_ && apply(conn_event::opened);
}

bool connection_core::data(uint64_t gen, clock_time now) {
  if (gen != gen_ || !is_open(state_) || state_ == conn_state::stale)
    return false;
  last_data_ = now;
  if (state_ != conn_state::subscribing)
    return false;
  return synced(gen, now);
}

bool connection_core::synced(uint64_t gen, clock_time now) {
  if (gen != gen_ || !apply(conn_event::synced))
    return false;
  last_data_ = now;
  breaker_.record_success();
  return true;
}

bool connection_core::check_silence(uint64_t gen, clock_time now) {
  if (gen != gen_ || p_.heartbeat.count() <= 0
      || (state_ != conn_state::live && state_ != conn_state::subscribing)
      || now < silence_deadline())
    return false;
  return apply(conn_event::silence);
}

std::optional<failure_plan>
connection_core::failed(uint64_t gen, clock_time now, double unit_random) {
  if (gen != gen_)
    return std::nullopt;
  bool was_open = is_open(state_);
  if (!apply(conn_event::failed))
    return std::nullopt;
  auto opened_before = breaker_.times_opened();
  breaker_.record_failure(now);
  failure_plan plan;
  plan.was_open = was_open;
  plan.breaker_opened = breaker_.times_opened() > opened_before;
  if (breaker_.current(now) == circuit_breaker::state::open)
    plan.delay = std::chrono::duration_cast<milliseconds>(
      breaker_.reopens_at() - now);
  else
    plan.delay = p_.backoff.delay(breaker_.consecutive_failures(),
                                  unit_random);
  return plan;
}

void connection_core::stop() {
  apply(conn_event::stop);
  ++gen_; // invalidates every outstanding event
}

} // namespace karb::venue
