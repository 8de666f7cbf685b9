// The arbitrage loop end to end: the karb binary against karb-sim. A forced
// spread trades and both books agree; a spread below the fees does not;
// risk limits deny with their reason.

#include <thread>

#include <gtest/gtest.h>

#include "tests/trading/books.hpp"
#include "tests/trading/harness.hpp"

namespace karb::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

// Orders the simulator received (POSTs in its request log).
int order_posts(trading_env& env) {
  int n = 0;
  for (auto& j : log_lines(env.dir() / "requests.jsonl"))
    n += j.value("method", "") == "POST" ? 1 : 0;
  return n;
}

// The node has both books live (each venue's book logged healthy).
bool node_watching(trading_env& env, std::chrono::milliseconds limit) {
  return env.wait_books(limit);
}

TEST(Trading, ForcedSpreadTradesAndBothBooksAgree) {
  trading_env env{"spread"};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(40)));
  env.start_node();
  ASSERT_TRUE(env.wait_final_trades(1, 20s)) << env.dump();
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(0)));
  ASSERT_TRUE(env.wait_quiet(15s)) << env.dump();
  ASSERT_EQ(env.stop_node(), 0);

  auto trades = store_trades(env.db());
  ASSERT_GE(trades.size(), 1u);
  for (auto& t : trades) {
    EXPECT_EQ(t.state, "done") << t.trade_id;
    EXPECT_EQ(t.outcome, "completed") << t.trade_id;
    EXPECT_TRUE(t.pnl_krw.is_positive()) << t.pnl_krw.to_string();
  }
  // Bithumb is 40 bp dearer: every trade bought on Upbit, sold on Bithumb.
  auto moved = sim_deltas(env.start_state, sim_state(env.admin()));
  EXPECT_TRUE(moved["upbit"].base.is_positive());
  EXPECT_TRUE(moved["bithumb"].base.is_negative());
  auto pnl = expect_books_agree(env);
  EXPECT_TRUE(pnl.is_positive());
  expect_no_duplicate_orders(sim_state(env.admin()));
  // Each trade's outcome went out on the bus and into the log.
  auto closed = events_named(env.log(), "trade_finished");
  EXPECT_EQ(closed.size(), trades.size());
  auto reported = 0;
  for (auto& j : events_named(env.log(), "position_closed"))
    reported += j["fields"].value("outcome", "") == "completed" ? 1 : 0;
  EXPECT_EQ(reported, static_cast<int>(trades.size()));
}

TEST(Trading, SpreadBelowFeesPlacesNoOrder) {
  trading_env env{"nospread"};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  // 5 bp is below the 10 bp of taker fees on both legs.
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(5)));
  env.start_node();
  ASSERT_TRUE(node_watching(env, 15s));
  // The observation window: a few seconds of live books.
  std::this_thread::sleep_for(4s);
  EXPECT_EQ(order_posts(env), 0);
  EXPECT_TRUE(sim_orders(sim_state(env.admin())).empty());
  EXPECT_TRUE(store_orders(env.db()).empty());
  EXPECT_TRUE(store_trades(env.db()).empty());
  // The control: the same node trades once the spread clears the fees.
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(40)));
  EXPECT_TRUE(wait_until([&] { return order_posts(env) > 0; }, 15s));
  env.kill_node();
}

struct limit_case {
  const char* name;
  const char* key;
  const char* value;
  const char* reason; ///< the denial's code
};

void PrintTo(const limit_case& c, std::ostream* os) {
  *os << c.key << " = " << c.value;
}

class TradingRisk : public ::testing::TestWithParam<limit_case> {};

TEST_P(TradingRisk, LimitDeniesWithItsReasonAndNoOrderIsPlaced) {
  auto c = GetParam();
  trading_env env{std::string{"risk-"} + c.name};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  env.cfg.risk[c.key] = c.value;
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(40)));
  env.start_node();
  // Denials on limits are RISK_LIMIT_BREACH events (warn: flushed at
  // once). Two of them: the strategy's retry after its cool-down is
  // denied as well.
  ASSERT_TRUE(wait_until(
    [&] { return events_named(env.log(), "risk_limit_breach").size() >= 2; },
    20s))
    << env.dump();
  ASSERT_EQ(env.stop_node(), 0);
  for (auto& j : events_named(env.log(), "risk_limit_breach"))
    EXPECT_EQ(j["fields"].value("reason", ""), c.reason) << j.dump();
  EXPECT_EQ(order_posts(env), 0);
  EXPECT_TRUE(store_orders(env.db()).empty());
}

INSTANTIATE_TEST_SUITE_P(
  Limits, TradingRisk,
  ::testing::Values(
    // 1,000 KRW per trade is under the 5,000 KRW minimum order.
    limit_case{"max_notional", "max_notional", "{KRW: 1000}",
               "below_min_order"},
    // Keeping 200M KRW on a venue that holds 100M leaves nothing to buy.
    limit_case{"min_balance", "min_balance", "{BTC: 0.05, KRW: 200000000}",
               "insufficient_quote"},
    // A 1 % minimum on a ~30 bp net spread.
    limit_case{"min_profit_rate", "min_profit_rate", "0.01",
               "min_profit_rate"}),
  [](const auto& info) { return std::string{info.param.name}; });

} // namespace
} // namespace karb::test
