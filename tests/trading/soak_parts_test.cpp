// The long soak's pure parts: the slope fit, the fault schedule, reading
// counters out of the node's /metrics text.

#include <cmath>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "tests/trading/demo_env.hpp"
#include "tests/trading/fault_schedule.hpp"
#include "tests/trading/slope_fit.hpp"

namespace karb::test {
namespace {

TEST(SlopeFit, ALineSampledAfterTheWarmUpGivesItsSlopePerHour) {
  // 2 units a minute = 120 an hour; the first two samples (warm-up, wild)
  // are left out.
  std::vector<std::pair<double, double>> s{{0, 900}, {30, 5}};
  for (int t = 60; t <= 600; t += 10)
    s.emplace_back(t, 1000 + 2.0 * t / 60);
  auto f = fit_slope(s, 60);
  ASSERT_TRUE(f);
  EXPECT_NEAR(f->per_hour, 120.0, 1e-9);
  EXPECT_EQ(f->samples, 55u);
  EXPECT_DOUBLE_EQ(f->first, 1002);
  EXPECT_DOUBLE_EQ(f->last, 1020);
}

TEST(SlopeFit, AFlatSeriesWithNoiseHasAboutZeroSlope) {
  std::vector<std::pair<double, double>> s;
  for (int t = 0; t < 360; ++t)
    s.emplace_back(t * 10, 500 + (t % 2 ? 3 : -3));
  auto f = fit_slope(s, 0);
  ASSERT_TRUE(f);
  // The alternating noise leaves a tiny slope: |cov| / var of the times.
  EXPECT_LT(std::abs(f->per_hour), 0.1);
}

TEST(SlopeFit, FewerThanTwoSamplesOrOneInstantGiveNoFit) {
  EXPECT_FALSE(fit_slope({}, 0));
  EXPECT_FALSE(fit_slope({{10, 1}, {20, 2}}, 15));
  EXPECT_FALSE(fit_slope({{10, 1}, {10, 2}}, 0));
}

TEST(FaultSchedule, TheSameSeedGivesTheSameFaultsAndEveryKindAppears) {
  std::map<std::string, int> kinds;
  std::set<std::string> venues;
  for (uint64_t n = 0; n < 300; ++n) {
    auto a = draw_fault(7, n);
    EXPECT_EQ(a.spec, draw_fault(7, n).spec);
    ++kinds[a.kind];
    auto v = a.spec["venue"].get<std::string>();
    venues.insert(v);
    if (a.kind == "gap") {
      EXPECT_TRUE(v != "upbit" && v != "bithumb") << a.spec;
    }
    if (a.kind == "bad_frames") {
      EXPECT_EQ(a.spec["share"], 0.2);
    }
    if (a.kind == "stall") {
      EXPECT_GE(a.spec["ms"], 1000);
      EXPECT_LE(a.spec["ms"], 5000);
    }
  }
  EXPECT_EQ(kinds.size(), 6u);
  for (auto& [k, n] : kinds)
    EXPECT_GT(n, 20) << k; // about 50 each
  EXPECT_EQ(venues.size(), 6u);
  int differ = 0;
  for (uint64_t n = 0; n < 50; ++n)
    differ += draw_fault(7, n).spec != draw_fault(8, n).spec;
  EXPECT_GT(differ, 30);
}

const char* const metrics = R"(# HELP karb_venue_frame_errors_total x
# TYPE karb_venue_frame_errors_total counter
karb_venue_frame_errors_total{venue="upbit"} 3
karb_venue_frame_errors_total{venue="okx_spot"} 4
karb_venue_frame_errors_total_other{venue="okx_spot"} 100
karb_venue_frame_errors{venue="okx_spot"} 100
karb_other_total{xvenue="a",venue="bybit_spot"} 2
karb_process_open_fds 17
)";

TEST(MetricsText, SamplesAreSummedOverLabelsAndSplitByOne) {
  EXPECT_EQ(metric_sum(metrics, "karb_venue_frame_errors_total"), 7);
  EXPECT_EQ(metric_sum(metrics, "karb_process_open_fds"), 17);
  EXPECT_EQ(metric_sum(metrics, "karb_absent"), 0);
  auto by = metric_by(metrics, "karb_venue_frame_errors_total", "venue");
  EXPECT_EQ(by, (std::map<std::string, double>{{"okx_spot", 4},
                                               {"upbit", 3}}));
  EXPECT_EQ(metric_by(metrics, "karb_other_total", "venue"),
            (std::map<std::string, double>{{"bybit_spot", 2}}));
}

} // namespace
} // namespace karb::test
