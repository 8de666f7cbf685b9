// The risk core's portfolio side: perpetual legs sized by margin, the
// leverage, open position / notional, VaR and correlation limits, exits,
// the equity drawdown halt, funding payments and the risk report.

#include <algorithm>

#include <gtest/gtest.h>

#include "actors/risk/risk_core.hpp"

using namespace karb;
using namespace karb::risk;
using namespace std::chrono_literals;

namespace {

const time_point t0 = time_point{} + 1h;
// 2024-01-01T14:59:00Z = 23:59 in Seoul.
constexpr int64_t wall0 = 1'704'121'140'000'000'000;

const instrument btc_perp{exchange::binance_usdm, "BTC", "USDT", "BTCUSDT",
                          contract_type::perpetual};
const instrument btc_spot{exchange::binance_spot, "BTC", "USDT", "BTCUSDT",
                          contract_type::spot};
const instrument btc_okx_perp{exchange::okx_swap, "BTC", "USDT",
                              "BTC-USDT-SWAP", contract_type::perpetual};
const instrument eth_perp{exchange::binance_usdm, "ETH", "USDT", "ETHUSDT",
                          contract_type::perpetual};

position perp(const instrument& x, side s, std::string amount,
              std::string mark, std::string liquidation = "0",
              std::string upnl = "0") {
  position p;
  p.symbol = x;
  p.position_side = s;
  p.amount = dec(amount);
  p.entry_price = dec(mark);
  p.mark_price = dec(mark);
  p.unrealized_pnl = dec(upnl);
  p.liquidation_price = dec(liquidation);
  return p;
}

trading_signal leg(const instrument& x, side s, std::string price,
                   std::string amount, std::string type) {
  trading_signal sig;
  sig.symbol = x;
  sig.signal_side = s;
  sig.signal_type = std::move(type);
  sig.has_price = true;
  sig.price = dec(price);
  sig.amount = dec(amount);
  return sig;
}

/// Opens a hedge: sells the Binance perpetual at 70,100, buys spot at
/// 70,000 (5 USDT on 2,800 USDT: a rate of 0.0018).
arbitrage_opportunity hedge(std::string amount = "0.04") {
  static int next_id = 0;
  arbitrage_opportunity o;
  o.id = "h-" + std::to_string(++next_id);
  o.type = arbitrage_type::spot_futures;
  o.symbol = "BTC/USDT";
  o.exchanges = {"binance_usdm", "binance_spot"};
  o.expected_profit = dec("5");
  o.metadata["cost"] = "2800";
  o.entry_signals = {leg(btc_perp, side::sell, "70100", amount, "entry"),
                     leg(btc_spot, side::buy, "70000", amount, "entry")};
  return o;
}

/// Closes it: sells spot, buys the perpetual back (reduce-only), at no
/// profit.
arbitrage_opportunity hedge_exit(std::string amount) {
  auto o = hedge(amount);
  o.exchanges = {"binance_spot", "binance_usdm"};
  o.expected_profit = decimal{};
  o.metadata.clear();
  o.entry_signals = {leg(btc_spot, side::sell, "70000", amount, "exit"),
                     leg(btc_perp, side::buy, "70100", amount, "exit")};
  return o;
}

balance bal(exchange venue, std::string cur, std::string free) {
  return {venue, std::move(cur), dec(free), {}, dec(free), 0};
}

struct risk_portfolio_test : ::testing::Test {
  risk_params params;
  std::optional<risk_core> core;
  time_point now = t0;

  void SetUp() override {
    params.taker_fees = {{exchange::binance_usdm, dec("0.0005")},
                         {exchange::binance_spot, dec("0.001")},
                         {exchange::okx_swap, dec("0.0005")}};
    auto& lim = params.limits;
    lim.min_profit_rate = dec("0.001");
    lim.max_notional["USDT"] = dec("100000");
    lim.daily_loss_limit["USDT"] = dec("1000");
    lim.min_balance["USDT"] = dec("0");
    lim.max_concurrent_trades = 100;
    lim.max_orders_per_minute = 1000;
    lim.leverage_limit = 10;
    params.min_returns = 4;
    params.var_horizon = 5s; // one book interval: sigma per sample
  }

