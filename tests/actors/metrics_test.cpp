#include "actors/metrics/registry.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <unistd.h>

using namespace karb::metrics;

namespace {

void fill_sample(registry& r) {
  r.get_counter("karb_orders_total", "orders sent", {{"venue", "upbit"}})
    .add(3);
  r.get_gauge("karb_balance_krw", "KRW \"free\" balance",
              {{"venue", "bit\"humb"}})
    .set(1.5);
  auto& l = r.get_latency("karb_tick_to_order_seconds", "tick to order");
  l.record_ns(3'000);   // 3 µs
  l.record_ns(40'000);  // 40 µs
}

} // namespace

TEST(Metrics, RendersPrometheusTextExactly) {
  registry r;
  fill_sample(r);
  auto text = r.render();
  EXPECT_NE(text.find("# TYPE karb_orders_total counter\n"
                      "karb_orders_total{venue=\"upbit\"} 3\n"),
            std::string::npos)
    << text;
  EXPECT_NE(text.find("karb_balance_krw{venue=\"bit\\\"humb\"} 1.5\n"),
            std::string::npos)
    << text;
  EXPECT_NE(text.find("karb_tick_to_order_seconds_bucket{le=\"2.5e-06\"} 0\n"
                      "karb_tick_to_order_seconds_bucket{le=\"5e-06\"} 1\n"),
            std::string::npos)
    << text;
  EXPECT_NE(text.find("karb_tick_to_order_seconds_bucket{le=\"+Inf\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("karb_tick_to_order_seconds_count 2\n"),
            std::string::npos);
}

TEST(Metrics, CopiesEveryLatencyHistogram) {
  registry r;
  r.get_counter("c", "h").add();
  r.get_latency("lat_b", "h", {{"venue", "upbit"}}).record_ns(3000);
  r.get_latency("lat_a", "h").record_ns(10);
  r.get_latency("lat_a", "h").record_ns(20);
  auto xs = r.latencies();
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(xs[0].name, "lat_a");
  EXPECT_EQ(xs[0].labels, "");
  EXPECT_EQ(xs[0].values.count(), 2u);
  EXPECT_EQ(xs[0].values.max(), 20u);
  EXPECT_EQ(xs[1].name, "lat_b");
  EXPECT_EQ(xs[1].labels, "{venue=\"upbit\"}");
  EXPECT_EQ(xs[1].values.count(), 1u);
}

TEST(Metrics, SameNameAndLabelsIsTheSameMetric) {
  registry r;
  r.get_counter("c", "h", {{"a", "1"}}).add();
  r.get_counter("c", "h", {{"a", "1"}}).add();
  r.get_counter("c", "h", {{"a", "2"}}).add();
  EXPECT_EQ(r.get_counter("c", "h", {{"a", "1"}}).value(), 2.0);
  EXPECT_THROW(r.get_gauge("c", "h"), std::logic_error);
}

TEST(Metrics, RenderedTextPassesPromtool) {
  registry reg;
  fill_sample(reg);
  auto body = reg.render();
  if (std::system("command -v promtool >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "promtool not installed (Debian package prometheus)";
  auto file = std::filesystem::temp_directory_path()
              / ("karb-metrics-" + std::to_string(::getpid()) + ".txt");
  std::ofstream{file} << body;
  auto cmd = "promtool check metrics < " + file.string() + " 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << body;
  std::filesystem::remove(file);
}
