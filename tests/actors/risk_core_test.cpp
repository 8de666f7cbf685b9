// The risk core: each limit denies with its reason and numbers, sizing
// reduces to fit, the failure breaker, the trading day, VaR.

#include <gtest/gtest.h>

#include "actors/risk/risk_core.hpp"

using namespace karb;
using namespace karb::risk;
using namespace std::chrono_literals;

namespace {

const time_point t0 = time_point{} + 1h;
// 2024-01-01T14:59:00Z = 23:59 in Seoul.
constexpr int64_t wall0 = 1'704'121'140'000'000'000;

arbitrage_opportunity make_opp(std::string amount = "0.04",
                               std::string profit = "30000") {
  static int next_id = 0;
  arbitrage_opportunity o;
  o.id = "s1-" + std::to_string(++next_id);
  o.symbol = "BTC/KRW";
  o.exchanges = {"upbit", "bithumb"};
  o.expected_profit = dec(profit);
  o.max_position_size = dec(amount);
  trading_signal sell;
  sell.symbol = {exchange::upbit, "BTC", "KRW", "KRW-BTC"};
  sell.signal_side = side::sell;
  sell.has_price = true;
  sell.price = dec("100000000");
  sell.amount = dec(amount);
  trading_signal buy = sell;
  buy.symbol.venue = exchange::bithumb;
  buy.signal_side = side::buy;
  buy.price = dec("99000000");
  o.entry_signals = {sell, buy};
  return o;
}

balance bal(exchange venue, std::string cur, std::string free) {
  return {venue, std::move(cur), dec(free), {}, dec(free), 0};
}

struct risk_core_test : ::testing::Test {
  risk_params params;
  std::optional<risk_core> core;

  void SetUp() override {
    params.taker_fees = {{exchange::upbit, dec("0.0005")},
                         {exchange::bithumb, dec("0.0005")}};
  }

  risk_core& make(std::string btc = "1", std::string krw = "100000000") {
    core.emplace(params);
    core->on_balances({bal(exchange::upbit, "BTC", btc),
                       bal(exchange::upbit, "KRW", "0")});
    core->on_balances({bal(exchange::bithumb, "KRW", krw),
                       bal(exchange::bithumb, "BTC", "0")});
    return *core;
  }

  decision check(const arbitrage_opportunity& o = make_opp(),
                 time_point now = t0, int64_t wall = wall0) {
    return core->check(o, now, wall);
  }

  trade_report report(std::string outcome, std::string pnl = "0",
                      std::string opportunity = {}) {
    return {"t", "s1", "BTC", std::move(outcome), dec(pnl), {}, 0,
            std::move(opportunity), "KRW"};
  }
};

} // namespace

TEST_F(risk_core_test, ApprovesWithinEveryLimit) {
  make();
  auto d = check();
  EXPECT_TRUE(d.verdict.approved);
  EXPECT_FALSE(d.reason);
  EXPECT_EQ(d.verdict.size, dec("0.04"));
  EXPECT_EQ(d.verdict.detail, "approved 0.04 BTC");
  auto s = core->status(t0, wall0);
  EXPECT_EQ(s.approvals, 1);
  EXPECT_EQ(s.open_trades, 1);
  EXPECT_EQ(s.orders_last_minute, 2);
}

TEST_F(risk_core_test, HaltDeniesAndResumeApproves) {
  make();
  core->halt("operator: exchange maintenance");
  auto d = check();
  EXPECT_FALSE(d.verdict.approved);
  EXPECT_EQ(d.reason, deny_reason::halted);
  EXPECT_EQ(d.verdict.reason, "halted");
  EXPECT_EQ(d.verdict.detail, "trading halted: operator: exchange maintenance");
  EXPECT_EQ(core->status(t0, wall0).halt_reason,
            "operator: exchange maintenance");
  core->resume();
  EXPECT_TRUE(check().verdict.approved);
  EXPECT_EQ(core->status(t0, wall0).denials.at("halted"), 1);
}

TEST_F(risk_core_test, DeniesBelowMinProfitRate) {
  make();
  auto d = check(make_opp("0.04", "19000"));
  EXPECT_EQ(d.reason, deny_reason::min_profit_rate);
  EXPECT_EQ(d.verdict.detail,
            "net rate 0.00479798 (19000 KRW on 3960000 KRW) below 0.005");
}

