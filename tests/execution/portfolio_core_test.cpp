// Portfolio bookkeeping: REST snapshots, fills in between, exposure
// against the start, realised and daily PnL across a day boundary.

#include "actors/portfolio/portfolio_core.hpp"

#include <gtest/gtest.h>

using namespace karb;
using namespace karb::portfolio;

namespace {

constexpr int64_t sec = 1'000'000'000;
// 2024-01-01 00:00:00 KST = 2023-12-31 15:00:00 UTC.
constexpr int64_t kst_midnight = 1'704'034'800 * sec;

balance bal(exchange v, const char* cur, const char* total) {
  return {v, cur, dec(total), dec("0"), dec(total), 0};
}

fill make_fill(exchange v, side s, const char* price, const char* vol,
               const char* fee) {
  fill f;
  f.symbol = {v, "BTC", "KRW", "", contract_type::spot};
  f.order_side = s;
  f.price = dec(price);
  f.volume = dec(vol);
  f.fee = dec(fee);
  f.fee_currency = "KRW";
  return f;
}

} // namespace

TEST(PortfolioCore, FillsMoveBalancesAndExposure) {
  portfolio_core p;
  p.set_balances({bal(exchange::upbit, "KRW", "10000000"),
                  bal(exchange::upbit, "BTC", "0.5")});
  p.set_balances({bal(exchange::bithumb, "KRW", "5000000"),
                  bal(exchange::bithumb, "BTC", "0.2")});
  p.apply_fill(make_fill(exchange::upbit, side::buy, "100000000", "0.01",
                         "500"));
  p.apply_fill(make_fill(exchange::bithumb, side::sell, "100500000", "0.01",
                         "502.5"));
  auto up = p.balances_of(exchange::upbit);
  ASSERT_EQ(up.size(), 2u);
  EXPECT_EQ(up[0].currency, "BTC");
  EXPECT_EQ(up[0].total, dec("0.51"));
  EXPECT_EQ(up[1].total, dec("8999500"));
  auto ex = p.exposure();
  EXPECT_EQ(ex["BTC"], dec("0"));
  EXPECT_EQ(ex["KRW"], dec("3997.5"));
  EXPECT_EQ(p.totals()["BTC"], dec("0.7"));
}

TEST(PortfolioCore, ARestSnapshotReplacesTheVenueButNotTheStart) {
  portfolio_core p;
  p.set_balances({bal(exchange::upbit, "BTC", "0.5")});
  p.set_balances({bal(exchange::upbit, "BTC", "0.4")});
  EXPECT_EQ(p.exposure()["BTC"], dec("-0.1"));
  EXPECT_EQ(p.balances().size(), 1u);
}

TEST(PortfolioCore, DailyPnlStartsAgainAtTheDayBoundary) {
  portfolio_core p{9 * 3600};
  trade_report win{"T1", "s", "BTC", "completed", dec("4000"), dec("1000"), 0};
  trade_report loss{"T2", "s", "BTC", "unwound", dec("-3000"), dec("999"), 0};
  p.apply_report(win, kst_midnight - sec);  // the last second of a day
  EXPECT_EQ(p.daily_pnl(), dec("4000"));
  p.apply_report(loss, kst_midnight);       // the next day
  EXPECT_EQ(p.daily_pnl(), dec("-3000"));
  EXPECT_EQ(p.realised_pnl(), dec("1000"));
  EXPECT_EQ(p.day_of(kst_midnight) - p.day_of(kst_midnight - sec), 1);
  auto snap = p.snapshot(kst_midnight + 86'400 * sec);
  EXPECT_EQ(snap.daily_pnl_krw, dec("0")); // a new day with no trade yet
  EXPECT_EQ(snap.realised_pnl_krw, dec("1000"));
  EXPECT_EQ(snap.fees_krw, dec("1999"));
  EXPECT_EQ(snap.trades, 2);
}

TEST(PortfolioCore, WinRateCountsPositivePnlOfFinishedTrades) {
  portfolio_core p;
  EXPECT_FALSE(p.win_rate().has_value()) << "no trade yet: no rate";
  auto report = [&](const char* outcome, const char* pnl) {
    p.apply_report({"T", "s", "BTC", outcome, dec(pnl), dec("0"), 0}, 0);
  };
  report("completed", "4000");
  report("unwound", "-3000");
  report("completed", "0");         // break-even is not a win
  report("cancelled", "0");         // never started: not counted
  ASSERT_TRUE(p.win_rate().has_value());
  EXPECT_DOUBLE_EQ(*p.win_rate(), 1.0 / 3.0);
  report("completed", "1");
  EXPECT_DOUBLE_EQ(*p.win_rate(), 0.5);
}

TEST(PortfolioCore, APerpetualFillMovesNoBalance) {
  portfolio_core p;
  p.set_balances({bal(exchange::binance_usdm, "USDT", "10000")});
  auto f = make_fill(exchange::binance_usdm, side::buy, "65000", "0.01", "0");
  f.symbol = {exchange::binance_usdm, "BTC", "USDT", "BTCUSDT",
              contract_type::perpetual};
  f.fee = dec("0.26");
  f.fee_currency = "USDT";
  p.apply_fill(f);
  // The long is a position (the position manager's), not 0.01 BTC held.
  EXPECT_EQ(p.exposure()["BTC"], dec("0"));
  EXPECT_EQ(p.exposure()["USDT"], dec("0"));
  ASSERT_EQ(p.balances_of(exchange::binance_usdm).size(), 1u);
  EXPECT_EQ(p.balances_of(exchange::binance_usdm)[0].total, dec("10000"));
}

TEST(PortfolioCore, AnAccountBehindTwoVenuesCountsOnce) {
  portfolio_core p;
  // OKX's trading account seen through its perpetual venue only: counts.
  p.set_balances({bal(exchange::okx_swap, "USDT", "5000"),
                  bal(exchange::okx_swap, "BTC", "0.1")});
  EXPECT_EQ(p.totals()["USDT"], dec("5000"));
  // Then through its spot venue as well: the same money, counted once,
  // and the spot venue's view is the one that counts.
  p.set_balances({bal(exchange::okx_spot, "USDT", "5000"),
                  bal(exchange::okx_spot, "BTC", "0.1")});
  EXPECT_EQ(p.totals()["USDT"], dec("5000"));
  EXPECT_EQ(p.totals()["BTC"], dec("0.1"));
  EXPECT_EQ(p.exposure()["BTC"], dec("0"));
  // A spot buy moves the spot view; the perpetual venue's next snapshot
  // shows the same account and changes nothing more.
  auto f = make_fill(exchange::okx_spot, side::buy, "65000", "0.01", "0");
  f.symbol = {exchange::okx_spot, "BTC", "USDT", "BTC-USDT",
              contract_type::spot};
  p.apply_fill(f);
  p.set_balances({bal(exchange::okx_swap, "USDT", "4350"),
                  bal(exchange::okx_swap, "BTC", "0.11")});
  EXPECT_EQ(p.totals()["BTC"], dec("0.11"));
  EXPECT_EQ(p.exposure()["BTC"], dec("0.01"));
  EXPECT_EQ(p.exposure()["USDT"], dec("-650"));
  EXPECT_EQ(p.snapshot(0).start.at("BTC"), dec("0.1"));
  // Every venue's view is still listed.
  EXPECT_EQ(p.balances().size(), 4u);
  // Separate accounts add up.
  p.set_balances({bal(exchange::binance_spot, "BTC", "0.2")});
  EXPECT_EQ(p.totals()["BTC"], dec("0.31"));
}
