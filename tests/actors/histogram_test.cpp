// Log-linear latency histogram.

#include <gtest/gtest.h>

#include "actors/book/book_latency.hpp"
#include "actors/metrics/histogram.hpp"

using karb::metrics::histogram;

TEST(Histogram, BucketsAreExactBelow256AndWithinOnePercentAbove) {
  for (uint64_t v : {0ull, 1ull, 255ull})
    EXPECT_EQ(histogram::upper_bound_of(histogram::index_of(v)), v);
  EXPECT_EQ(histogram::index_of(256), 256u);
  EXPECT_EQ(histogram::index_of(257), 256u);
  EXPECT_EQ(histogram::upper_bound_of(256), 257u);
  EXPECT_EQ(histogram::index_of(258), 257u);
  for (uint64_t v = 300; v < 60'000'000'000ull; v = v * 3 + 7) {
    auto i = histogram::index_of(v);
    auto ub = histogram::upper_bound_of(i);
    EXPECT_GE(ub, v);
    EXPECT_LE(ub - v, v / 128) << v;
    if (i > 0) {
      EXPECT_LT(histogram::upper_bound_of(i - 1), v) << v;
    }
  }
  EXPECT_EQ(histogram::index_of(UINT64_MAX), histogram::bucket_count - 1);
  EXPECT_EQ(histogram::upper_bound_of(histogram::bucket_count - 1),
            histogram::max_trackable);
}

TEST(Histogram, StatisticsOfKnownValues) {
  histogram h;
  EXPECT_EQ(h.percentile(50), 0u);
  for (int v = 1; v <= 100; ++v)
    h.record(v);
  h.record(-5); // clock went backwards: counts as 0
  EXPECT_EQ(h.count(), 101u);
  EXPECT_EQ(h.min(), 0u);
  EXPECT_EQ(h.max(), 100u);
  EXPECT_DOUBLE_EQ(h.mean(), 5050.0 / 101);
  EXPECT_EQ(h.percentile(50), 50u);  // 51st smallest of 0..100
  EXPECT_EQ(h.percentile(99), 99u);
  EXPECT_EQ(h.percentile(100), 100u);
}

TEST(Histogram, PercentileAtBucketResolutionClampedToMax) {
  histogram h;
  for (int i = 0; i < 99; ++i)
    h.record(100);
  h.record(1'000'000); // one outlier: 1 ms
  EXPECT_EQ(h.percentile(99), 100u);
  // 1000000 lies in [999424, 1003519] (width 2^12); clamped to the max.
  EXPECT_EQ(h.percentile(99.9), 1'000'000u);
  EXPECT_EQ(histogram::upper_bound_of(histogram::index_of(1'000'000)),
            1'003'519u);
}

TEST(Histogram, MergeResetAndExport) {
  histogram a, b;
  a.record(10);
  a.record(300);
  b.record(10);
  b.record(70'000'000'000); // beyond range: last bucket, exact max kept
  a.merge(b);
  EXPECT_EQ(a.count(), 4u);
  EXPECT_EQ(a.min(), 10u);
  EXPECT_EQ(a.max(), 70'000'000'000u);
  auto buckets = a.export_buckets();
  ASSERT_EQ(buckets.size(), 3u);
  EXPECT_EQ(buckets[0].upper_bound_ns, 10u);
  EXPECT_EQ(buckets[0].cumulative_count, 2u);
  EXPECT_EQ(buckets[1].upper_bound_ns, 301u); // [300, 301]
  EXPECT_EQ(buckets[1].cumulative_count, 3u);
  EXPECT_EQ(buckets[2].upper_bound_ns, histogram::max_trackable);
  EXPECT_EQ(buckets[2].cumulative_count, 4u);
  EXPECT_EQ(a.count_at_or_below(10), 2u);
  EXPECT_EQ(a.count_at_or_below(1'000), 3u);
  a.reset();
  EXPECT_EQ(a.count(), 0u);
  EXPECT_EQ(a.max(), 0u);
  EXPECT_TRUE(a.export_buckets().empty());
}

TEST(BookLatency, RecordsBothLegsAndCountsSkew) {
  karb::book::book_latency l;
  l.record(1'000'000, 3'500'000, 50, 1'250);
  l.record(5'000'000, 4'000'000, 0, 700); // venue clock ahead of ours
  EXPECT_EQ(l.exchange_to_receipt.count(), 2u);
  EXPECT_EQ(l.exchange_to_receipt.max(), 2'500'000u);
  EXPECT_EQ(l.exchange_to_receipt.min(), 0u);
  EXPECT_EQ(l.clock_skew_count, 1u);
  EXPECT_EQ(l.receipt_to_applied.min(), 700u);
  EXPECT_EQ(l.receipt_to_applied.max(), 1'200u);
}

TEST(BookLatency, AVenueStampFarOutOfRangeSaturatesInsteadOfOverflowing) {
  // 1.7e18 - (-9.2e18) does not fit int64: recorded as the largest value.
  karb::book::book_latency l;
  l.record(INT64_MIN + 1, 1'700'000'000'000'000'000, 0, 1);
  EXPECT_EQ(l.exchange_to_receipt.max(), uint64_t{INT64_MAX});
  EXPECT_EQ(l.clock_skew_count, 0u);
  l.record(INT64_MAX, -1'000, 0, 1); // and the other way: skew
  EXPECT_EQ(l.clock_skew_count, 1u);
  EXPECT_EQ(karb::book::saturated_difference(5, 7), -2);
}