TEST_F(risk_core_test, UsesTheStrategysVwapCostForTheRate) {
  make();
  auto o = make_opp("0.04", "19000");
  o.metadata["cost"] = "3800000"; // 19000 / 3800000 = 0.005
  EXPECT_TRUE(check(o).verdict.approved);
}

TEST_F(risk_core_test, ReducesToTheAssetsPositionAndTheQuotesNotional) {
  make();
  auto d = check(make_opp("0.5", "400000"));
  ASSERT_TRUE(d.verdict.approved);
  // 0.5 -> 0.1 BTC, then 5,000,000 KRW / 100,000,000 = 0.05.
  EXPECT_EQ(d.verdict.size, dec("0.05"));
  EXPECT_EQ(d.verdict.detail, "size reduced from 0.5 to 0.05 BTC by "
                              "max_position, max_notional");
}

TEST_F(risk_core_test, DeniesUnderTheMinimumOrderValue) {
  make();
  auto d = check(make_opp("0.00004", "30"));
  EXPECT_EQ(d.reason, deny_reason::below_min_order);
  EXPECT_EQ(d.verdict.detail, "0.00004 BTC at 99000000 KRW is under the "
                              "minimum order value 5000 KRW");
}

TEST_F(risk_core_test, DeniesWithoutBalances) {
  core.emplace(params);
  auto d = check();
  EXPECT_EQ(d.reason, deny_reason::balance_unknown);
  EXPECT_EQ(d.verdict.detail, "no BTC balance from upbit yet");
}

TEST_F(risk_core_test, KeepsTheMinimumBaseBalance) {
  make("0.07");
  auto d = check();
  ASSERT_TRUE(d.verdict.approved);
  EXPECT_EQ(d.verdict.size, dec("0.02")); // 0.07 - 0.05 kept
  make("0.05");
  d = check();
  EXPECT_EQ(d.reason, deny_reason::insufficient_base);
  EXPECT_EQ(d.verdict.detail, "upbit BTC free 0.05, keep 0.05, reserved 0: "
                              "0 available, need 0.04");
}

TEST_F(risk_core_test, SellingAPerpetualNeedsQuoteMarginNotTheBase) {
  params.taker_fees[exchange::binance_usdm] = dec("0.0005");
  params.taker_fees[exchange::binance_spot] = dec("0.001");
  params.limits.min_balance["USDT"] = dec("0");
  params.limits.max_notional["USDT"] = dec("100000");
  params.limits.daily_loss_limit["USDT"] = dec("1000");
  auto o = make_opp("0.04", "5");
  o.symbol = "BTC/USDT";
  o.exchanges = {"binance_usdm", "binance_spot"};
  o.entry_signals[0].symbol = {exchange::binance_usdm, "BTC", "USDT",
                               "BTCUSDT", contract_type::perpetual};
  o.entry_signals[0].price = dec("70100");
  o.entry_signals[1].symbol = {exchange::binance_spot, "BTC", "USDT",
                               "BTCUSDT", contract_type::spot};
  o.entry_signals[1].price = dec("70000");
  o.metadata["cost"] = "2800";
  params.limits.min_profit_rate = dec("0.001");
  core.emplace(params);
  // The perpetual venue holds USDT only; the spot venue USDT to buy with.
  core->on_balances({bal(exchange::binance_usdm, "USDT", "2000")});
  core->on_balances({bal(exchange::binance_spot, "USDT", "100000"),
                     bal(exchange::binance_spot, "BTC", "0")});
  auto d = check(o);
  ASSERT_TRUE(d.verdict.approved) << d.verdict.detail;
  // 2000 USDT of margin at 70100 x 1.0005 = 70135.05 per BTC.
  EXPECT_EQ(d.verdict.size, dec("0.02851641"));
  EXPECT_EQ(d.verdict.detail, "size reduced from 0.04 to 0.02851641 BTC by "
                              "margin");
  // That margin is reserved: the next attempt finds none left.
  auto again = make_opp("0.04", "5");
  again.symbol = o.symbol;
  again.exchanges = o.exchanges;
  again.entry_signals = o.entry_signals;
  again.metadata = o.metadata;
  d = check(again);
  EXPECT_EQ(d.reason, deny_reason::insufficient_margin);
}

