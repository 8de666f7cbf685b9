// The derivatives strategies' pure parts: the hedge table and book (entry,
// exit, partial exit, funding credited pro rata) and the core's entry and
// exit decisions for the basis and funding kinds, with exact figures.

#include "actors/strategy/hedge_core.hpp"

#include <gtest/gtest.h>

#include "tests/actors/strategy_fixtures.hpp"

using namespace karb;
using namespace karb::strategy;
using karb::test::levels;

namespace {

constexpr int64_t sec = 1'000'000'000;

book_view view(exchange venue, contract_type c, const char* bid,
               const char* ask, const char* volume = "10") {
  book_view v;
  v.book.symbol = {venue, "BTC", "USDT", "BTCUSDT", c};
  v.book.bids = levels({{bid, volume}});
  v.book.asks = levels({{ask, volume}});
  v.healthy = true;
  return v;
}

funding_rate rate(exchange venue, const char* r) {
  funding_rate f;
  f.venue = venue;
  f.symbol = "BTCUSDT";
  f.rate = dec(r);
  f.funding_interval_s = 8 * 3600;
  return f;
}

leg_market leg(const book_view& v, bool perp,
               std::optional<funding_rate> f = std::nullopt) {
  leg_market m;
  m.view = &v;
  m.taker_fee = dec("0.0005");
  m.perpetual = perp;
  m.funding = f;
  return m;
}

trade_report report(const std::string& id, const char* bought,
                    const char* buy_notional, const char* sold,
                    const char* sell_notional, const char* pnl) {
  trade_report r;
  r.trade_id = id;
  r.outcome = "completed";
  r.bought = dec(bought);
  r.buy_notional = dec(buy_notional);
  r.sold = dec(sold);
  r.sell_notional = dec(sell_notional);
  r.pnl_krw = dec(pnl);
  return r;
}

hedge_params basis_params() {
  hedge_params p;
  p.strategy_id = "basis";
  p.kind = hedge_kind::spot_perp_basis;
  p.entry_threshold = dec("0.002");
  p.exit_threshold = dec("0.0005");
  p.horizon_periods = 1;
  p.size = dec("0.1");
  p.max_holding_ns = 3600 * sec;
  return p;
}

} // namespace

TEST(HedgeBook, TheTableHasExactlyTheDocumentedEdges) {
  using s = hedge_state;
  using e = hedge_event;
  const std::vector<hedge_edge> expected = {
    {s::entering, e::filled, s::open},  {s::entering, e::empty, s::closed},
    {s::open, e::exit_sent, s::exiting}, {s::exiting, e::filled, s::closed},
    {s::exiting, e::kept, s::open},
  };
  auto edges = hedge_edges();
  ASSERT_EQ(edges.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(edges[i].from, expected[i].from) << i;
    EXPECT_EQ(edges[i].event, expected[i].event) << i;
    EXPECT_EQ(edges[i].to, expected[i].to) << i;
  }
  EXPECT_FALSE(next_hedge_state(s::open, e::filled));
  EXPECT_FALSE(next_hedge_state(s::closed, e::exit_sent));
}

TEST(HedgeBook, AnEntryOpensTheMatchedSizeAtTheTradesAverages) {
  hedge_book b;
  b.entering("t1", 0, 1, 5);
  // Bought 0.1 for 10000, sold 0.09 for 9090 (the rest was unwound).
  ASSERT_TRUE(b.on_report(report("t1", "0.1", "10000", "0.09", "9090", "-3"),
                          7));
  ASSERT_EQ(b.open().size(), 1u);
  const auto& h = *b.open().front();
  EXPECT_EQ(h.size, dec("0.09"));
  EXPECT_EQ(h.buy_price, dec("100000"));
  EXPECT_EQ(h.sell_price, dec("101000"));
  EXPECT_EQ(h.entry_basis, dec("0.01"));
  EXPECT_EQ(h.realised, dec("-3"));
  EXPECT_EQ(h.opened_ns, 7);
  EXPECT_FALSE(b.on_report(report("t9", "1", "1", "1", "1", "0"), 8));
}

