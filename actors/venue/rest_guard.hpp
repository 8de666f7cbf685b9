#pragma once

// The REST actor's answers to a venue's limits, pure (time is passed in):
//
//   429 Too Many Requests  -> the request's group is paused until
//       Retry-After (else `rate_limited_pause`) and refills at a lower rate
//       for `rate_limited_slow` after that; a place or cancel is never
//       retried (reads go through the paused bucket again)
//   418 (Upbit's ban)      -> no request at all to the venue until
//       Retry-After (else `ban_default`): every call fails at once, unsent
//   a place that waited `place_queue_deadline` for its bucket is dropped
//       unsent, so it is never written after its order actor gave up
//
// The ban and the rate-limited period are each reported once when they
// begin and once when they end (events, alerts, metrics).

#include <chrono>
#include <cstdint>
#include <optional>

#include "actors/venue/rest_replies.hpp"

namespace karb::venue {

using guard_time = std::chrono::steady_clock::time_point;

struct guard_params {
  /// A queued place older than this is dropped unsent (0: never).
  std::chrono::nanoseconds place_queue_deadline{0};
  /// A 418 without Retry-After bans the venue this long.
  std::chrono::nanoseconds ban_default{std::chrono::seconds{60}};
  /// A 429 without Retry-After pauses its group this long.
  std::chrono::nanoseconds rate_limited_pause{std::chrono::seconds{1}};
  /// After the pause the group refills at `rate_limited_refill` of its
  /// rate for this long.
  std::chrono::nanoseconds rate_limited_slow{std::chrono::seconds{60}};
  double rate_limited_refill = 0.5;
};

enum class limit_signal : uint8_t { none, rate_limited, banned };

/// What one reply means for the venue's limits.
struct limit_decision {
  limit_signal signal = limit_signal::none;
  std::chrono::nanoseconds pause{0};  ///< group pause or ban length
  bool from_header = false;           ///< Retry-After set `pause`
};

/// A reply's status (and Retry-After, when sent) as a limit decision.
limit_decision decide_limit(int http_status,
                            std::optional<std::chrono::seconds> retry_after,
                            const guard_params& p);

/// Whether a call taken at `taken_ns` and still waiting for its bucket at
/// `now_ns` must be dropped unsent (only places have a deadline).
bool past_deadline(call_kind k, int64_t taken_ns, int64_t now_ns,
                   const guard_params& p);

/// The venue's ban and rate-limited periods.
class rest_guard {
public:
  explicit rest_guard(guard_params p = {}) : p_(p) {
    // nop
  }

  const guard_params& params() const { return p_; }

  /// What apply() began. A 418 before expire() ended the ban extends it
  /// (never shortens it) without beginning a new one; likewise a 429. So
  /// every begin is matched by exactly one end.
  struct begun {
    bool ban = false;
    bool rate_limited = false;
    guard_time pause_until{};  ///< group pause end (429) or ban end (418)
    guard_time slow_until{};   ///< end of the lower refill (429)
  };
  begun apply(const limit_decision& d, guard_time now);

  bool banned(guard_time now) const { return banned_ && now < ban_until_; }
  guard_time banned_until() const { return ban_until_; }
  bool rate_limited(guard_time now) const {
    return limited_ && now < limited_until_;
  }

  /// What expire() ended.
  struct ended {
    bool ban = false;
    bool rate_limited = false;
  };
  /// Ends the periods that are over at `now` (each reported once).
  ended expire(guard_time now);

  /// When expire() has something to end next; nullopt when nothing runs.
  std::optional<guard_time> next_expiry() const;

private:
  guard_params p_;
  bool banned_ = false;
  guard_time ban_until_{};
  bool limited_ = false;
  guard_time limited_until_{};
};

} // namespace karb::venue
