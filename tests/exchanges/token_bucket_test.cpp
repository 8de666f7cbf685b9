#include "exchanges/common/token_bucket.hpp"

#include <gtest/gtest.h>

using namespace karb::net;
using namespace std::chrono_literals;
using clock_time = token_bucket::clock_time;

namespace {

const clock_time t0 = clock_time{} + 1000s;

} // namespace

TEST(TokenBucket, StartsFullAndEmptiesAfterCapacityTakes) {
  token_bucket b{3, 10, t0};
  EXPECT_TRUE(b.try_take(t0));
  EXPECT_TRUE(b.try_take(t0));
  EXPECT_TRUE(b.try_take(t0));
  EXPECT_FALSE(b.try_take(t0));
  EXPECT_EQ(b.wait_time(t0), 100ms);
}

TEST(TokenBucket, RefillsAtTheConfiguredRate) {
  token_bucket b{2, 10, t0};
  ASSERT_TRUE(b.try_take(t0, 2));
  EXPECT_DOUBLE_EQ(b.available(t0 + 50ms), 0.5);
  EXPECT_FALSE(b.try_take(t0 + 50ms));
  EXPECT_EQ(b.wait_time(t0 + 50ms), 50ms);
  EXPECT_TRUE(b.try_take(t0 + 100ms));
  EXPECT_FALSE(b.try_take(t0 + 100ms));
  // Refill never exceeds capacity.
  EXPECT_DOUBLE_EQ(b.available(t0 + 10s), 2.0);
  EXPECT_EQ(b.wait_time(t0 + 10s), 0ns);
}

TEST(TokenBucket, WaitTimeIsInfiniteBeyondCapacity) {
  token_bucket b{2, 10, t0};
  EXPECT_EQ(b.wait_time(t0, 3), std::chrono::nanoseconds::max());
}

TEST(TokenBucket, TimeGoingBackwardsDoesNotMintTokens) {
  token_bucket b{1, 10, t0};
  ASSERT_TRUE(b.try_take(t0));
  EXPECT_FALSE(b.try_take(t0 - 5s));
  EXPECT_DOUBLE_EQ(b.available(t0 - 5s), 0.0);
}

TEST(TokenBucket, RemainingReqLowersTheLocalBudget) {
  // Local view: 30/s and full; the venue says only 2 calls are left.
  token_bucket b{30, 30, t0};
  b.observe_remaining(2, t0);
  EXPECT_TRUE(b.try_take(t0 + 1ms));
  EXPECT_TRUE(b.try_take(t0 + 2ms));
  // Refill would give tokens by now, but the venue window still caps.
  EXPECT_FALSE(b.try_take(t0 + 500ms));
  EXPECT_EQ(b.wait_time(t0 + 500ms), 500ms);
  // The venue window is over: the refilled bucket applies again.
  EXPECT_TRUE(b.try_take(t0 + 1s));
}

TEST(TokenBucket, RemainingReqZeroBlocksForAFullWindow) {
  token_bucket b{10, 10, t0};
  b.observe_remaining(0, t0);
  EXPECT_FALSE(b.try_take(t0));
  EXPECT_EQ(b.wait_time(t0), 1s);
  EXPECT_FALSE(b.try_take(t0 + 999ms));
  EXPECT_TRUE(b.try_take(t0 + 1s));
}

TEST(TokenBucket, RemainingReqNeverRaisesTheBudget) {
  token_bucket b{5, 5, t0};
  ASSERT_TRUE(b.try_take(t0, 5));
  b.observe_remaining(29, t0);
  EXPECT_FALSE(b.try_take(t0));
  EXPECT_EQ(b.wait_time(t0), 200ms);
}

TEST(TokenBucket, APauseLetsNothingThroughAndRefillsOnlyAfterIt) {
  token_bucket b{4, 10, t0};
  b.pause(t0, t0 + 3s);
  EXPECT_FALSE(b.try_take(t0));
  EXPECT_FALSE(b.try_take(t0 + 2999ms));
  EXPECT_DOUBLE_EQ(b.available(t0 + 3s), 0.0); // emptied, no refill yet
  EXPECT_EQ(b.wait_time(t0), 3100ms);           // 3 s + one token at 10/s
  EXPECT_FALSE(b.try_take(t0 + 3050ms));
  EXPECT_TRUE(b.try_take(t0 + 3100ms));
}

