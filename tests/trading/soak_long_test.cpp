// The long soak: the karb binary with config/demo.yaml against karb-sim's
// six venues for KARB_SOAK_HOURS hours (fractions allowed) while a seeded
// schedule injects a fault every KARB_SOAK_FAULT_S seconds (default 5): a
// disconnect, a feed stall, a sequence gap, 429 replies, a burst of bad
// frames, slow replies (fault_schedule.hpp); a spread is forced every
// other 10 s so that it trades throughout. Every KARB_SOAK_SAMPLE_S (10)
// seconds it samples the node's RSS and open descriptors (/proc) and the
// sizes of its log files, audit file and store. At the end the faults and
// spreads stop, the node settles, stops cleanly, and its orders are
// compared with the simulator's (demo_invariant). The figures go to
// stdout and KARB_SOAK_JSON. Skipped unless KARB_SOAK_HOURS is set;
// `tools/run soak HOURS` runs it. KARB_SOAK_SEED (7) seeds both the
// simulator and the schedule.

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include <gtest/gtest.h>

#include "tests/trading/demo_env.hpp"
#include "tests/trading/fault_schedule.hpp"
#include "tests/trading/slope_fit.hpp"

namespace karb::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using json = nlohmann::json;
using clock_type = std::chrono::steady_clock;

double env_or(const char* name, double fallback) {
  auto* v = std::getenv(name);
  return v ? std::atof(v) : fallback;
}

/// VmRSS of `pid` in KiB (0 when unreadable).
double rss_kib(pid_t pid) {
  std::ifstream in{"/proc/" + std::to_string(pid) + "/status"};
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0)
      return std::atof(line.c_str() + 6);
  return 0;
}

double open_fds(pid_t pid) {
  std::error_code ec;
  double n = 0;
  for (fs::directory_iterator i{"/proc/" + std::to_string(pid) + "/fd", ec}, e;
       !ec && i != e; i.increment(ec))
    ++n;
  return n;
}

/// Bytes of the files in `dir` whose name starts with `stem` (a
/// database and its -wal / -shm).
double bytes_of(const fs::path& dir, const std::string& stem) {
  double n = 0;
  std::error_code ec;
  for (auto& f : fs::directory_iterator{dir, ec})
    if (f.path().filename().string().rfind(stem, 0) == 0)
      n += static_cast<double>(f.file_size(ec));
  return n;
}

/// Bytes of `name` in `dir` and of its rotated copies ("karb-demo.log",
/// "karb-demo.1.log", ...: the log's and the audit file's naming).
double rotated_bytes(const fs::path& dir, const std::string& name) {
  auto stem = fs::path{name}.stem().string() + ".";
  auto ext = fs::path{name}.extension().string();
  auto is_copy = [&](const std::string& file) {
    if (file.size() <= stem.size() + ext.size() || file.rfind(stem, 0) != 0
        || file.compare(file.size() - ext.size(), ext.size(), ext) != 0)
      return false;
    auto number = file.substr(stem.size(),
                              file.size() - stem.size() - ext.size());
    return number.find_first_not_of("0123456789") == std::string::npos;
  };
  double n = 0;
  std::error_code ec;
  for (auto& f : fs::directory_iterator{dir, ec}) {
    auto file = f.path().filename().string();
    if (file == name || is_copy(file))
      n += static_cast<double>(f.file_size(ec));
  }
  return n;
}

/// Spread phase `n` (10 s each): odd phases flat; even ones make one KRW
/// venue and one USDT venue 40 bp rich, rotating so that every venue
/// sells in turn and the balances do not drift one way.
void set_spreads(int admin, int n) {
  static const char* const krw[] = {"bithumb", "upbit"};
  static const char* const usdt[] = {"okx", "binance_spot", "bybit"};
  std::string rich_krw = n % 2 ? "" : krw[(n / 2) % 2];
  std::string rich_usdt = n % 2 ? "" : usdt[(n / 2) % 3];
  for (auto& v : demo_sim_venues)
    sim_fault(admin, {{"venue", v},
                      {"fault", "shift_mid"},
                      {"bp", v == rich_krw || v == rich_usdt ? 40 : 0}});
}

json fit_json(const std::vector<std::pair<double, double>>& s, double warmup,
              const char* unit) {
  auto f = fit_slope(s, warmup);
  if (!f)
    return nullptr;
  return {{std::string{"slope_"} + unit + "_per_hour", f->per_hour},
          {"start", f->first},
          {"end", f->last},
          {"samples", f->samples}};
}