/// BTC/USDT sold on OKX, bought on Binance spot at 70,000 / 69,800.
arbitrage_opportunity usdt_opp(std::string amount) {
  auto o = make_opp(amount, "5");
  o.symbol = "BTC/USDT";
  o.exchanges = {"okx_spot", "binance_spot"};
  o.entry_signals[0].symbol = {exchange::okx_spot, "BTC", "USDT", "BTC-USDT"};
  o.entry_signals[0].price = dec("70000");
  o.entry_signals[1].symbol = {exchange::binance_spot, "BTC", "USDT",
                               "BTCUSDT"};
  o.entry_signals[1].price = dec("69800");
  o.metadata["cost"] = "2792";
  return o;
}

TEST_F(risk_core_test, UsdtLimitsHoldLikeKrwOnes) {
  params.limits.min_profit_rate = dec("0.001");
  core.emplace(params);
  for (auto v : {exchange::okx_spot, exchange::binance_spot})
    core->on_balances({bal(v, "BTC", "1"), bal(v, "USDT", "100000")});
  // No USDT limits configured: nothing trades rather than without bound.
  auto d = check(usdt_opp("0.04"));
  EXPECT_EQ(d.reason, deny_reason::no_limit);
  EXPECT_EQ(d.verdict.detail,
            "no daily loss limit for USDT (risk.daily_loss_limit)");
  params.limits.daily_loss_limit["USDT"] = dec("100");
  params.limits.max_notional["USDT"] = dec("1000");
  params.limits.min_balance["USDT"] = dec("99500");
  core.emplace(params);
  for (auto v : {exchange::okx_spot, exchange::binance_spot})
    core->on_balances({bal(v, "BTC", "1"), bal(v, "USDT", "100000")});
  d = check(usdt_opp("0.04"));
  ASSERT_TRUE(d.verdict.approved) << d.verdict.detail;
  // 1000 USDT / 70000 = 0.01428571; then 500 USDT left above the 99,500
  // kept, at 69800 x 1.0005 per BTC: 0.00715974.
  EXPECT_EQ(d.verdict.size, dec("0.00715974"));
  EXPECT_EQ(d.verdict.detail, "size reduced from 0.04 to 0.00715974 BTC by "
                              "max_notional, quote balance");
  // A USDT loss counts against the USDT limit only.
  core->on_trade_report({"t", "s1", "BTC", "completed", dec("-100"), {}, 0,
                         {}, "USDT"},
                        t0, wall0);
  EXPECT_EQ(check(usdt_opp("0.001")).reason, deny_reason::daily_loss_limit);
  // KRW's limit is untouched: a KRW trade gets past it (and stops at the
  // balances this core never saw).
  EXPECT_EQ(check(make_opp()).reason, deny_reason::balance_unknown);
}

TEST_F(risk_core_test, KeepsTheMinimumQuoteBalanceIncludingFee) {
  make("1", "3000000");
  auto d = check();
  ASSERT_TRUE(d.verdict.approved);
  // 2,000,000 / (99,000,000 * 1.0005) rounded down
  EXPECT_EQ(d.verdict.size, dec("0.02019192"));
  make("1", "1004000");
  d = check();
  EXPECT_EQ(d.reason, deny_reason::insufficient_quote);
  EXPECT_EQ(d.verdict.detail,
            "bithumb KRW free 1004000, keep 1000000, reserved 0: 4000 "
            "available, need 3961980 incl. fee");
}

TEST_F(risk_core_test, ApprovalsReserveFundsUntilTheNextSnapshot) {
  params.limits.max_concurrent_trades = 5;
  make("0.13");
  EXPECT_EQ(check().verdict.size, dec("0.04"));
  EXPECT_EQ(check().verdict.size, dec("0.04"));
  EXPECT_EQ(check().reason, deny_reason::insufficient_base);
  core->on_balances({bal(exchange::upbit, "BTC", "0.13")});
  EXPECT_TRUE(check().verdict.approved);
}

