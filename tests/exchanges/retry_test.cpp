#include "exchanges/common/retry.hpp"

#include <gtest/gtest.h>

using namespace karb;
using namespace karb::net;
using namespace std::chrono_literals;

namespace {

backoff_policy no_jitter() {
  return backoff_policy{100ms, 10'000ms, 2.0, 0.0, 3};
}

retry_input err(error_kind k, int attempts, bool idempotent = true) {
  return retry_input{idempotent, k, 0, attempts};
}

retry_input status(int s, int attempts) {
  return retry_input{true, error_kind::none, s, attempts};
}

} // namespace

TEST(Retry, IdempotentReadRetriesTransportErrorsWithBackoff) {
  auto p = no_jitter();
  auto d1 = decide_retry(err(error_kind::closed, 1), p, 0.0);
  EXPECT_TRUE(d1.retry);
  EXPECT_EQ(d1.delay, 100ms);
  auto d2 = decide_retry(err(error_kind::timeout, 2), p, 0.0);
  EXPECT_TRUE(d2.retry);
  EXPECT_EQ(d2.delay, 200ms);
  EXPECT_TRUE(decide_retry(err(error_kind::connect, 1), p, 0.0).retry);
  EXPECT_TRUE(decide_retry(err(error_kind::resolve, 1), p, 0.0).retry);
  EXPECT_TRUE(decide_retry(err(error_kind::maybe_sent, 1), p, 0.0).retry);
}

TEST(Retry, StopsAfterThreeAttempts) {
  auto p = no_jitter();
  EXPECT_FALSE(decide_retry(err(error_kind::closed, 3), p, 0.0).retry);
  p.max_attempts = 0; // unlimited policy is still capped for reads
  EXPECT_FALSE(decide_retry(err(error_kind::closed, 3), p, 0.0).retry);
  p.max_attempts = 2;
  EXPECT_FALSE(decide_retry(err(error_kind::closed, 2), p, 0.0).retry);
}

TEST(Retry, NeverRetriesNonIdempotentRequests) {
  auto p = no_jitter();
  for (auto k : {error_kind::connect, error_kind::timeout, error_kind::closed,
                 error_kind::maybe_sent})
    EXPECT_FALSE(decide_retry(err(k, 1, false), p, 0.0).retry);
  retry_input in{false, error_kind::none, 503, 1};
  EXPECT_FALSE(decide_retry(in, p, 0.0).retry);
}

TEST(Retry, PermanentErrorsAreNotRetried) {
  auto p = no_jitter();
  EXPECT_FALSE(decide_retry(err(error_kind::tls, 1), p, 0.0).retry);
  EXPECT_FALSE(decide_retry(err(error_kind::cancelled, 1), p, 0.0).retry);
  EXPECT_FALSE(decide_retry(err(error_kind::protocol, 1), p, 0.0).retry);
}

TEST(Retry, StatusCodes) {
  auto p = no_jitter();
  EXPECT_FALSE(decide_retry(status(200, 1), p, 0.0).retry);
  EXPECT_FALSE(decide_retry(status(400, 1), p, 0.0).retry);
  EXPECT_FALSE(decide_retry(status(418, 1), p, 0.0).retry);
  EXPECT_FALSE(decide_retry(status(501, 1), p, 0.0).retry);
  auto s503 = decide_retry(status(503, 2), p, 0.0);
  EXPECT_TRUE(s503.retry);
  EXPECT_EQ(s503.delay, 200ms);
  auto s429 = decide_retry(status(429, 1), p, 0.0);
  EXPECT_TRUE(s429.retry);
  EXPECT_EQ(s429.delay, 1000ms); // at least one venue window
  EXPECT_FALSE(decide_retry(status(429, 3), p, 0.0).retry);
}

TEST(Retry, JitterShortensTheDelay) {
  backoff_policy p{1000ms, 10'000ms, 2.0, 0.2, 3};
  EXPECT_EQ(decide_retry(err(error_kind::closed, 1), p, 1.0).delay, 800ms);
}

TEST(RetryAfter, ReadsDeltaSeconds) {
  EXPECT_EQ(parse_retry_after("120"), 120s);
  EXPECT_EQ(parse_retry_after(" 0 "), 0s);
  EXPECT_EQ(parse_retry_after("999999999"), max_retry_after); // capped
}

TEST(RetryAfter, IgnoresWhatIsNotDeltaSeconds) {
  EXPECT_EQ(parse_retry_after(""), std::nullopt);
  EXPECT_EQ(parse_retry_after("-5"), std::nullopt);
  EXPECT_EQ(parse_retry_after("1.5"), std::nullopt);
  EXPECT_EQ(parse_retry_after("soon"), std::nullopt);
  // The HTTP-date form: the caller's default applies.
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), std::nullopt);
}
