// Per-group budgets: Remaining-Req, 429, then a 418 block.

#include <gtest/gtest.h>

#include "sim_test_client.hpp"
#include "tools/karb-sim/rate_limiter.hpp"

using namespace simtest;
using karb::sim::limit_group;
using karb::sim::rate_limiter;

TEST(RateLimiter, CountsDownWithinASecondAndResetsOnTheNext) {
  rate_limiter rl;
  limit_group g{"order", 8, true};
  for (int i = 0; i < 8; ++i) {
    auto v = rl.take(g, "k", 5000);
    EXPECT_EQ(v.status, 200);
    EXPECT_EQ(v.remaining, 7 - i);
  }
  EXPECT_EQ(rl.take(g, "k", 5999).status, 429);
  EXPECT_EQ(rl.take(g, "other-key", 5999).status, 200);
  auto next = rl.take(g, "k", 6000);
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.header, "group=order; min=480; sec=7");
}

TEST(RateLimiter, RepeatedAbuseGetsABlockThatDoubles) {
  rate_limiter rl;
  limit_group g{"default", 2, true};
  auto flood = [&](int64_t t) {
    int last = 0;
    for (int i = 0; i < 2 + rate_limiter::abuse_threshold; ++i)
      last = rl.take(g, "k", t).status;
    return last;
  };
  EXPECT_EQ(flood(10'000), 418);
  EXPECT_EQ(rl.take(g, "k", 11'500).status, 418); // still blocked (2 s)
  EXPECT_EQ(rl.take(g, "k", 12'100).status, 200);
  EXPECT_EQ(flood(13'000), 418);
  EXPECT_EQ(rl.take(g, "k", 16'500).status, 418); // second block: 4 s
  EXPECT_EQ(rl.take(g, "k", 17'100).status, 200);
}

TEST(RouterRateLimit, QuotationGroupGives429WithHeader) {
  sim_fixture f;
  std::vector<int> statuses;
  std::string last_header;
  for (int i = 0; i < 11; ++i) {
    auto r = f.sim.handle_http(0, make("GET", "/v1/ticker?markets=KRW-BTC"),
                               f.now);
    statuses.push_back(r.response.status);
    last_header = std::string{r.response.get("Remaining-Req")};
  }
  EXPECT_EQ(statuses[9], 200);
  EXPECT_EQ(statuses[10], 429);
  EXPECT_EQ(last_header, "group=ticker; min=600; sec=0");
}

TEST(RouterRateLimit, BithumbGroupsAreWider) {
  sim_fixture f;
  for (int i = 0; i < 150; ++i)
    ASSERT_EQ(f.sim.handle_http(1, make("GET", "/v1/ticker?markets=KRW-BTC"),
                                f.now).response.status, 200);
  EXPECT_EQ(f.sim.handle_http(1, make("GET", "/v1/ticker?markets=KRW-BTC"),
                              f.now).response.status, 429);
}

TEST(RouterRateLimit, OrderGroupIsPerAccountAtEightPerSecond) {
  sim_fixture f;
  std::string body = R"({"market":"KRW-BTC","side":"bid","volume":"0.0005","price":"10000000","ord_type":"limit"})";
  int ok = 0, limited = 0;
  for (int i = 0; i < 9; ++i) {
    auto req = make("POST", "/v1/orders", body);
    sign(req, f.up, f.now);
    auto r = f.sim.handle_http(0, req, f.now);
    if (r.response.status == 201)
      ++ok;
    if (r.response.status == 429)
      ++limited;
  }
  EXPECT_EQ(ok, 8);
  EXPECT_EQ(limited, 1);
}