TEST(HedgeBook, AnUnwoundEntryOpensNothingAndAnUnwoundExitClosesNothing) {
  hedge_book b;
  b.entering("t1", 0, 1, 0);
  // The spot leg bought and sold back on its venue: 0.01 each way.
  auto unwound = report("t1", "0.01", "715", "0.01", "713", "-2");
  unwound.outcome = "unwound";
  ASSERT_TRUE(b.on_report(unwound, 1));
  EXPECT_EQ(b.live(), 0);
  EXPECT_EQ(b.closed_pnl(), dec("-2"));
  b.entering("t2", 0, 1, 0);
  b.on_report(report("t2", "0.1", "10000", "0.1", "10100", "90"), 1);
  ASSERT_TRUE(b.exit_sent("t2", "x1", "converged"));
  auto back = report("x1", "0.1", "10010", "0.1", "10000", "-10");
  back.outcome = "unwound";
  ASSERT_TRUE(b.on_report(back, 2));
  ASSERT_EQ(b.open().size(), 1u);
  EXPECT_EQ(b.open().front()->size, dec("0.1"));
}

TEST(HedgeBook, AnEntryWithoutFillsClosesAndKeepsItsLoss) {
  hedge_book b;
  b.entering("t1", 0, 1, 0);
  ASSERT_TRUE(b.on_report(report("t1", "0.1", "10000", "0", "0", "-2.5"), 1));
  EXPECT_EQ(b.live(), 0);
  EXPECT_EQ(b.closed_count(), 1);
  EXPECT_EQ(b.closed_pnl(), dec("-2.5"));
}

TEST(HedgeBook, APartialExitKeepsTheRestOpenAndAFullOneClosesWithFunding) {
  hedge_book b;
  b.entering("t1", 0, 1, 0);
  b.on_report(report("t1", "0.1", "10000", "0.1", "10100", "90"), 1);
  funding_payment p;
  p.amount = dec("1.5");
  EXPECT_EQ(b.on_funding(1, p), dec("1.5"));
  EXPECT_EQ(b.on_funding(2, p), dec("0")); // no hedge on leg 2
  ASSERT_TRUE(b.exit_sent("t1", "x1", "converged"));
  EXPECT_FALSE(b.exit_sent("t1", "x2", "again")); // already exiting
  ASSERT_TRUE(b.on_report(report("x1", "0.04", "4010", "0.04", "4000",
                                 "-14"), 2));
  ASSERT_EQ(b.open().size(), 1u);
  EXPECT_EQ(b.open().front()->size, dec("0.06"));
  ASSERT_TRUE(b.exit_sent("t1", "x2", "converged"));
  ASSERT_TRUE(b.on_report(report("x2", "0.06", "6010", "0.06", "6000",
                                 "-16"), 3));
  EXPECT_EQ(b.live(), 0);
  EXPECT_EQ(b.closed_pnl(), dec("90") - dec("14") - dec("16") + dec("1.5"));
  EXPECT_EQ(b.funding_total(), dec("1.5"));
}

TEST(HedgeBook, FundingIsSharedInProportionToSize) {
  hedge_book b;
  b.entering("a", 0, 1, 0);
  b.entering("b", 0, 1, 0);
  b.on_report(report("a", "0.3", "30000", "0.3", "30300", "0"), 1);
  b.on_report(report("b", "0.1", "10000", "0.1", "10100", "0"), 1);
  funding_payment p;
  p.amount = dec("-4");
  EXPECT_EQ(b.on_funding(1, p), dec("-4"));
  EXPECT_EQ(b.hedges()[0].funding, dec("-3"));
  EXPECT_EQ(b.hedges()[1].funding, dec("-1"));
}