TEST_F(risk_core_test, LimitsConcurrentTrades) {
  make();
  auto first = make_opp();
  EXPECT_TRUE(check(first).verdict.approved);
  EXPECT_TRUE(check().verdict.approved);
  auto d = check();
  EXPECT_EQ(d.reason, deny_reason::max_concurrent_trades);
  EXPECT_EQ(d.verdict.detail, "2 trades open, limit 2");
  // A report of a trade risk never approved here (resumed after a restart,
  // or a release of a denied attempt) frees nothing.
  core->on_trade_report(report("completed", "1000", "elsewhere"), t0, wall0);
  EXPECT_EQ(check().reason, deny_reason::max_concurrent_trades);
  core->on_trade_report(report("completed", "1000", first.id), t0, wall0);
  EXPECT_TRUE(check().verdict.approved);
}

TEST_F(risk_core_test, ASlotWithoutAReportExpiresAfterItsTimeout) {
  params.limits.trade_slot_timeout_s = 600;
  make();
  auto a = make_opp();
  EXPECT_TRUE(check(a).verdict.approved);
  EXPECT_TRUE(check(make_opp(), t0 + 100s).verdict.approved);
  EXPECT_TRUE(core->expire_slots(t0 + 599s).empty());
  EXPECT_EQ(core->expire_slots(t0 + 600s), std::vector<std::string>{a.id});
  EXPECT_EQ(core->open_trades(), 1);
  EXPECT_EQ(core->expire_slots(t0 + 700s).size(), 1u);
  EXPECT_EQ(core->open_trades(), 0);
}

TEST_F(risk_core_test, LimitsOrdersPerMinute) {
  params.limits.max_orders_per_minute = 4;
  params.limits.max_concurrent_trades = 10;
  make();
  EXPECT_TRUE(check().verdict.approved);
  EXPECT_TRUE(check(make_opp(), t0 + 10s).verdict.approved);
  auto d = check(make_opp(), t0 + 59s);
  EXPECT_EQ(d.reason, deny_reason::order_rate);
  EXPECT_EQ(d.verdict.detail,
            "4 orders in the last minute, 2 more would pass the limit 4");
  EXPECT_TRUE(check(make_opp(), t0 + 60s).verdict.approved);
}

TEST_F(risk_core_test, DailyLossLimitResetsAtTheDayBoundary) {
  make();
  core->on_trade_report(report("completed", "-600000"), t0, wall0);
  EXPECT_TRUE(check().verdict.approved);
  core->on_trade_report(report("completed", "-400000"), t0, wall0);
  auto d = check();
  EXPECT_EQ(d.reason, deny_reason::daily_loss_limit);
  EXPECT_EQ(d.verdict.detail,
            "daily pnl -1000000 KRW reached the loss limit 1000000 KRW");
  // 00:00:30 in Seoul: a new trading day.
  auto next = wall0 + 90'000'000'000;
  EXPECT_TRUE(check(make_opp(), t0 + 90s, next).verdict.approved);
  EXPECT_TRUE(core->status(t0 + 90s, next).daily_pnl.empty());
}

TEST_F(risk_core_test, DeniesOnDrawdownFromThePeak) {
  params.limits.daily_loss_limit["KRW"] = dec("100000000");
  params.limits.max_concurrent_trades = 10;
  make("0.1", "10000000");
  ASSERT_TRUE(check().verdict.approved); // learns the price 99,000,000
  core->on_trade_report(report("completed", "500000"), t0, wall0);
  core->on_trade_report(report("completed", "-2000000"), t0, wall0);
  EXPECT_EQ(core->drawdown("KRW"), dec("2000000"));
  EXPECT_EQ(core->drawdown("USDT"), decimal{}); // quotes never mix
  auto d = check();
  EXPECT_EQ(d.reason, deny_reason::max_drawdown);
  // capital: 0.1 BTC * 99,000,000 + 10,000,000 KRW
  EXPECT_EQ(d.verdict.detail,
            "drawdown 2000000 KRW from today's peak 500000 KRW reached 0.1 "
            "of 19900000 KRW = 1990000 KRW");
}

