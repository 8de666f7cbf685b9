#include "actors/venue/rest_guard.hpp"

#include <algorithm>

namespace karb::venue {

limit_decision decide_limit(int http_status,
                            std::optional<std::chrono::seconds> retry_after,
                            const guard_params& p) {
  limit_decision d;
  if (http_status == 429)
    d.signal = limit_signal::rate_limited;
  else if (http_status == 418)
    d.signal = limit_signal::banned;
  else
    return d;
  d.from_header = retry_after.has_value();
  if (retry_after)
    d.pause = *retry_after;
  else
    d.pause = d.signal == limit_signal::banned ? p.ban_default
                                               : p.rate_limited_pause;
  return d;
}

bool past_deadline(call_kind k, int64_t taken_ns, int64_t now_ns,
                   const guard_params& p) {
  if (k != call_kind::place || p.place_queue_deadline.count() <= 0)
    return false;
  return now_ns - taken_ns >= p.place_queue_deadline.count();
}

rest_guard::begun rest_guard::apply(const limit_decision& d, guard_time now) {
  begun out;
  switch (d.signal) {
    case limit_signal::none:
      break;
    case limit_signal::banned: {
      out.ban = !banned_;
      auto until = now + d.pause;
      ban_until_ = out.ban ? until : std::max(ban_until_, until);
      banned_ = true;
      out.pause_until = ban_until_;
      break;
    }
    case limit_signal::rate_limited: {
      out.rate_limited = !limited_;
      out.pause_until = now + d.pause;
      out.slow_until = out.pause_until + p_.rate_limited_slow;
      limited_until_ = out.rate_limited
                         ? out.slow_until
                         : std::max(limited_until_, out.slow_until);
      limited_ = true;
      break;
    }
  }
  return out;
}

rest_guard::ended rest_guard::expire(guard_time now) {
  ended out;
  if (banned_ && now >= ban_until_) {
    banned_ = false;
    out.ban = true;
  }
  if (limited_ && now >= limited_until_) {
    limited_ = false;
    out.rate_limited = true;
  }
  return out;
}

std::optional<guard_time> rest_guard::next_expiry() const {
  std::optional<guard_time> out;
  if (banned_)
    out = ban_until_;
  if (limited_)
    out = out ? std::min(*out, limited_until_) : limited_until_;
  return out;
}

} // namespace karb::venue