TEST(HedgeCore, SpotPerpEntersWhenThePerpIsRichNetOfFeesAndCarry) {
  // Perp bid 100400 vs spot ask 100000: basis 0.004; round trip 4 x
  // 0.0005 = 0.002; carry 0.0001 for one period: net 0.0021 >= 0.002.
  auto spot = view(exchange::binance_spot, contract_type::spot, "99990",
                   "100000");
  auto perp = view(exchange::binance_usdm, contract_type::perpetual, "100400",
                   "100410");
  hedge_core core{basis_params()};
  hedge_book book;
  std::vector<leg_market> legs{
    leg(spot, false), leg(perp, true, rate(exchange::binance_usdm, "0.0001"))};
  auto s = core.evaluate(legs, book, 10);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->what, hedge_signal::action::enter);
  EXPECT_EQ(s->long_leg, 0);
  EXPECT_EQ(s->short_leg, 1);
  const auto& o = s->opportunity;
  EXPECT_EQ(o.type, arbitrage_type::spot_futures);
  ASSERT_EQ(o.entry_signals.size(), 2u);
  EXPECT_EQ(o.exchanges[0], "binance_usdm");
  EXPECT_EQ(o.entry_signals[0].signal_side, side::sell);
  EXPECT_EQ(o.entry_signals[0].signal_type, "entry");
  EXPECT_EQ(o.entry_signals[0].price, dec("100400"));
  EXPECT_EQ(o.entry_signals[1].symbol.venue, exchange::binance_spot);
  EXPECT_EQ(o.entry_signals[1].amount, dec("0.1"));
  EXPECT_EQ(o.metadata.at("basis"), "0.004");
  EXPECT_EQ(o.metadata.at("net_rate"), "0.0021");
  EXPECT_EQ(o.expected_profit, dec("21")); // 0.0021 x 10000
  // With a carry against the short the same books fall short (0.0019).
  legs[1].funding = rate(exchange::binance_usdm, "-0.0001");
  EXPECT_FALSE(core.evaluate(legs, book, 10));
}

TEST(HedgeCore, SpotPerpExitsOnConvergenceWithThePnlOfClosing) {
  auto spot = view(exchange::binance_spot, contract_type::spot, "100000",
                   "100010");
  auto perp = view(exchange::binance_usdm, contract_type::perpetual, "100010",
                   "100020");
  hedge_core core{basis_params()};
  hedge_book book;
  book.entering("t1", 0, 1, 0);
  book.on_report(report("t1", "0.1", "10000", "0.1", "10040", "30"), 0);
  std::vector<leg_market> legs{leg(spot, false), leg(perp, true)};
  // Exit basis 100020 / 100000 - 1 = 0.0002 <= 0.0005: converged.
  auto s = core.evaluate(legs, book, sec);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->what, hedge_signal::action::exit);
  EXPECT_EQ(s->reason, "converged");
  EXPECT_EQ(s->hedge_id, "t1");
  const auto& o = s->opportunity;
  EXPECT_EQ(o.exchanges[0], "binance_spot"); // sells the spot held
  EXPECT_EQ(o.entry_signals[0].signal_type, "exit");
  EXPECT_EQ(o.entry_signals[1].symbol.venue, exchange::binance_usdm);
  // Closing: sell 0.1 at 100000 (-5 fee), buy 0.1 at 100020 (-5.001 fee):
  // -2 - 10.001 = -12.001; plus the entry's 30.
  EXPECT_EQ(o.expected_profit, dec("17.999"));
}

TEST(HedgeCore, ExitsAfterTheMaximumHoldingTime) {
  auto spot = view(exchange::binance_spot, contract_type::spot, "100000",
                   "100010");
  auto perp = view(exchange::binance_usdm, contract_type::perpetual, "100300",
                   "100310");
  auto p = basis_params();
  hedge_core core{p};
  hedge_book book;
  book.entering("t1", 0, 1, 0);
  book.on_report(report("t1", "0.1", "10000", "0.1", "10040", "30"), 0);
  std::vector<leg_market> legs{leg(spot, false), leg(perp, true)};
  EXPECT_FALSE(core.evaluate(legs, book, p.max_holding_ns - 1)); // 0.0031 left
  auto s = core.evaluate(legs, book, p.max_holding_ns);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->reason, "max_holding");
}

TEST(HedgeCore, FundingEntersOnTheAnnualisedEdgeAndExitsOnAFlip) {
  hedge_params p;
  p.strategy_id = "fund";
  p.kind = hedge_kind::funding_rate;
  p.min_annual_edge = dec("0.2");
  p.horizon_periods = 3;
  p.size = dec("0.1");
  auto spot = view(exchange::okx_spot, contract_type::spot, "99990",
                   "100000");
  auto perp = view(exchange::okx_swap, contract_type::perpetual, "100000",
                   "100010");
  hedge_core core{p};
  hedge_book book;
  // Carry 0.001 x 3 = 0.003, basis 0, fees 0.002: 0.001 per 3 periods;
  // x 1095 / 3 = 0.365 a year >= 0.2.
  std::vector<leg_market> legs{leg(spot, false),
                               leg(perp, true, rate(exchange::okx_swap,
                                                    "0.001"))};
  auto s = core.evaluate(legs, book, 0);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->opportunity.type, arbitrage_type::funding_rate);
  EXPECT_EQ(s->opportunity.metadata.at("annual_edge"), "0.365");
  // A negative rate is no entry (spot cannot be sold short here).
  legs[1].funding = rate(exchange::okx_swap, "-0.001");
  EXPECT_FALSE(core.evaluate(legs, book, 0));
  // Held, the rate turns negative: funding flip.
  book.entering("t1", 0, 1, 0);
  book.on_report(report("t1", "0.1", "10000", "0.1", "10000", "-10"), 0);
  auto x = core.evaluate(legs, book, sec);
  ASSERT_TRUE(x);
  EXPECT_EQ(x->what, hedge_signal::action::exit);
  EXPECT_EQ(x->reason, "funding_flip");
}