TEST_F(risk_core_test, BreakerOpensAfterFiveFailuresForFiveMinutes) {
  params.limits.max_concurrent_trades = 100;
  make();
  for (int i = 0; i < 4; ++i)
    EXPECT_FALSE(
      core->on_trade_report(report("failed"), t0, wall0).breaker_opened);
  EXPECT_TRUE(check().verdict.approved);
  EXPECT_TRUE(core->on_trade_report(report("failed"), t0, wall0)
                .breaker_opened);
  auto d = check(make_opp(), t0 + 1s);
  EXPECT_EQ(d.reason, deny_reason::failure_pause);
  EXPECT_EQ(d.verdict.detail,
            "5 consecutive failures; paused for another 299000 ms");
  auto s = core->status(t0 + 1s, wall0);
  EXPECT_TRUE(s.paused);
  EXPECT_EQ(s.pause_remaining_ms, 299'000);
  EXPECT_EQ(s.consecutive_failures, 5);
  EXPECT_EQ(check(make_opp(), t0 + 299s).reason, deny_reason::failure_pause);
  EXPECT_TRUE(check(make_opp(), t0 + 300s).verdict.approved);
  core->on_trade_report(report("completed"), t0 + 301s, wall0);
  EXPECT_FALSE(core->status(t0 + 301s, wall0).paused);
  EXPECT_EQ(core->status(t0 + 301s, wall0).consecutive_failures, 0);
}

TEST_F(risk_core_test, ASuccessResetsTheFailureCount) {
  make();
  for (int i = 0; i < 4; ++i)
    core->on_trade_report(report("unwound"), t0, wall0);
  core->on_trade_report(report("completed"), t0, wall0);
  EXPECT_FALSE(
    core->on_trade_report(report("exposed"), t0, wall0).breaker_opened);
  EXPECT_EQ(core->status(t0, wall0).consecutive_failures, 1);
}

TEST_F(risk_core_test, ACancelledTradeFreesItsSlotOnly) {
  make();
  auto a = make_opp();
  auto b = make_opp();
  EXPECT_TRUE(check(a).verdict.approved);
  EXPECT_TRUE(check(b).verdict.approved);
  core->on_trade_report(report("failed", "0", a.id), t0, wall0);
  for (int i = 0; i < 3; ++i)
    core->on_trade_report(report("failed"), t0, wall0);
  core->on_trade_report(report("cancelled", "0", b.id), t0, wall0);
  auto s = core->status(t0, wall0);
  EXPECT_EQ(s.open_trades, 0);
  EXPECT_EQ(s.consecutive_failures, 4); // neither success nor failure
  EXPECT_TRUE(
    core->on_trade_report(report("failed"), t0, wall0).breaker_opened);
}

TEST_F(risk_core_test, DeniesStaleAndMalformedOpportunities) {
  make();
  auto o = make_opp();
  o.valid_until_ns = 1;
  EXPECT_EQ(check(o).reason, deny_reason::stale_opportunity);
  o = make_opp();
  o.entry_signals.pop_back();
  EXPECT_EQ(check(o).reason, deny_reason::malformed);
  auto s = core->status(t0, wall0);
  EXPECT_EQ(s.denials.at("stale_opportunity"), 1);
  EXPECT_EQ(s.denials.at("malformed"), 1);
}

TEST_F(risk_core_test, HistoricalVarNeedsEnoughTrades) {
  params.limits.daily_loss_limit["KRW"] = dec("100000000");
  make();
  core->on_trade_report(report("completed", "-500"), t0, wall0);
  core->on_trade_report(report("completed", "-300"), t0, wall0);
  for (int i = 0; i < 17; ++i)
    core->on_trade_report(report("completed", "100"), t0, wall0);
  EXPECT_FALSE(core->historical_var("KRW", 0.95)); // 19 trades: not yet
  core->on_trade_report(report("completed", "100"), t0, wall0);
  // 20 trades, 5% tail = the 2nd worst.
  EXPECT_EQ(core->historical_var("KRW", 0.95), dec("300"));
  EXPECT_EQ(core->historical_var("KRW", 0.99), dec("500"));
  EXPECT_EQ(core->historical_var("KRW", 0.5), decimal{});
}

TEST(RiskReasons, TableRoundTripsAndMarksLimits) {
  for (const auto& row : reason_table)
    EXPECT_EQ(deny_reason_from_code(row.code), row.reason);
  EXPECT_FALSE(deny_reason_from_code("nope"));
  EXPECT_TRUE(is_limit_breach(deny_reason::daily_loss_limit));
  EXPECT_TRUE(is_limit_breach(deny_reason::insufficient_quote));
  EXPECT_FALSE(is_limit_breach(deny_reason::halted));
  EXPECT_FALSE(is_limit_breach(deny_reason::malformed));
  EXPECT_EQ(code_of(deny_reason::order_rate), "order_rate");
}
