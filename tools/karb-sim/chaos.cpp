#include "tools/karb-sim/chaos.hpp"

namespace karb::sim {

std::string_view to_string(chaos_kind k) {
  switch (k) {
    case chaos_kind::none: return "none";
    case chaos_kind::gateway_error: return "gateway_error";
    case chaos_kind::gateway_error_before: return "gateway_error_before";
    case chaos_kind::truncate_reply: return "truncate_reply";
    case chaos_kind::reset_after_accept: return "reset_after_accept";
    case chaos_kind::slow: return "slow";
  }
  return "none";
}

void chaos_state::start(double share_, uint64_t seed_, fault_scope scope_) {
  on = true;
  share = share_;
  seed = seed_;
  scope = scope_;
  gen = rng{seed_};
  injected.clear();
}

chaos_draw chaos_state::draw() {
  static constexpr int statuses[] = {502, 503, 504};
  // Four draws per request, used or not: the sequence only depends on the
  // number of requests in scope.
  double hit = gen.unit();
  auto kind = gen.range(0, 4);
  auto status = statuses[gen.range(0, 2)];
  auto ms = static_cast<int>(gen.range(200, 1500));
  chaos_draw d;
  if (!(hit < share))
    return d;
  switch (kind) {
    case 0: d.kind = chaos_kind::gateway_error; break;
    case 1: d.kind = chaos_kind::gateway_error_before; break;
    case 2: d.kind = chaos_kind::truncate_reply; break;
    case 3: d.kind = chaos_kind::reset_after_accept; break;
    default: d.kind = chaos_kind::slow; break;
  }
  if (d.kind == chaos_kind::gateway_error
      || d.kind == chaos_kind::gateway_error_before)
    d.status = status;
  if (d.kind == chaos_kind::slow)
    d.ms = ms;
  return d;
}

} // namespace karb::sim
