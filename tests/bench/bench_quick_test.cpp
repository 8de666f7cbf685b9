// Runs `karb-bench --quick --json F` (karb-sim and karb as its children)
// and checks the report: every key present, values positive and plausible.
// The same for `karb-bench record` + `karb-bench replay --quick` (the node
// in-process, fed from a tape).

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using json = nlohmann::json;

TEST(KarbBench, QuickRunWritesAPlausibleReport) {
  auto out = fs::temp_directory_path()
             / ("karb-bench-test-" + std::to_string(getpid()) + ".json");
  fs::remove(out);
  std::string cmd = std::string{KARB_BIN_DIR} + "/karb-bench --quick --json "
                    + out.string() + " > " + out.string() + ".log 2>&1";
  int rc = std::system(cmd.c_str());
  std::ifstream in{out};
  std::string log;
  {
    std::ifstream l{out.string() + ".log"};
    log.assign(std::istreambuf_iterator<char>{l}, {});
  }
  ASSERT_EQ(rc, 0) << log;
  ASSERT_TRUE(in) << log;
  auto j = json::parse(in, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << log;
  for (auto* k : {"tick_to_order_us", "updates_per_s", "rss_mb", "cpu_pct",
                  "baseline_tcp_rtt_us", "baseline_ws_rtt_us", "hops_us",
                  "machine", "command", "decoded_per_s", "applied_per_s"})
    EXPECT_TRUE(j.contains(k)) << k << "\n" << log;
  auto tcp = j["baseline_tcp_rtt_us"];
  EXPECT_GT(tcp["p50"].get<double>(), 0);
  EXPECT_LT(tcp["p50"].get<double>(), 10000);
  EXPECT_GE(tcp["p99"].get<double>(), tcp["p50"].get<double>());
  EXPECT_GT(j["baseline_ws_rtt_us"]["p50"].get<double>(), 0);
  EXPECT_LT(j["baseline_ws_rtt_us"]["p50"].get<double>(), 10000);
  EXPECT_GT(j["updates_per_s"].get<double>(), 1000) << log;
  EXPECT_GT(j["decoded_per_s"].get<double>(), 1000);
  auto t = j["tick_to_order_us"];
  EXPECT_GT(t["count"].get<double>(), 0) << log;
  EXPECT_GT(t["p50"].get<double>(), 0);
  EXPECT_GE(t["p99"].get<double>(), t["p50"].get<double>());
  EXPECT_GE(t["p999"].get<double>(), t["p99"].get<double>());
  EXPECT_GT(j["rss_mb"].get<double>(), 1);
  EXPECT_LT(j["rss_mb"].get<double>(), 4000);
  EXPECT_GT(j["cpu_pct"].get<double>(), 0);
  EXPECT_GT(j["machine"]["cores"].get<int>(), 0);
  EXPECT_FALSE(j["machine"]["cpu_model"].get<std::string>().empty());
  EXPECT_NE(j["command"].get<std::string>().find("--quick"),
            std::string::npos);
  fs::remove(out);
  fs::remove(out.string() + ".log");
}

// `karb-bench record` then `karb-bench replay --quick`: the node in-process
// fed from the tape applies frames, trades on the tape's opportunities and
// reports CPU and allocations per frame.
TEST(KarbBench, ReplayQuickRunAppliesFramesAndReports) {
  auto base = fs::temp_directory_path()
              / ("karb-bench-replay-test-" + std::to_string(getpid()));
  auto tape = base.string() + ".tape";
  auto out = base.string() + ".json";
  auto log_file = base.string() + ".log";
  fs::remove(out);
  std::string bin = std::string{KARB_BIN_DIR} + "/karb-bench";
  std::string cmd = bin + " record --out " + tape
                    + " --symbols 4 --seconds 1 > " + log_file + " 2>&1 && "
                    + bin + " replay " + tape + " --quick --seconds 2 --json "
                    + out + " >> " + log_file + " 2>&1";
  int rc = std::system(cmd.c_str());
  std::string log;
  {
    std::ifstream l{log_file};
    log.assign(std::istreambuf_iterator<char>{l}, {});
  }
  ASSERT_EQ(rc, 0) << log;
  std::ifstream in{out};
  ASSERT_TRUE(in) << log;
  auto j = json::parse(in, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << log;
  for (auto* k : {"frames_delivered", "updates_per_s", "decoded_per_s",
                  "cpu_us_per_frame", "allocs_per_frame", "tick_to_order_us",
                  "rss_mb", "phases", "tape"})
    EXPECT_TRUE(j.contains(k)) << k << "\n" << log;
  EXPECT_EQ(j["mode"], "replay");
  EXPECT_GT(j["frames_delivered"].get<double>(), 1000) << log;
  auto mx = j["phases"]["max"];
  EXPECT_GT(mx["applied_per_s"].get<double>(), 1000) << log;
  EXPECT_GE(mx["decoded_per_s"].get<double>(),
            mx["applied_per_s"].get<double>());
  EXPECT_GT(mx["cpu_us_per_frame"].get<double>(), 0) << log;
  EXPECT_LT(mx["cpu_us_per_frame"].get<double>(), 10000) << log;
  if (j["allocs_counted"].get<bool>()) {
    EXPECT_GE(mx["allocs_per_frame"].get<double>(), 0) << log;
  }
  EXPECT_GT(j["phases"]["paced"]["delivered"].get<double>(), 0) << log;
  EXPECT_GT(j["tick_to_order_us"]["count"].get<double>(), 0) << log;
  EXPECT_GT(j["orders"].get<double>(), 0) << log;
  EXPECT_GT(j["rss_mb"].get<double>(), 1);
  fs::remove(tape);
  fs::remove(out);
  fs::remove(log_file);
}
