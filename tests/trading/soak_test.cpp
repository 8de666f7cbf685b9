// The order-safety soak: the node trades against karb-sim while a share of
// its order requests (place, cancel, lookup) get a random fault — a proxy's
// 5xx page after or before the venue, a cut body, a reset after acceptance,
// a slow reply — and the node is killed with SIGKILL every few tens of
// seconds and started again. At the end the faults stop, the node is
// killed and started once more, and the invariant must hold: no ghost, no
// duplicate, flat.
//
// KARB_SOAK_TRADES (default 12: the CI run), KARB_SOAK_KILL_S (6),
// KARB_SOAK_SHARE (0.2), KARB_SOAK_JSON (a file for the figures).
// `tools/run order-soak [TRADES]` runs it long.

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include <gtest/gtest.h>

#include "tests/trading/harness.hpp"
#include "tests/trading/invariant.hpp"

namespace karb::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;
using clock_type = std::chrono::steady_clock;

long env_or(const char* name, long fallback) {
  auto* v = std::getenv(name);
  return v ? std::atol(v) : fallback;
}

size_t final_trades(trading_env& env) {
  size_t n = 0;
  for (auto& t : store_trades(env.db()))
    n += is_final_trade_state(t.state);
  return n;
}

/// The spread the simulator shows, in a cycle of four phases: Bithumb
/// rich, flat, Upbit rich, flat (so the trades go both ways).
void set_phase(trading_env& env, int phase) {
  static const int bithumb[] = {40, 0, 0, 0};
  static const int upbit[] = {0, 0, 40, 0};
  sim_fault(env.admin(), {{"venue", "bithumb"},
                          {"fault", "shift_mid"},
                          {"bp", bithumb[phase % 4]}});
  sim_fault(env.admin(),
            {{"venue", "upbit"}, {"fault", "shift_mid"}, {"bp", upbit[phase % 4]}});
}

TEST(Soak, TradesUnderFaultsAndKillsEndWithNoGhostNoDuplicateAndFlat) {
  auto want = static_cast<size_t>(env_or("KARB_SOAK_TRADES", 12));
  auto kill_every = std::chrono::seconds{env_or("KARB_SOAK_KILL_S", 6)};
  auto share = std::atof(std::getenv("KARB_SOAK_SHARE")
                           ? std::getenv("KARB_SOAK_SHARE")
                           : "0.2");
  trading_env env{"soak"};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  // Failures are expected here: the breaker must not stop the soak.
  env.cfg.risk["failures_to_pause"] = "100";
  env.cfg.risk["failure_pause_s"] = "1";
  env.cfg.risk["daily_loss_limit"] = "{KRW: 100000000}";
  env.cfg.risk["max_orders_per_minute"] = "600";
  env.cfg.execution["reconcile_interval_s"] = "5";
  env.cfg.alerts["consecutive_order_failures"] = "0";
  ASSERT_TRUE(sim_fault(env.admin(), {{"venue", "all"},
                                      {"fault", "chaos"},
                                      {"share", share},
                                      {"scope", "order"}}));
  auto started = clock_type::now();
  // Generous: about 3 s a trade plus restarts, and never past 40 minutes.
  auto deadline = started + std::min<clock_type::duration>(
                              std::chrono::seconds{60 + 8 * want}, 40min);
  env.start_node();
  auto last_kill = clock_type::now();
  auto phase_at = clock_type::now();
  int phase = 0, kills = 0;
  set_phase(env, phase);
  while (final_trades(env) < want && clock_type::now() < deadline) {
    std::this_thread::sleep_for(250ms); // pacing a scenario, not a sync
    auto now = clock_type::now();
    if (now - phase_at >= 3s) {
      set_phase(env, ++phase);
      phase_at = now;
    }
    if (now - last_kill >= kill_every) {
      env.kill_node();
      ++kills;
      env.start_node();
      last_kill = now;
    }
  }
  auto traded = final_trades(env);
  EXPECT_GE(traded, want) << "the soak ran out of time\n" << env.dump();
  // The end: faults and spreads off, one more kill, then the node must
  // reconcile everything on its own.
  auto injected = sim_state(env.admin())["venues"]["upbit"]["faults"].value(
    "chaos_injected", json::object());
  auto injected_bt = sim_state(env.admin())["venues"]["bithumb"]["faults"]
                       .value("chaos_injected", json::object());
  ASSERT_EQ(http_call(env.admin(), "POST", "/faults/clear").status, 200);
  env.kill_node();
  ++kills;
  auto restart = clock_type::now();
  env.start_node();
  ASSERT_TRUE(env.wait_quiet(120s)) << env.dump();
  auto reconcile_s = std::chrono::duration<double>(clock_type::now()
                                                   - restart)
                       .count();
  ASSERT_EQ(env.stop_node(), 0);
  auto r = check_invariant(env);
  EXPECT_TRUE(r.clean()) << r.text() << "\n" << env.dump();
  int faults = 0;
  for (auto* m : {&injected, &injected_bt})
    for (auto& [k, v] : m->items())
      faults += v.get<int>();
  json figures{
    {"trades", final_trades(env)},
    {"orders_placed", r.venue_orders},
    {"faults_injected", faults},
    {"faults_by_kind", {{"upbit", injected}, {"bithumb", injected_bt}}},
    {"kills", kills},
    {"ghost_orders", r.ghosts},
    {"duplicates", r.duplicates},
    {"final_exposure_btc", r.net_base.to_string()},
    {"time_to_reconcile_s", reconcile_s},
    {"duration_s",
     std::chrono::duration<double>(clock_type::now() - started).count()}};
  std::cout << "soak: " << figures.dump() << "\n";
  if (auto* f = std::getenv("KARB_SOAK_JSON"))
    std::ofstream{f} << figures.dump(2) << "\n";
  EXPECT_GT(faults, 0); // the faults did happen
}

} // namespace
} // namespace karb::test
