// The derivatives strategies end to end: the karb binary against karb-sim's
// OKX and Bybit (spot and perpetuals on one account each).
// - spot_perp_basis: the OKX swap forced rich opens a hedge (long spot,
//   short swap); the basis brought back closes it; the two trades' PnL is
//   what the venue's account moved.
// - funding_rate: a forced positive Bybit rate opens a hedge; two
//   settlements fast-forwarded at the simulator are read back from the
//   venue, credited to the hedge and shown in the funding PnL; the rate
//   forced negative exits it.
// - the liquidation-distance guard halves an isolated Binance USD-M short
//   within its distance, before the simulator liquidates anything.
// - the emergency stop leaves no live order and no position within the
//   flatten wait (15 s) and halts the node.
// - an equity drawdown beyond max_drawdown halts the node.

#include <gtest/gtest.h>

#include "tests/trading/derivatives_env.hpp"

namespace karb::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

const std::string basis_strategy
  = "{id: btc-basis, type: spot_perp_basis, venues: [okx_spot, okx_swap], "
    "symbols: [BTC], max_size: 0.01, entry_threshold: 0.001, "
    "exit_threshold: 0.0005, funding_horizon_periods: 1, "
    "max_holding_s: 600}";

const std::string funding_strategy
  = "{id: btc-funding, type: funding_rate, venues: [bybit_spot, "
    "bybit_linear], symbols: [BTC], max_size: 0.01, min_annual_edge: 0.5, "
    "funding_horizon_periods: 3, max_holding_s: 600}";

/// The simulator's `basis` fault: the perpetual alone moves bp over spot.
json shift(const char* venue, const char* market, int bp) {
  return {{"venue", venue}, {"fault", "basis"}, {"market", market},
          {"bp", bp}};
}

json force_rate(const char* venue, const char* market, const char* rate) {
  return {{"venue", venue}, {"fault", "funding_rate"}, {"market", market},
          {"rate", rate}};
}

bool completed(const std::vector<store_trade>& ts, size_t n) {
  if (ts.size() < n)
    return false;
  for (size_t i = 0; i < n; ++i)
    if (ts[i].outcome != "completed")
      return false;
  return true;
}

decimal sum_pnl(const std::vector<store_trade>& ts) {
  decimal s;
  for (const auto& t : ts)
    s += t.pnl_krw;
  return s;
}

TEST(DerivativesTrading, ABasisHedgeOpensRichAndClosesOnConvergence) {
  derivatives_env env{"basis"};
  ASSERT_TRUE(env.ok()) << env.error();
  auto usdt0 = env.held("okx", "USDT");
  auto btc0 = env.held("okx", "BTC");
  ASSERT_TRUE(sim_fault(env.admin(), shift("okx", "BTC-USDT-SWAP", 80)));
  env.start_node({basis_strategy});
  ASSERT_TRUE(wait_until(
    [&] { return completed(store_trades_of(env.db(), "btc-basis"), 1); }, 45s))
    << "no hedge opened; see " << env.dir();
  // Open: long spot, short the swap.
  EXPECT_TRUE(env.position("okx", "BTC-USDT-SWAP").is_negative());
  ASSERT_TRUE(sim_fault(env.admin(), shift("okx", "BTC-USDT-SWAP", 0)));
  ASSERT_TRUE(wait_until(
    [&] { return completed(store_trades_of(env.db(), "btc-basis"), 2); }, 45s))
    << "the hedge did not close; see " << env.dir();
  ASSERT_EQ(env.node().stop(), 0);
  auto trades = store_trades_of(env.db(), "btc-basis");
  ASSERT_EQ(trades.size(), 2u);
  EXPECT_TRUE(env.position("okx", "BTC-USDT-SWAP").is_zero());
  auto exits = events_named(env.log(), "hedge_exiting");
  ASSERT_EQ(exits.size(), 1u);
  EXPECT_EQ(exits[0]["fields"].value("reason", ""), "converged");
  // The venue's account moved by the two trades' PnL: USDT, plus the BTC
  // fee of the spot buy valued at the entry (0.01 BTC ~ 714 USDT).
  auto moved_usdt = env.held("okx", "USDT") - usdt0;
  auto moved_btc = env.held("okx", "BTC") - btc0;
  auto pnl = sum_pnl(trades);
  auto btc_value = decimal::mul(moved_btc, dec("71400")).value_or(decimal{});
  auto off = (moved_usdt + btc_value - pnl).abs();
  EXPECT_LE(off, dec("0.5")) << "venue " << moved_usdt.to_string() << " USDT "
                             << moved_btc.to_string() << " BTC, store "
                             << pnl.to_string();
  // 80 bp captured less 0.3 % of fees leaves a profit.
  EXPECT_TRUE(pnl.is_positive()) << pnl.to_string();
}