  /// USDT on the perpetual venue (margin) and on the spot venue.
  risk_core& make(std::string perp_usdt = "10000",
                  std::string spot_usdt = "10000") {
    core.emplace(params);
    now = t0;
    core->on_balances({bal(exchange::binance_usdm, "USDT", perp_usdt)});
    core->on_balances({bal(exchange::binance_spot, "USDT", spot_usdt),
                       bal(exchange::binance_spot, "BTC", "0")});
    return *core;
  }

  /// A position book 5 s after the previous one.
  book_effect book(std::vector<position> xs) {
    now += 5s;
    position_book b;
    b.positions = std::move(xs);
    return core->on_position_book(b, now);
  }

  decision check(const arbitrage_opportunity& o) {
    return core->check(o, now, wall0);
  }
};

} // namespace

// -- perpetual legs: margin, not the base ---------------------------------------

TEST_F(risk_portfolio_test, PerpetualLegDrawsMarginAtTheVenuesLeverage) {
  params.leverage[exchange::binance_usdm] = dec("5");
  make("500");
  // No BTC on the perpetual venue: a short needs none. Margin per BTC:
  // 70,100 / 5 + 70,100 x 0.0005 = 14,055.05; 500 / 14,055.05.
  auto d = check(hedge());
  ASSERT_TRUE(d.verdict.approved) << d.verdict.detail;
  EXPECT_EQ(d.verdict.size, dec("0.0355744"));
  EXPECT_EQ(d.verdict.detail, "size reduced from 0.04 to 0.0355744 BTC by "
                              "margin");
  // 0.0355744 x 14,055.05 = 499.99997072 is reserved.
  d = check(hedge());
  EXPECT_EQ(d.reason, deny_reason::insufficient_margin);
  EXPECT_EQ(d.verdict.detail,
            "binance_usdm USDT free 500, keep 0, reserved 499.99997072: "
            "0.00002928 available, need 562.202 of margin incl. fee");
}

// -- leverage, open position and notional ------------------------------------

TEST_F(risk_portfolio_test, LeverageLimitCapsOpenNotionalAgainstEquity) {
  params.limits.leverage_limit = 1;
  make("2000", "3000");
  // Open: 0.05 BTC short at 70,000 = 3,500 USDT; equity 5,000 USDT.
  book({perp(btc_perp, side::sell, "0.05", "70000")});
  auto d = check(hedge());
  ASSERT_TRUE(d.verdict.approved) << d.verdict.detail;
  // (1 x 5,000 - 3,500) / 70,100 = 0.021398 BTC.
  EXPECT_EQ(d.verdict.size, dec("0.021398"));
  EXPECT_EQ(d.verdict.detail, "size reduced from 0.04 to 0.021398 BTC by "
                              "leverage_limit");
  make("500", "3000");
  book({perp(btc_perp, side::sell, "0.05", "70000")});
  d = check(hedge());
  EXPECT_EQ(d.reason, deny_reason::leverage_limit);
  EXPECT_EQ(d.verdict.detail, "open perpetual notional 3500 USDT against 1 x "
                              "equity 3500 USDT leaves room for 0 BTC");
  EXPECT_TRUE(is_limit_breach(deny_reason::leverage_limit));
}