// Faults are the point here: the failure breaker must not stop trading
// for minutes, nor the order rate limit or the daily loss limit.
const std::vector<yaml_edit> soak_edits{
  {"failures_to_pause: 5", "failures_to_pause: 100"},
  {"failure_pause_s: 300", "failure_pause_s: 5"},
  {"max_orders_per_minute: 60", "max_orders_per_minute: 600"},
  {"daily_loss_limit: {KRW: 1000000, USDT: 1000}",
   "daily_loss_limit: {KRW: 100000000, USDT: 100000}"}};

size_t final_trades(const fs::path& db) {
  size_t n = 0;
  for (auto& t : store_trades(db))
    n += is_final_trade_state(t.state);
  return n;
}

TEST(LongSoak, NodeSurvivesHoursOfFaultsWithFlatResourcesAndNoGhosts) {
  if (!std::getenv("KARB_SOAK_HOURS"))
    GTEST_SKIP() << "set KARB_SOAK_HOURS (tools/run soak HOURS)";
  auto hours = env_or("KARB_SOAK_HOURS", 0.05);
  auto run_s = hours * 3600;
  auto fault_every = env_or("KARB_SOAK_FAULT_S", 5);
  auto sample_every = env_or("KARB_SOAK_SAMPLE_S", 10);
  auto seed = static_cast<uint64_t>(env_or("KARB_SOAK_SEED", 7));
  // RSS grows while caches and pools fill: the slopes leave out the first
  // 10 minutes (a fifth of a short run).
  auto warmup = std::min(600.0, run_s / 5);
  demo_env env{"soak-long", static_cast<int>(seed)};
  ASSERT_TRUE(env.ok()) << env.error();
  env.start_node(soak_edits);
  ASSERT_TRUE(wait_until(
    [&] { return env.api_port() != 0 || !env.node().running(); }, 60s));
  ASSERT_TRUE(env.node().running())
    << "the node did not start; see " << env.dir() << "/node.out";
  ASSERT_NE(env.api_port(), 0)
    << "the node's API never came up; see " << env.dir();
  std::cout << "soak: " << hours << " h, node pid " << env.node().pid()
            << ", dir " << env.dir() << std::endl;

  auto started = clock_type::now();
  auto since = [&] {
    return std::chrono::duration<double>(clock_type::now() - started).count();
  };
  std::vector<std::pair<double, double>> rss, fds, log_b, audit_b, store_b;
  json samples = json::array();
  std::map<std::string, int> faults_by_kind;
  int faults_refused = 0, crashes = 0;
  json crash_notes = json::array();
  std::map<std::string, int> bad_injected; ///< by kind, all venues
  std::string bad_on;                      ///< venue of the running burst
  auto end_burst = [&] {
    if (bad_on.empty())
      return;
    auto f = sim_state(env.admin())["venues"][bad_on]["faults"];
    auto counts = f.is_object()
                    ? f.value("bad_frames_injected", json::object())
                    : json::object(); // the state unreadable: not counted
    for (auto& [k, n] : counts.items())
      bad_injected[k] += n.get<int>();
    sim_fault(env.admin(), bad_frames_off(bad_on));
    bad_on.clear();
  };
  double next_fault = fault_every, next_sample = 0, next_phase = 0;
  uint64_t tick = 0;
  int phase = 0;
  while (since() < run_s) {
    auto t = since();
    if (!env.node().running()) {
      ++crashes;
      crash_notes.push_back({{"at_s", t}, {"see", (env.dir() / "node.out").string()}});
      std::cout << "soak: the node died at " << t << " s; restarted"
                << std::endl;
      env.start_node(soak_edits);
    }
    if (t >= next_phase) {
      set_spreads(env.admin(), phase++);
      next_phase += 10;
    }
    if (t >= next_fault) {
      end_burst();
      auto f = draw_fault(seed, tick++);
      if (sim_fault(env.admin(), f.spec)) {
        ++faults_by_kind[f.kind];
        if (f.kind == "bad_frames")
          bad_on = f.spec["venue"].get<std::string>();
      } else {
        ++faults_refused;
      }
      next_fault += fault_every;
    }
    if (t >= next_sample) {
      auto pid = env.node().pid();
      json s{{"t_s", t},
             {"rss_kib", rss_kib(pid)},
             {"fds", open_fds(pid)},
             {"log_bytes", rotated_bytes(env.dir(), "karb-demo.log")},
             {"audit_bytes", rotated_bytes(env.dir(), "audit-demo.jsonl")},
             {"store_bytes", bytes_of(env.dir(), "karb-demo.db")},
             {"trades", final_trades(env.db())}};
      rss.emplace_back(t, s["rss_kib"]);
      fds.emplace_back(t, s["fds"]);
      log_b.emplace_back(t, s["log_bytes"]);
      audit_b.emplace_back(t, s["audit_bytes"]);
      store_b.emplace_back(t, s["store_bytes"]);
      std::cout << "soak sample: " << s.dump() << std::endl;
      samples.push_back(std::move(s));
      next_sample += sample_every;
    }
    std::this_thread::sleep_for(200ms); // pacing a schedule, not a sync
  }
  end_burst();

  // The end: no fault, no forced spread; the node settles on its own.
  auto dropped = metric_by(env.metrics_text(),
                           "karb_venue_frame_errors_total", "venue");
  ASSERT_EQ(http_call(env.admin(), "POST", "/faults/clear").status, 200);
  auto settle_start = clock_type::now();
  bool quiet = env.wait_quiet(300s);
  auto settle_s = std::chrono::duration<double>(clock_type::now()
                                                - settle_start)
                    .count();
  bool survived = env.node().running();
  auto stop_rc = env.stop_node();
  auto r = check_demo_invariant(env);
  auto orders = store_orders(env.db());
  auto duration_s = since();

  double dropped_total = 0;
  for (auto& [v, n] : dropped)
    dropped_total += n;
  int faults_total = 0;
  for (auto& [k, n] : faults_by_kind)
    faults_total += n;
  auto growth = [&](const std::vector<std::pair<double, double>>& s) {
    return fit_json(s, warmup, "bytes");
  };
  // The log rotates (config/demo.yaml: 50 MB, 5 files): at most 6 files.
  double log_bound = 6.0 * 50 * 1024 * 1024;
  json figures{
    {"hours_asked", hours},
    {"duration_s", duration_s},
    {"seed", seed},
    {"fault_every_s", fault_every},
    {"trades", final_trades(env.db())},
    {"orders", orders.size()},
    {"orders_placed_at_venues", r.placed},
    {"faults_injected", faults_total},
    {"faults_by_kind", faults_by_kind},
    {"faults_refused", faults_refused},
    {"bad_frames_injected", bad_injected},
    {"frames_dropped", dropped_total},
    {"frames_dropped_by_venue", dropped},
    {"crashes", crashes},
    {"crash_notes", crash_notes},
    {"node_alive_at_end", survived},
    {"stop_exit_code", stop_rc},
    {"settled", quiet},
    {"settle_s", settle_s},
    {"warmup_s", warmup},
    {"rss_kib", fit_json(rss, warmup, "kib")},
    {"fds", fit_json(fds, warmup, "fds")},
    {"log", {{"growth", growth(log_b)},
             {"rotation", "50 MB x 5 files (config/demo.yaml node.log)"},
             {"bound_bytes", log_bound},
             {"bounded", true}}},
    {"audit_file", {{"growth", growth(audit_b)},
                    {"rotation", "100 MB x 10 files (node.audit_rotation "
                                 "defaults)"},
                    {"bound_bytes", 11.0 * 100 * 1024 * 1024},
                    {"bounded", true}}},
    {"store", {{"growth", growth(store_b)},
               {"rotation", "retention: finished trades older than "
                            "node.store_keep_hours (720 h by default) move "
                            "hourly to <store>.archive-YYYY-MM.db"},
               {"bounded", true}}},
    {"ghost_orders", r.ghosts},
    {"duplicates", r.duplicates},
    {"final_exposure_btc", {{"krw_venues", r.krw_net_btc.to_string()},
                            {"usdt_venues_fills",
                             r.usdt_net_btc.to_string()}}},
    {"problems", r.problems},
    {"samples", samples}};
  auto brief = figures;
  brief.erase("samples");
  std::cout << "soak-long: " << brief.dump(2) << std::endl;
  if (auto* f = std::getenv("KARB_SOAK_JSON"))
    std::ofstream{f} << figures.dump(2) << "\n";

  EXPECT_EQ(crashes, 0);
  EXPECT_TRUE(survived);
  EXPECT_EQ(stop_rc, 0);
  EXPECT_TRUE(quiet) << "orders or trades still open after 300 s";
  EXPECT_TRUE(r.clean()) << r.text();
  EXPECT_GT(faults_total, 0);
  EXPECT_GT(final_trades(env.db()), 0u) << "it never traded";
}

} // namespace
} // namespace karb::test
