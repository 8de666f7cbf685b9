#pragma once

// Client-side rate limiting: a token bucket per venue group, lowered by the
// venue's own "remaining calls" feedback (Upbit's Remaining-Req header) so
// the node stays under the limit instead of learning it from a 429; when a
// 429 comes anyway, the group is paused and its refill slowed for a while.
// Pure: every call takes the current time.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace karb::net {

class token_bucket {
public:
  using clock_time = std::chrono::steady_clock::time_point;

  /// A full bucket of `capacity` tokens refilling at `refill_per_sec`.
  /// `window` is the length of the venue's counting window that
  /// observe_remaining() refers to (Upbit: one second).
  token_bucket(double capacity, double refill_per_sec, clock_time now,
               std::chrono::nanoseconds window = std::chrono::seconds{1});

  /// Takes `n` tokens if they are available now.
  bool try_take(clock_time now, double n = 1.0);

  /// How long until try_take(now + result, n) succeeds; zero when it would
  /// succeed now, nanoseconds::max() when n exceeds the capacity.
  std::chrono::nanoseconds wait_time(clock_time now, double n = 1.0) const;

  /// The venue says `sec_remaining` calls are left in its current window:
  /// lowers the local budget to at most that many until `now + window`.
  void observe_remaining(int sec_remaining, clock_time now);

  /// The venue refused a call for its rate (429): empties the bucket and
  /// lets nothing through before `until`; refilling starts then.
  void pause(clock_time now, clock_time until);

  /// Refills at `factor` (clamped to [0.05, 1]) of the rate until `until`.
  /// A later call replaces an earlier slow-down.
  void slow(clock_time now, double factor, clock_time until);

  /// Tokens available at `now` (before any venue window cap).
  double available(clock_time now) const;

  double capacity() const { return capacity_; }
  /// The configured refill rate (a slow-down does not change it).
  double rate() const { return rate_; }
  /// The refill rate in force at `now`.
  double rate_at(clock_time now) const;

private:
  double tokens_at(clock_time now) const;
  void refill(clock_time now);
  /// Tokens accrued between `from` and `to` (slow-down included).
  double accrued(clock_time from, clock_time to) const;
  /// How long from `from` until `amount` tokens have accrued.
  std::chrono::nanoseconds time_to_accrue(clock_time from,
                                          double amount) const;
  bool window_active(clock_time now) const {
    return window_left_ >= 0 && now < window_end_;
  }

  double capacity_;
  double rate_;
  double tokens_;
  clock_time last_;
  std::chrono::nanoseconds window_;
  clock_time window_end_{};
  double window_left_ = -1; ///< < 0: no venue feedback in force
  clock_time slow_until_{};
  double slow_factor_ = 1.0;
};

/// Parsed `Remaining-Req: group=default; min=1800; sec=29`.
struct remaining_req {
  std::string group;
  int sec = 0;
};

/// Parses an Upbit Remaining-Req header value; nullopt when malformed.
std::optional<remaining_req> parse_remaining_req(std::string_view value);

/// Buckets keyed by venue group name ("default", "order", "orderbook", ...).
class rate_limiter {
public:
  using clock_time = token_bucket::clock_time;

  /// Adds or replaces a group.
  void add_group(const std::string& group, double capacity,
                 double refill_per_sec, clock_time now);
  bool has_group(std::string_view group) const;

  /// try_take on the group's bucket; unknown groups are not limited.
  bool try_take(std::string_view group, clock_time now, double n = 1.0);
  std::chrono::nanoseconds wait_time(std::string_view group, clock_time now,
                                     double n = 1.0) const;

  /// Applies the venue's word on a group's budget (calls left in its
  /// current window); false if the group is unknown.
  bool observe(std::string_view group, int remaining, clock_time now);

  /// token_bucket::pause / slow on the group's bucket; false if unknown.
  bool pause(std::string_view group, clock_time now, clock_time until);
  bool slow(std::string_view group, clock_time now, double factor,
            clock_time until);

private:
  std::map<std::string, token_bucket, std::less<>> buckets_;
};

} // namespace karb::net