TEST(HedgeCore, StopLossAndTakeProfitUseTheHedgesNotional) {
  hedge_params p;
  p.strategy_id = "fund";
  p.kind = hedge_kind::funding_rate;
  p.take_profit = dec("0.002");
  p.stop_loss = dec("0.005");
  p.size = dec("0.1");
  auto spot = view(exchange::okx_spot, contract_type::spot, "100000",
                   "100010");
  auto perp = view(exchange::okx_swap, contract_type::perpetual, "99990",
                   "100000");
  hedge_core core{p};
  hedge_book book;
  book.entering("t1", 0, 1, 0);
  // Notional 10000: take profit at 20, stop at -50 (without funding).
  book.on_report(report("t1", "0.1", "10000", "0.1", "10000", "-10"), 0);
  std::vector<leg_market> legs{leg(spot, false),
                               leg(perp, true, rate(exchange::okx_swap,
                                                    "0.0001"))};
  // Closing now: -10 + 10000 x 0.9995 - 10000 x 1.0005 = -20: neither.
  EXPECT_FALSE(core.evaluate(legs, book, 1));
  funding_payment pay;
  pay.amount = dec("40");
  book.on_funding(1, pay); // -20 + 40 = 20 >= 20
  auto s = core.evaluate(legs, book, 1);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->reason, "take_profit");
  EXPECT_EQ(s->opportunity.expected_profit, dec("20"));
  // The perp rallies: buying it back costs 100400: basis loss -60 <= -50.
  auto dear = view(exchange::okx_swap, contract_type::perpetual, "100390",
                   "100400");
  legs[1].view = &dear;
  auto l = core.evaluate(legs, book, 1);
  ASSERT_TRUE(l);
  EXPECT_EQ(l->reason, "stop_loss");
}

TEST(HedgeCore, PerpPerpShortsTheRichVenueEitherWayRound) {
  hedge_params p = basis_params();
  p.kind = hedge_kind::perp_perp;
  auto a = view(exchange::binance_usdm, contract_type::perpetual, "99990",
                "100000");
  auto b = view(exchange::bybit_linear, contract_type::perpetual, "100500",
                "100510");
  hedge_core core{p};
  hedge_book book;
  std::vector<leg_market> legs{leg(a, true), leg(b, true)};
  auto s = core.evaluate(legs, book, 0);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->opportunity.type, arbitrage_type::futures_futures);
  EXPECT_EQ(s->short_leg, 1);
  std::swap(legs[0], legs[1]);
  auto t = core.evaluate(legs, book, 0);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->short_leg, 0);
  EXPECT_EQ(t->opportunity.exchanges[0], "bybit_linear");
}

TEST(HedgeCore, NoEntryBeyondMaxOpenOrOnAnUnhealthyBook) {
  auto spot = view(exchange::binance_spot, contract_type::spot, "99990",
                   "100000");
  auto perp = view(exchange::binance_usdm, contract_type::perpetual, "100900",
                   "100910");
  hedge_core core{basis_params()};
  hedge_book book;
  std::vector<leg_market> legs{leg(spot, false), leg(perp, true)};
  ASSERT_TRUE(core.evaluate(legs, book, 0));
  book.entering("t1", 0, 1, 0); // max_open 1, still entering
  EXPECT_FALSE(core.evaluate(legs, book, 0));
  hedge_book empty;
  perp.healthy = false;
  EXPECT_FALSE(core.evaluate(legs, empty, 0));
}