TEST_F(risk_portfolio_test, OpenPositionAndNotionalLimitsCountEveryVenue) {
  params.limits.max_open_position["BTC"] = dec("0.08");
  make();
  // 0.03 short here and 0.02 long on OKX: 0.05 BTC open (gross).
  book({perp(btc_perp, side::sell, "0.03", "70000"),
        perp(btc_okx_perp, side::buy, "0.02", "70000")});
  auto d = check(hedge());
  ASSERT_TRUE(d.verdict.approved) << d.verdict.detail;
  EXPECT_EQ(d.verdict.size, dec("0.03"));
  EXPECT_EQ(d.verdict.detail, "size reduced from 0.04 to 0.03 BTC by "
                              "max_open_position");
  // 3,500 USDT open of 4,000: 500 / 70,100 = 0.00713266 BTC.
  params.limits.max_open_notional["USDT"] = dec("4000");
  core->set_limits(params.limits);
  d = check(hedge());
  ASSERT_TRUE(d.verdict.approved) << d.verdict.detail;
  EXPECT_EQ(d.verdict.size, dec("0.00713266"));
  EXPECT_EQ(d.verdict.detail, "size reduced from 0.04 to 0.00713266 BTC by "
                              "max_open_position, max_open_notional");
  params.limits.max_open_position["BTC"] = dec("0.05");
  core->set_limits(params.limits);
  d = check(hedge());
  EXPECT_EQ(d.reason, deny_reason::max_open_position);
  EXPECT_EQ(d.verdict.detail, "open BTC perpetual positions 0.05 of the "
                              "limit 0.05 BTC leave 0 for each of 1 leg(s)");
}

// -- VaR ------------------------------------------------------------------------

TEST_F(risk_portfolio_test, HistoricalVarAtTheLimitDeniesPerpetualTrades) {
  params.limits.var_limit["USDT"] = dec("100");
  make();
  for (int i = 0; i < 18; ++i)
    core->on_trade_report({"t", "s", "BTC", "completed", dec("10"), {}, 0, {},
                           "USDT"},
                          now, wall0);
  for (int i = 0; i < 2; ++i)
    core->on_trade_report({"t", "s", "BTC", "completed", dec("-150"), {}, 0,
                           {}, "USDT"},
                          now, wall0);
  // 20 trades, the 5 % tail is the 2nd worst: 150 USDT.
  auto d = check(hedge());
  EXPECT_EQ(d.reason, deny_reason::var_limit);
  EXPECT_EQ(d.verdict.detail,
            "historical VaR 150 USDT reached the limit 100 USDT");
}

TEST_F(risk_portfolio_test, ParametricVarSizesDownOnceVolatilityIsKnown) {
  params.limits.var_limit["USDT"] = dec("200");
  make();
  auto marks = {"70000", "70700", "70000", "70700", "70000"};
  size_t n = 0;
  for (auto m : marks) {
    book({perp(btc_perp, side::sell, "0.1", m)});
    if (++n == 4) {
      // 3 returns < 4: sigma unknown, the parametric VaR is off.
      EXPECT_EQ(core->portfolio().parametric_var("USDT"), decimal{});
      EXPECT_EQ(check(hedge()).verdict.size, dec("0.04"));
    }
  }
  // Returns +1 %, -0.990099 %, twice: sigma 0.011489842 per 5 s.
  // VaR now: 1.645 x sigma x 0.1 x 70,000 = 132.30553052 USDT; each BTC
  // more adds 1.645 x sigma x 70,100 = 1324.94538424: room for
  // (200 - 132.30553052) / 1324.94538424 = 0.05109227 BTC.
  EXPECT_EQ(core->portfolio().parametric_var("USDT"), dec("132.30553052"));
  auto d = check(hedge("0.09"));
  ASSERT_TRUE(d.verdict.approved) << d.verdict.detail;
  EXPECT_EQ(d.verdict.size, dec("0.05109227"));
  EXPECT_EQ(d.verdict.detail, "size reduced from 0.09 to 0.05109227 BTC by "
                              "var_limit");
}

// -- correlation ------------------------------------------------------------------