TEST(DerivativesTrading, FundingIsCreditedAndAFlipExits) {
  derivatives_env env{"funding"};
  ASSERT_TRUE(env.ok()) << env.error();
  ASSERT_TRUE(sim_fault(env.admin(), force_rate("bybit", "BTCUSDT", "0.003")));
  env.start_node({funding_strategy});
  ASSERT_TRUE(wait_until(
    [&] { return completed(store_trades_of(env.db(), "btc-funding"), 1); }, 45s))
    << "no funding hedge opened; see " << env.dir();
  auto short_size = env.position("bybit", "BTCUSDT");
  ASSERT_TRUE(short_size.is_negative());
  // Two settlements at once: the short receives 2 x 0.003 x 0.01 x mark.
  auto r = http_call(env.admin(), "POST", "/funding",
                     json{{"venue", "bybit"}, {"count", 2}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(wait_until(
    [&] { return events_named(env.log(), "funding_credited").size() >= 2; },
    20s))
    << "no payment credited; see " << env.dir();
  decimal booked;
  auto state = sim_state(env.admin());
  for (auto& p : state["venues"]["bybit"]["funding"]["payments"])
    booked += decimal::parse(p.value("amount", "0")).value_or(decimal{});
  EXPECT_TRUE(booked.is_positive());
  decimal credited;
  for (auto& e : events_named(env.log(), "funding_credited"))
    credited += decimal::parse(e["fields"].value("amount", "0"))
                  .value_or(decimal{});
  EXPECT_EQ(credited, booked);
  auto shown = env.inspect("funding");
  EXPECT_EQ(shown.rc, 0) << shown.out;
  EXPECT_NE(shown.out.find(booked.to_string()), std::string::npos)
    << shown.out;
  // The rate turns: the hedge exits on the flip.
  ASSERT_TRUE(sim_fault(env.admin(), force_rate("bybit", "BTCUSDT",
                                                "-0.001")));
  ASSERT_TRUE(wait_until(
    [&] { return completed(store_trades_of(env.db(), "btc-funding"), 2); }, 45s))
    << "no exit on the flip; see " << env.dir();
  auto exits = events_named(env.log(), "hedge_exiting");
  ASSERT_EQ(exits.size(), 1u);
  EXPECT_EQ(exits[0]["fields"].value("reason", ""), "funding_flip");
  EXPECT_TRUE(env.position("bybit", "BTCUSDT").is_zero());
  ASSERT_EQ(env.node().stop(), 0);
}

TEST(DerivativesTrading, TheGuardHalvesAShortNearItsLiquidationPrice) {
  derivatives_env env{"guard"};
  ASSERT_TRUE(env.ok()) << env.error();
  ASSERT_TRUE(sim_fault(env.admin(), shift("binance_usdm", "BTCUSDT", 80)));
  // An isolated short at leverage 5 is liquidated about 19 % above its
  // entry: a guard distance of 0.25 is within it from the start.
  env.start_node({"{id: btc-basis-bn, type: spot_perp_basis, venues: "
                  "[binance_spot, binance_usdm], symbols: [BTC], "
                  "max_size: 0.01, entry_threshold: 0.001, "
                  "exit_threshold: 0.0005, funding_horizon_periods: 1}"},
                 {"liquidation_guard: {distance: 0.25, reduce_fraction: 0.5, "
                  "cooldown_s: 600}"});
  ASSERT_TRUE(wait_until(
    [&] {
      return completed(store_trades_of(env.db(), "btc-basis-bn"), 1);
    },
    45s))
    << "no hedge opened; see " << env.dir();
  ASSERT_TRUE(wait_until(
    [&] {
      auto guards = store_trades_of(env.db(), "liquidation_guard");
      return !guards.empty() && guards[0].outcome == "completed";
    },
    30s))
    << "the guard did not reduce the short; see " << env.dir();
  // Half of 0.01 closed, reduce-only: 0.005 short left.
  EXPECT_EQ(env.position("binance_usdm", "BTCUSDT"), dec("-0.005"));
  EXPECT_TRUE(
    sim_state(env.admin())["venues"]["binance_usdm"]["liquidations"].empty());
  ASSERT_EQ(env.node().stop(), 0);
}

TEST(DerivativesTrading, AnEmergencyStopLeavesNoOrderAndNoPosition) {
  derivatives_env env{"emergency"};
  ASSERT_TRUE(env.ok()) << env.error();
  ASSERT_TRUE(sim_fault(env.admin(), shift("okx", "BTC-USDT-SWAP", 80)));
  env.start_node({basis_strategy});
  ASSERT_TRUE(wait_until(
    [&] { return completed(store_trades_of(env.db(), "btc-basis"), 1); }, 45s))
    << "no hedge opened; see " << env.dir();
  ASSERT_TRUE(env.position("okx", "BTC-USDT-SWAP").is_negative());
  auto started = std::chrono::steady_clock::now();
  auto r = env.inspect("emergency-stop test");
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(r.rc, 0) << r.out;
  EXPECT_LT(took, 20s); // flatten_wait (15 s) plus the round trips
  EXPECT_TRUE(env.position("okx", "BTC-USDT-SWAP").is_zero()) << r.out;
  EXPECT_EQ(env.live_orders(), 0u);
  auto status = env.inspect("risk");
  EXPECT_NE(status.out.find("HALTED"), std::string::npos) << status.out;
  ASSERT_EQ(env.node().stop(), 0);
}

TEST(DerivativesTrading, AnEquityDrawdownBeyondTheLimitHalts) {
  derivatives_env env{"drawdown"};
  ASSERT_TRUE(env.ok()) << env.error();
  ASSERT_TRUE(sim_fault(env.admin(), shift("okx", "BTC-USDT-SWAP", 80)));
  // A limit of one millionth of the equity: the hedge's fees (about 1
  // USDT on some 400,000 USDT of capital) breach it.
  env.start_node({basis_strategy}, {"max_drawdown: 0.000001"});
  ASSERT_TRUE(wait_until(
    [&] {
      for (auto& e : events_named(env.log(), "emergency_stop"))
        if (e["fields"].value("reason", "").rfind("max_drawdown", 0) == 0)
          return true;
      return false;
    },
    45s))
    << "no drawdown halt; see " << env.dir();
  auto status = env.inspect("risk");
  EXPECT_NE(status.out.find("HALTED: max_drawdown"), std::string::npos)
    << status.out;
  ASSERT_EQ(env.node().stop(), 0);
}

} // namespace
} // namespace karb::test
