#include "exchanges/common/backoff.hpp"
#include "exchanges/common/circuit_breaker.hpp"

#include <gtest/gtest.h>

using namespace karb;
using namespace std::chrono_literals;

TEST(Backoff, GrowsExponentiallyUpToTheCap) {
  backoff_policy p{100ms, 1000ms, 2.0, 0.0, 0};
  EXPECT_EQ(p.delay(1, 0.5), 100ms);
  EXPECT_EQ(p.delay(2, 0.5), 200ms);
  EXPECT_EQ(p.delay(4, 0.5), 800ms);
  EXPECT_EQ(p.delay(5, 0.5), 1000ms);
  EXPECT_EQ(p.delay(50, 0.5), 1000ms);
}

TEST(Backoff, JitterOnlyShortensWithinItsFraction) {
  backoff_policy p{1000ms, 60'000ms, 2.0, 0.2, 0};
  EXPECT_EQ(p.delay(1, 0.0), 1000ms);
  EXPECT_EQ(p.delay(1, 0.5), 900ms);
  EXPECT_EQ(p.delay(1, 1.0), 800ms);
}

TEST(Backoff, ReadRetriesStopAtThreeAttempts) {
  backoff_policy p;
  p.max_attempts = 3;
  EXPECT_TRUE(p.may_retry(1));
  EXPECT_TRUE(p.may_retry(2));
  EXPECT_FALSE(p.may_retry(3));
}

TEST(CircuitBreaker, OpensAfterFiveConsecutiveFailures) {
  circuit_breaker b;
  auto t = std::chrono::steady_clock::time_point{} + 1h;
  for (int i = 0; i < 4; ++i) {
    b.record_failure(t);
    EXPECT_TRUE(b.allow(t));
  }
  b.record_failure(t);
  EXPECT_EQ(b.current(t), circuit_breaker::state::open);
  EXPECT_FALSE(b.allow(t + 4min + 59s));
  EXPECT_EQ(b.times_opened(), 1);
}

TEST(CircuitBreaker, SuccessResetsTheCount) {
  circuit_breaker b;
  auto t = std::chrono::steady_clock::time_point{} + 1h;
  for (int i = 0; i < 4; ++i)
    b.record_failure(t);
  b.record_success();
  b.record_failure(t);
  EXPECT_EQ(b.current(t), circuit_breaker::state::closed);
  EXPECT_EQ(b.consecutive_failures(), 1);
}

TEST(CircuitBreaker, HalfOpensAfterCoolDownThenClosesOrReopens) {
  circuit_breaker b;
  auto t = std::chrono::steady_clock::time_point{} + 1h;
  for (int i = 0; i < 5; ++i)
    b.record_failure(t);
  auto later = t + 5min;
  EXPECT_EQ(b.current(later), circuit_breaker::state::half_open);
  EXPECT_TRUE(b.allow(later));
  b.record_failure(later); // the trial failed: a full cool-down again
  EXPECT_EQ(b.current(later + 4min), circuit_breaker::state::open);
  EXPECT_EQ(b.times_opened(), 2);
  auto again = later + 5min;
  EXPECT_TRUE(b.allow(again));
  b.record_success();
  EXPECT_EQ(b.current(again), circuit_breaker::state::closed);
}