TEST_F(risk_portfolio_test, CorrelatedSameDirectionPositionDenies) {
  params.limits.correlation_limit = 0.8;
  auto run = [&](side eth_side, std::vector<std::string> eth_marks) {
    make();
    std::vector<std::string> btc = {"70000", "70700", "70000", "70700",
                                    "70000"};
    for (size_t i = 0; i < eth_marks.size(); ++i)
      book({perp(btc_okx_perp, side::buy, "0.01", btc[i]),
            perp(eth_perp, eth_side, "1", eth_marks[i])});
    return check(hedge());
  };
  // ETH moves with BTC and is short, like the new BTC short.
  auto d = run(side::sell, {"3500", "3535", "3500", "3535", "3500"});
  EXPECT_EQ(d.reason, deny_reason::correlation_limit);
  EXPECT_EQ(d.verdict.detail, "BTC/USDT returns correlate 1 with the open "
                              "short ETH/USDT on binance_usdm, limit 0.8");
  // Long ETH: the other direction.
  EXPECT_TRUE(run(side::buy, {"3500", "3535", "3500", "3535", "3500"})
                .verdict.approved);
  // Against BTC: correlation -1.
  EXPECT_TRUE(run(side::sell, {"3535", "3500", "3535", "3500", "3535"})
                .verdict.approved);
  // 2 returns only: off.
  EXPECT_TRUE(run(side::sell, {"3500", "3535", "3500"}).verdict.approved);
}

// -- exits ----------------------------------------------------------------------

TEST_F(risk_portfolio_test, ExitsPassHaltBreakerAndLimitsSizedToThePosition) {
  params.limits.max_open_position["BTC"] = dec("0.01");
  params.limits.leverage_limit = 1;
  make("100", "0");
  book({perp(btc_perp, side::sell, "0.03", "70000")});
  core->halt("operator");
  for (int i = 0; i < 5; ++i)
    core->on_trade_report({"t", "s", "BTC", "failed", dec("-1000"), {}, 0, {},
                           "USDT"},
                          now, wall0);
  EXPECT_EQ(check(hedge()).reason, deny_reason::halted);
  auto d = check(hedge_exit("0.04"));
  ASSERT_TRUE(d.verdict.approved) << d.verdict.detail;
  EXPECT_EQ(d.verdict.size, dec("0.03"));
  EXPECT_EQ(d.verdict.detail, "exit: size reduced from 0.04 to 0.03 BTC by "
                              "the open position");
  d = check(hedge_exit("0.02"));
  EXPECT_EQ(d.verdict.detail, "exit: approved 0.02 BTC");
  // A cross-exchange opportunity is never an exit.
  auto cross = hedge_exit("0.02");
  cross.type = arbitrage_type::cross_exchange;
  EXPECT_FALSE(is_exit(cross));
  EXPECT_EQ(check(cross).reason, deny_reason::halted);
}

TEST_F(risk_portfolio_test, ExitWithoutAnOpenPositionToReduceIsDenied) {
  make();
  // A long cannot be reduced by buying.
  book({perp(btc_perp, side::buy, "0.03", "70000")});
  auto d = check(hedge_exit("0.01"));
  EXPECT_EQ(d.reason, deny_reason::no_open_position);
  EXPECT_EQ(d.verdict.detail, "no open short BTC/USDT position on "
                              "binance_usdm to reduce");
  EXPECT_FALSE(is_limit_breach(deny_reason::no_open_position));
  // Nor is an exit without a perpetual leg one.
  auto spot_only = hedge_exit("0.01");
  spot_only.entry_signals[1].symbol.contract = contract_type::spot;
  spot_only.entry_signals[1].symbol.venue = exchange::okx_spot;
  EXPECT_EQ(check(spot_only).reason, deny_reason::malformed);
}

// -- equity drawdown ------------------------------------------------------------

TEST_F(risk_portfolio_test, EquityDrawdownBeyondTheLimitHalts) {
  params.limits.max_drawdown = 0.1;
  make("10000", "0");
  EXPECT_FALSE(book({perp(btc_perp, side::sell, "0.1", "70000")}).halted);
  EXPECT_EQ(core->portfolio().peak_equity("USDT"), dec("10000"));
  // Exactly 10 % below the peak: not beyond.
  EXPECT_FALSE(
    book({perp(btc_perp, side::sell, "0.1", "80000", "0", "-1000")}).halted);
  auto eff = book({perp(btc_perp, side::sell, "0.1", "80010", "0", "-1001")});
  ASSERT_TRUE(eff.halted);
  EXPECT_EQ(*eff.halted, "max_drawdown: equity 8999 USDT is 0.1001 below its "
                         "peak 10000 USDT, limit 0.1");
  EXPECT_TRUE(core->halted());
  EXPECT_EQ(core->status(now, wall0).halt_reason, *eff.halted);
  EXPECT_EQ(check(hedge()).reason, deny_reason::halted);
  // Announced once; a resume starts over from the equity then.
  EXPECT_FALSE(
    book({perp(btc_perp, side::sell, "0.1", "80010", "0", "-1001")}).halted);
  core->resume();
  EXPECT_FALSE(
    book({perp(btc_perp, side::sell, "0.1", "80010", "0", "-1001")}).halted);
  EXPECT_EQ(core->portfolio().peak_equity("USDT"), dec("8999"));
}

