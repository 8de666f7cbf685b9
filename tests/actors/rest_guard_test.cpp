// The REST actor's limit decisions, pure: what a 429 or a 418 means, how
// long a ban lasts, and when a queued place is too old to be written.

#include "actors/venue/rest_guard.hpp"

#include <gtest/gtest.h>

using namespace karb::venue;
using namespace std::chrono_literals;

namespace {

const guard_time t0 = guard_time{} + 1h;

guard_params params() {
  guard_params p;
  p.place_queue_deadline = 1s;
  p.ban_default = 60s;
  p.rate_limited_pause = 1s;
  p.rate_limited_slow = 60s;
  return p;
}

} // namespace

TEST(RestGuard, A429PausesForRetryAfterWhenTheVenueSendsIt) {
  auto d = decide_limit(429, 7s, params());
  EXPECT_EQ(d.signal, limit_signal::rate_limited);
  EXPECT_EQ(d.pause, 7s);
  EXPECT_TRUE(d.from_header);
}

TEST(RestGuard, A429WithoutRetryAfterPausesForTheBackoff) {
  auto d = decide_limit(429, std::nullopt, params());
  EXPECT_EQ(d.signal, limit_signal::rate_limited);
  EXPECT_EQ(d.pause, 1s);
  EXPECT_FALSE(d.from_header);
}

TEST(RestGuard, A418BansForRetryAfterOrTheDefault) {
  auto with = decide_limit(418, 300s, params());
  EXPECT_EQ(with.signal, limit_signal::banned);
  EXPECT_EQ(with.pause, 300s);
  auto without = decide_limit(418, std::nullopt, params());
  EXPECT_EQ(without.signal, limit_signal::banned);
  EXPECT_EQ(without.pause, 60s);
}

TEST(RestGuard, OtherStatusesSayNothingAboutLimits) {
  for (int s : {200, 201, 400, 401, 404, 500, 503})
    EXPECT_EQ(decide_limit(s, 5s, params()).signal, limit_signal::none) << s;
}

TEST(RestGuard, OnlyAPlaceHasAQueueDeadline) {
  auto p = params();
  int64_t taken = 5'000'000'000;
  EXPECT_FALSE(past_deadline(call_kind::place, taken, taken + 999'999'999, p));
  EXPECT_TRUE(past_deadline(call_kind::place, taken, taken + 1'000'000'000, p));
  for (auto k : {call_kind::cancel, call_kind::lookup, call_kind::balances,
                 call_kind::snapshot, call_kind::open_orders})
    EXPECT_FALSE(past_deadline(k, taken, taken + 60'000'000'000, p));
  p.place_queue_deadline = 0s; // off
  EXPECT_FALSE(past_deadline(call_kind::place, taken, taken + 60'000'000'000,
                             p));
}

TEST(RestGuard, ABanLastsItsTimeAndEndsOnce) {
  rest_guard g{params()};
  auto b = g.apply(decide_limit(418, 120s, params()), t0);
  EXPECT_TRUE(b.ban);
  EXPECT_EQ(b.pause_until, t0 + 120s);
  EXPECT_TRUE(g.banned(t0));
  EXPECT_TRUE(g.banned(t0 + 119s));
  EXPECT_FALSE(g.banned(t0 + 120s));
  EXPECT_EQ(g.next_expiry(), t0 + 120s);
  EXPECT_FALSE(g.expire(t0 + 119s).ban);
  EXPECT_TRUE(g.expire(t0 + 120s).ban);
  EXPECT_FALSE(g.expire(t0 + 121s).ban); // reported once
  EXPECT_EQ(g.next_expiry(), std::nullopt);
}

TEST(RestGuard, ALater418ExtendsTheBanWithoutStartingASecondOne) {
  rest_guard g{params()};
  g.apply(decide_limit(418, 60s, params()), t0);
  auto again = g.apply(decide_limit(418, 60s, params()), t0 + 30s);
  EXPECT_FALSE(again.ban);
  EXPECT_EQ(g.banned_until(), t0 + 90s);
  // A shorter one never shortens it.
  g.apply(decide_limit(418, 1s, params()), t0 + 31s);
  EXPECT_EQ(g.banned_until(), t0 + 90s);
  EXPECT_FALSE(g.expire(t0 + 60s).ban);
  EXPECT_TRUE(g.expire(t0 + 90s).ban);
}

TEST(RestGuard, ARateLimitedPeriodCoversThePauseAndTheSlowRefill) {
  rest_guard g{params()};
  auto b = g.apply(decide_limit(429, 5s, params()), t0);
  EXPECT_TRUE(b.rate_limited);
  EXPECT_FALSE(b.ban);
  EXPECT_EQ(b.pause_until, t0 + 5s);
  EXPECT_EQ(b.slow_until, t0 + 65s);
  EXPECT_FALSE(g.banned(t0));
  EXPECT_TRUE(g.rate_limited(t0 + 64s));
  auto again = g.apply(decide_limit(429, std::nullopt, params()), t0 + 10s);
  EXPECT_FALSE(again.rate_limited); // still the same period, now longer
  EXPECT_EQ(again.slow_until, t0 + 71s);
  EXPECT_FALSE(g.expire(t0 + 65s).rate_limited);
  EXPECT_TRUE(g.expire(t0 + 71s).rate_limited);
}

TEST(RestGuard, NextExpiryIsTheEarlierOfBanAndRateLimit) {
  rest_guard g{params()};
  g.apply(decide_limit(429, 1s, params()), t0);   // ends t0 + 61 s
  g.apply(decide_limit(418, 30s, params()), t0);  // ends t0 + 30 s
  EXPECT_EQ(g.next_expiry(), t0 + 30s);
  g.expire(t0 + 30s);
  EXPECT_EQ(g.next_expiry(), t0 + 61s);
}