TEST(TokenBucket, ASlowDownLowersTheRefillUntilItEnds) {
  token_bucket b{10, 10, t0};
  ASSERT_TRUE(b.try_take(t0, 10));
  b.slow(t0, 0.5, t0 + 2s);
  EXPECT_DOUBLE_EQ(b.rate_at(t0), 5.0);
  EXPECT_DOUBLE_EQ(b.rate_at(t0 + 2s), 10.0);
  EXPECT_DOUBLE_EQ(b.rate(), 10.0);
  EXPECT_DOUBLE_EQ(b.available(t0 + 1s), 5.0);
  // 2 s at 5/s: 10 tokens, the capacity.
  EXPECT_DOUBLE_EQ(b.available(t0 + 2s), 10.0);
  EXPECT_EQ(b.wait_time(t0, 2), 400ms); // 2 tokens at 5/s
}

TEST(TokenBucket, RefillAcrossTheEndOfASlowDownUsesBothRates) {
  token_bucket b{10, 10, t0};
  ASSERT_TRUE(b.try_take(t0, 10));
  b.slow(t0, 0.5, t0 + 200ms);
  // 200 ms at 5/s (1 token) then 300 ms at 10/s (3 tokens).
  EXPECT_NEAR(b.available(t0 + 500ms), 4.0, 1e-9);
  // 1 token by 200 ms, the other 2 at 10/s: 200 ms more.
  EXPECT_EQ(b.wait_time(t0, 3), 400ms);
}

TEST(TokenBucket, APausedAndSlowedBucketWaitsForBoth) {
  token_bucket b{2, 10, t0};
  b.pause(t0, t0 + 1s);
  b.slow(t0, 0.5, t0 + 61s);
  // Refill starts at 1 s, at 5/s: the first token at 1.2 s.
  EXPECT_EQ(b.wait_time(t0), 1200ms);
  EXPECT_FALSE(b.try_take(t0 + 1199ms));
  EXPECT_TRUE(b.try_take(t0 + 1200ms));
}

TEST(RateLimiter, PausesAndSlowsOnlyTheNamedGroup) {
  rate_limiter rl;
  rl.add_group("default", 2, 10, t0);
  rl.add_group("order", 2, 10, t0);
  EXPECT_TRUE(rl.pause("order", t0, t0 + 5s));
  EXPECT_TRUE(rl.slow("order", t0, 0.5, t0 + 65s));
  EXPECT_FALSE(rl.try_take("order", t0));
  EXPECT_TRUE(rl.try_take("default", t0));
  EXPECT_FALSE(rl.pause("candles", t0, t0 + 5s));
  EXPECT_FALSE(rl.slow("candles", t0, 0.5, t0 + 5s));
}

TEST(RemainingReq, ParsesUpbitHeader) {
  auto r = parse_remaining_req("group=default; min=1800; sec=29");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->group, "default");
  EXPECT_EQ(r->sec, 29);
  auto o = parse_remaining_req("group=order-test;min=480;sec=7");
  ASSERT_TRUE(o);
  EXPECT_EQ(o->group, "order-test");
  EXPECT_EQ(o->sec, 7);
}

TEST(RemainingReq, RejectsMalformedHeaders) {
  EXPECT_FALSE(parse_remaining_req(""));
  EXPECT_FALSE(parse_remaining_req("group=default; min=1800"));
  EXPECT_FALSE(parse_remaining_req("sec=3"));
  EXPECT_FALSE(parse_remaining_req("group=default; sec=x3"));
  EXPECT_FALSE(parse_remaining_req("group=default; sec=-1"));
}

TEST(RateLimiter, AppliesHeaderToTheNamedGroupOnly) {
  rate_limiter rl;
  rl.add_group("default", 30, 30, t0);
  rl.add_group("order", 8, 8, t0);
  EXPECT_TRUE(rl.observe("order", 1, t0));
  EXPECT_TRUE(rl.try_take("order", t0));
  EXPECT_FALSE(rl.try_take("order", t0));
  EXPECT_EQ(rl.wait_time("order", t0), 1s);
  EXPECT_TRUE(rl.try_take("default", t0));
  EXPECT_EQ(rl.wait_time("default", t0), 0ns);
  EXPECT_FALSE(rl.observe("candles", 1, t0));
  EXPECT_TRUE(rl.try_take("unknown-group", t0));
}