// -- funding ----------------------------------------------------------------------

TEST_F(risk_portfolio_test, FundingPaymentsCountAsDailyPnl) {
  make();
  funding_payment paid{exchange::binance_usdm, "BTCUSDT", "BTC", "USDT",
                       dec("-600"), dec("0.0001"), 1, "f-1"};
  EXPECT_FALSE(core->on_funding(paid, wall0));
  paid.id = "f-2";
  paid.amount = dec("-400");
  EXPECT_TRUE(core->on_funding(paid, wall0)); // -1,000: the limit
  EXPECT_EQ(core->daily_pnl("USDT"), dec("-1000"));
  EXPECT_EQ(check(hedge()).reason, deny_reason::daily_loss_limit);
  // Exits still pass.
  book({perp(btc_perp, side::sell, "0.03", "70000")});
  EXPECT_TRUE(check(hedge_exit("0.01")).verdict.approved);
}

// -- the report -------------------------------------------------------------------

TEST_F(risk_portfolio_test, StatusReportsUsagePerQuoteAndLiquidationDistances) {
  make("4000", "1000");
  book({perp(btc_perp, side::sell, "0.05", "70000", "73500", "-200"),
        perp(eth_perp, side::buy, "1", "3500", "3400", "100")});
  auto s = core->status(now, wall0);
  auto usdt = std::find_if(s.quotes.begin(), s.quotes.end(),
                           [](const auto& q) { return q.quote == "USDT"; });
  ASSERT_NE(usdt, s.quotes.end());
  // Capital 4,000 (the perpetual venue's; the spot venue's 1,000 counts
  // once it trades USDT) + unrealised -100 = 3,900; open 3,500 + 3,500.
  EXPECT_EQ(usdt->equity, dec("3900"));
  EXPECT_EQ(usdt->peak_equity, dec("3900"));
  EXPECT_EQ(usdt->unrealized_pnl, dec("-100"));
  EXPECT_EQ(usdt->open_notional, dec("7000"));
  EXPECT_NEAR(usdt->leverage, 7000.0 / 3900.0, 1e-12);
  EXPECT_FALSE(usdt->has_var_historical);
  // ETH is 100 / 3,500 = 2.9 % away, BTC 3,500 / 70,000 = 5 %.
  ASSERT_EQ(s.liquidation.size(), 2u);
  EXPECT_EQ(s.liquidation[0].symbol, eth_perp);
  EXPECT_NEAR(s.liquidation[0].distance, 100.0 / 3500.0, 1e-12);
  EXPECT_EQ(s.liquidation[1].symbol, btc_perp);
  EXPECT_NEAR(s.liquidation[1].distance, 0.05, 1e-12);
  // ETH is inside the guard's 5 %: one close so far.
  EXPECT_EQ(s.guard_closes, 1);
}

TEST_F(risk_portfolio_test, AHedgeIsNotHeldToTheSpreadsProfitRate) {
  params.limits.min_profit_rate = dec("0.01");
  make();
  // 5 USDT on 2,800 is 0.0018, under the spread's 0.01: a hedge passes
  // (its strategy's entry threshold judged it), the same legs as a spread
  // do not.
  auto d = check(hedge());
  EXPECT_TRUE(d.verdict.approved) << d.verdict.detail;
  auto spread = hedge();
  spread.type = arbitrage_type::cross_exchange;
  EXPECT_EQ(check(spread).reason, deny_reason::min_profit_rate);
}
