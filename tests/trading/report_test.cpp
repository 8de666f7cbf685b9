// `karb report --date` end to end: the node trades against karb-sim, stops,
// and the report over its store agrees with the simulator's balances; a
// balance changed at the simulator is flagged MISMATCH with exit code 3.
// Also the node's audit file: one JSON line per stored audit row.

#include <ctime>
#include <fstream>

#include <gtest/gtest.h>

#include "tests/trading/harness.hpp"

namespace karb::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

std::string utc_date(int64_t ns) {
  auto t = static_cast<std::time_t>(ns / 1'000'000'000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
  return buf;
}

std::vector<std::string> file_lines(const std::filesystem::path& p) {
  std::vector<std::string> out;
  std::ifstream in{p};
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

TEST(Report, TradedDayMatchesTheVenuesThenFlagsAChangedBalance) {
  trading_env env{"report"};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(40)));
  env.start_node();
  ASSERT_TRUE(env.wait_final_trades(1, 20s)) << env.dump();
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(0)));
  ASSERT_TRUE(env.wait_quiet(15s)) << env.dump();
  // The portfolio refreshes balances after each trade: wait for a stored
  // snapshot newer than the last trade's last change.
  auto db = env.db();
  ASSERT_TRUE(wait_until(
    [&] {
      return store_int(db, "SELECT MAX(ts_ns) FROM balances")
             > store_int(db, "SELECT MAX(updated_ns) FROM trades");
    },
    15s))
    << env.dump();
  ASSERT_EQ(env.stop_node(), 0);

  auto trades = store_trades(db);
  auto day = utc_date(store_int(db, "SELECT MIN(created_ns) FROM trades"));
  auto config = (env.dir() / "karb.yaml").string();
  auto r = run_karb({"report", "--date", day, "--config", config, "--json"});
  ASSERT_EQ(r.rc, 0) << r.out;
  auto j = json::parse(r.out, nullptr, false);
  ASSERT_TRUE(j.is_object()) << r.out;
  EXPECT_EQ(j["trades"], static_cast<int64_t>(trades.size()));
  EXPECT_GT(j["trades"].get<int64_t>(), 0);
  EXPECT_EQ(j["outcomes"].value("completed", 0),
            static_cast<int64_t>(trades.size()));
  EXPECT_EQ(j["venues_checked"], true) << r.out;
  EXPECT_EQ(j["mismatches"], 0) << r.out;
  EXPECT_GE(j["checks"].size(), 4u) << r.out; // KRW and BTC on each venue
  for (auto& c : j["checks"])
    EXPECT_TRUE(c["checked"].get<bool>()) << c.dump();
  EXPECT_TRUE(j["open_orders"].empty()) << r.out;
  EXPECT_GE(j["balances"].size(), 4u) << r.out;

  // The table, in KST.
  r = run_karb({"report", "--date", day, "--config", config, "--tz",
                "+09:00"});
  EXPECT_EQ(r.rc, 0) << r.out;
  EXPECT_NE(r.out.find("(UTC+09:00: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("OK, no mismatch"), std::string::npos) << r.out;

  // The audit file holds exactly the store's audit rows, as JSON lines.
  auto lines = file_lines(env.dir() / "audit.jsonl");
  EXPECT_EQ(static_cast<int64_t>(lines.size()),
            store_int(db, "SELECT COUNT(*) FROM audit"));
  EXPECT_FALSE(lines.empty());
  for (auto& l : lines) {
    auto a = json::parse(l, nullptr, false);
    ASSERT_TRUE(a.is_object()) << l;
    EXPECT_FALSE(a.value("trade_id", "").empty()) << l;
    EXPECT_EQ(a.value("ts", "").back(), 'Z') << l;
  }

  // 1,000 KRW more on Upbit than the node knows of.
  auto krw = sim_total(sim_state(env.admin()), "upbit", "KRW");
  auto more = (krw + dec("1000")).to_string();
  ASSERT_EQ(http_call(env.admin(), "POST", "/balance",
                      json{{"venue", "upbit"}, {"currency", "KRW"},
                           {"balance", more}}.dump())
              .status,
            200);
  r = run_karb({"report", "--date", day, "--config", config});
  EXPECT_EQ(r.rc, 3) << r.out;
  EXPECT_NE(r.out.find("MISMATCH"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 MISMATCH"), std::string::npos) << r.out;

  // Offline: the store alone, said so, no mismatch possible.
  r = run_karb({"report", "--date", day, "--db", db.string(), "--offline"});
  EXPECT_EQ(r.rc, 0) << r.out;
  EXPECT_NE(r.out.find("venue column not checked (--offline)"),
            std::string::npos) << r.out;
}

TEST(Report, BadArgumentsExitTwoAndAMissingStoreOne) {
  EXPECT_EQ(run_karb({"report"}).rc, 2);
  EXPECT_EQ(run_karb({"report", "--date", "2026-13-01", "--offline", "--db",
                      "x.db"}).rc, 2);
  EXPECT_EQ(run_karb({"report", "--date", "2026-11-21", "--tz", "KST",
                      "--offline", "--db", "x.db"}).rc, 2);
  auto r = run_karb({"report", "--date", "2026-11-21", "--offline", "--db",
                     "/nonexistent/karb.db"});
  EXPECT_EQ(r.rc, 1) << r.out;
  EXPECT_NE(r.out.find("no store at /nonexistent/karb.db"),
            std::string::npos) << r.out;
  r = run_karb({"report", "--help"});
  EXPECT_EQ(r.rc, 0);
  EXPECT_NE(r.out.find("exit codes"), std::string::npos) << r.out;
}

} // namespace
} // namespace karb::test
