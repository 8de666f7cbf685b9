#include <gtest/gtest.h>

#include "actors/log/failure_memo.hpp"

namespace karb::log {
namespace {

TEST(FailureMemo, ARepeatedFailureIsNewsOnce) {
  failure_memo memo;
  EXPECT_TRUE(memo.news("okx_swap settle", "not_supported"));
  EXPECT_FALSE(memo.news("okx_swap settle", "not_supported"));
  // Another key, or another failure of the same key, is news.
  EXPECT_TRUE(memo.news("bybit_linear settle", "not_supported"));
  EXPECT_TRUE(memo.news("okx_swap settle", "request_timeout"));
}

TEST(FailureMemo, AfterARecoveryTheSameFailureIsNewsAgain) {
  failure_memo memo;
  EXPECT_TRUE(memo.news("binance_usdm", "down"));
  memo.clear("binance_usdm");
  EXPECT_TRUE(memo.news("binance_usdm", "down"));
}

} // namespace
} // namespace karb::log
