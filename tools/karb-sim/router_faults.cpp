// The reply faults around the venue: ban, gateway errors, cut bodies, TCP
// resets and chaos (see faults.hpp). The venue's own faults (http_500,
// reject_order, cancel_fail, ...) act inside dispatch().

#include <algorithm>

#include "tools/karb-sim/fault_reply.hpp"
#include "tools/karb-sim/router.hpp"
#include "tools/karb-sim/router_bybit.hpp"
#include "tools/karb-sim/weight_limiter.hpp"

namespace karb::sim {

namespace {

/// Replaces a processed request's reply by what `kind` shows.
void apply_after(reply& out, chaos_kind kind, int status) {
  switch (kind) {
    case chaos_kind::gateway_error:
      out.response = gateway_page(status);
      break;
    case chaos_kind::truncate_reply:
      truncate_body(out.response);
      break;
    case chaos_kind::reset_after_accept:
      out.reset = true;
      break;
    default:
      return;
  }
  mark_fault(out, to_string(kind));
}

} // namespace

reply router::route(const http::request& req, time_ms now) {
  auto& f = v_.faults;
  if (f.banned(now)) {
    reply out;
    out.response = v_.bn   ? binance_ban_reply(f.ban_until - now, now)
                   : v_.by ? bybit_ban_reply(f.ban_until - now)
                           : ban_reply(f.ban_until - now);
    mark_fault(out, "ban");
    return out;
  }
  auto path = req.target.substr(0, req.target.find('?'));
  auto kind = classify_request(v_.kind, req.method, path);
  chaos_draw chaos;
  if (f.chaos.on && in_scope(f.chaos.scope, kind))
    chaos = f.chaos.draw();
  bool chaos_before = chaos.kind == chaos_kind::gateway_error_before;
  if (chaos_before || (f.gateway_before && f.gateway.take(kind))) {
    reply out;
    out.response = gateway_page(chaos_before ? chaos.status : f.gateway_status);
    mark_fault(out, "gateway_error_before");
    if (chaos_before) {
      out.chaos = true;
      f.chaos.count(chaos.kind);
    }
    return out;
  }
  auto out = dispatch(req, now);
  if (out.drop)
    return out; // nothing left to replace
  bool replaced = true;
  if (!f.gateway_before && f.gateway.take(kind))
    apply_after(out, chaos_kind::gateway_error, f.gateway_status);
  else if (f.truncate.take(kind))
    apply_after(out, chaos_kind::truncate_reply, 0);
  else if (f.reset.take(kind))
    apply_after(out, chaos_kind::reset_after_accept, 0);
  else
    replaced = false;
  if (chaos.kind == chaos_kind::slow) {
    out.delay_ms = std::max(out.delay_ms, chaos.ms);
    mark_fault(out, "slow");
  } else if (chaos.kind != chaos_kind::none) {
    if (replaced)
      return out; // an explicit fault already shaped this reply
    apply_after(out, chaos.kind, chaos.status);
  } else {
    return out;
  }
  out.chaos = true;
  f.chaos.count(chaos.kind);
  return out;
}

} // namespace karb::sim
