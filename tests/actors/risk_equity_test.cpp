// The risk core's equity per quote, replayed from the long soak whose
// drawdown stop fired on no loss: each quote's equity counts only the
// venues that trade it, and a unified account (OKX, Bybit: one account
// behind the spot and the perpetual venue) once, as its spot venue says.

#include <gtest/gtest.h>

#include "actors/risk/capital.hpp"
#include "actors/risk/risk_core.hpp"

using namespace karb;
using namespace karb::risk;
using namespace std::chrono_literals;

namespace {

const time_point t0 = time_point{} + 1h;
// 2024-01-01T14:59:00Z = 23:59 in Seoul.
constexpr int64_t wall0 = 1'704'121'140'000'000'000;

decimal times(decimal a, std::string b) {
  return decimal::mul(a, dec(b)).value();
}

balance bal(exchange venue, std::string cur, decimal total, int64_t ts) {
  return {venue, std::move(cur), total, {}, total, ts};
}

trading_signal leg(exchange venue, std::string quote, side s,
                   std::string price) {
  trading_signal sig;
  sig.symbol = {venue, "BTC", quote, "BTC" + quote};
  sig.signal_side = s;
  sig.signal_type = "entry";
  sig.has_price = true;
  sig.price = dec(price);
  sig.amount = dec("0.05");
  return sig;
}

/// A spread: sells BTC on `seller`, buys it on `buyer`, in `quote`.
arbitrage_opportunity spread(exchange seller, std::string sell_price,
                             exchange buyer, std::string buy_price,
                             std::string quote) {
  static int next_id = 0;
  arbitrage_opportunity o;
  o.id = "eq-" + std::to_string(++next_id);
  o.type = arbitrage_type::cross_exchange;
  o.symbol = "BTC/" + quote;
  o.expected_profit = dec("1000000");
  o.entry_signals = {leg(seller, quote, side::sell, std::move(sell_price)),
                     leg(buyer, quote, side::buy, std::move(buy_price))};
  return o;
}

struct risk_equity_test : ::testing::Test {
  risk_params params;
  std::optional<risk_core> core;
  int64_t ts = 1;

  void SetUp() override {
    auto& lim = params.limits;
    lim.max_drawdown = 0.1;
    lim.daily_loss_limit = {{"KRW", dec("10000000")}, {"USDT", dec("1000")}};
    lim.max_notional = {{"KRW", dec("100000000")}, {"USDT", dec("100000")}};
    lim.max_concurrent_trades = 100;
    lim.max_orders_per_minute = 1000;
    core.emplace(params);
  }

  /// One venue's balances (a REST snapshot or a fill's update), then the
  /// equity watch, as the risk actor runs them.
  std::optional<std::string> push(exchange venue, std::string quote,
                                   decimal quote_total, decimal btc) {
    ++ts;
    core->on_balances({bal(venue, std::move(quote), quote_total, ts),
                       bal(venue, "BTC", btc, ts)});
    return core->watch_equity();
  }

  /// The soak's start: 100 M KRW and 1 BTC on each KRW venue, 100,000
  /// USDT and 1 BTC in each USDT account, the unified ones reported by
  /// both of their venues; BTC at 100 M KRW and 71,500 USDT (the buy
  /// prices checked).
  void start() {
    for (auto v : {exchange::upbit, exchange::bithumb})
      push(v, "KRW", dec("100000000"), dec("1"));
    for (auto v : {exchange::binance_spot, exchange::okx_spot,
                   exchange::okx_swap, exchange::bybit_spot,
                   exchange::bybit_linear})
      push(v, "USDT", dec("100000"), dec("1"));
    for (const auto& o :
         {spread(exchange::bithumb, "100400000", exchange::upbit, "100000000",
                 "KRW"),
          spread(exchange::okx_spot, "71800", exchange::binance_spot, "71500",
                 "USDT"),
          spread(exchange::bybit_spot, "71800", exchange::binance_spot,
                 "71500", "USDT")}) {
      auto d = core->check(o, t0, wall0);
      ASSERT_TRUE(d.verdict.approved) << d.verdict.detail;
    }
    EXPECT_FALSE(core->watch_equity());
  }
};

} // namespace

TEST_F(risk_equity_test, BtcMovedOffAUnifiedAccountIsNoDrawdown) {
  start();
  // KRW: 200 M + 2 BTC on the KRW venues x 100 M. USDT: the accounts of
  // Binance spot, OKX and Bybit, each once: 300,000 + 3 BTC x 71,500.
  EXPECT_EQ(core->equity("KRW"), dec("400000000"));
  EXPECT_EQ(core->equity("USDT"), dec("514500"));
  // The soak's BTC/USDT trades, Binance spot's balances refresh failing
  // throughout: OKX sells 0.05 BTC at 71,800 (+3,590 USDT), its fill moves
  // okx_spot; Binance spot buys 0.05 at 71,500 (-3,575 USDT), its fill
  // moves binance_spot; then OKX's refresh lands on okx_swap, the same
  // account. Counted per venue and across quotes, each trade took 0.05
  // BTC (5 M KRW) off a KRW equity of 900 M: the 19th was a "drawdown"
  // of 10.6 % and halted.
  for (int n = 1; n <= 20; ++n) {
    auto k = decimal::from_int(n);
    auto okx_usdt = dec("100000") + times(k, "3590");
    auto okx_btc = dec("1") - times(k, "0.05");
    EXPECT_FALSE(push(exchange::okx_spot, "USDT", okx_usdt, okx_btc)) << n;
    EXPECT_FALSE(push(exchange::binance_spot, "USDT",
                      dec("100000") - times(k, "3575"),
                      dec("1") + times(k, "0.05")))
      << n;
    EXPECT_FALSE(push(exchange::okx_swap, "USDT", okx_usdt, okx_btc)) << n;
  }
  EXPECT_FALSE(core->halted());
  // BTC only moved between USDT venues; 15 USDT earned per trade.
  EXPECT_EQ(core->equity("KRW"), dec("400000000"));
  EXPECT_EQ(core->equity("USDT"), dec("514800"));
  EXPECT_EQ(core->portfolio().peak_equity("KRW"), dec("400000000"));
}

TEST_F(risk_equity_test, AUnifiedAccountCountsItsSpotVenuesView) {
  start();
  // okx_spot's fill moved its view: the account is what okx_spot says
  // (1,000 USDT and 0.95 BTC less), okx_swap's older view is not added.
  push(exchange::okx_spot, "USDT", dec("99000"), dec("0.05"));
  // 514,500 - 1,000 - 0.95 x 71,500 = 445,575.
  EXPECT_EQ(core->equity("USDT"), dec("445575"));
  // okx_swap's view, moved as if a perpetual fill were spot, or refreshed
  // to the same account: the account still counts once, as okx_spot says.
  push(exchange::okx_swap, "USDT", dec("98000"), dec("1.05"));
  EXPECT_EQ(core->equity("USDT"), dec("445575"));
}

TEST_F(risk_equity_test, ARealLossOnTheQuotesVenuesStillHalts) {
  start();
  // Half a BTC gone from Upbit: 350 M of 400 M KRW, 12.5 % down.
  auto halted = push(exchange::upbit, "KRW", dec("100000000"), dec("0.5"));
  ASSERT_TRUE(halted);
  EXPECT_EQ(*halted, "max_drawdown: equity 350000000 KRW is 0.125 below its "
                     "peak 400000000 KRW, limit 0.1");
  EXPECT_TRUE(core->halted());
}

TEST_F(risk_equity_test, VenuesOfAnotherQuoteDoNotMoveEquity) {
  start();
  // Bybit loses its BTC: USDT equity drops, KRW equity does not see it.
  push(exchange::bybit_spot, "USDT", dec("100000"), dec("0"));
  push(exchange::bybit_linear, "USDT", dec("100000"), dec("0"));
  EXPECT_EQ(core->equity("KRW"), dec("400000000"));
  EXPECT_EQ(core->equity("USDT"), dec("443000"));
}

// Found by the ASan build's benchmark run: two venues holding 48 billion
// KRW each overflowed the capital sum (undefined behaviour, then a
// negative equity). Past decimal's range the capital holds at its end.
TEST(Capital, ASumPastDecimalsRangeHoldsAtItsEndInsteadOfWrapping) {
  auto krw = [](exchange v, const char* total) {
    return balance{v, "KRW", dec(total), dec("0"), dec(total), 0};
  };
  std::map<exchange, venue_balances> balances{
    {exchange::upbit, {{"KRW", krw(exchange::upbit, "48000000000")}}},
    {exchange::bithumb, {{"KRW", krw(exchange::bithumb, "48000000000")}}}};
  std::set<exchange> venues{exchange::upbit, exchange::bithumb};
  auto top = decimal::from_raw(std::numeric_limits<int64_t>::max());
  EXPECT_EQ(capital_of(balances, venues, "KRW", {}), top);
  // Within the range the sum is exact.
  balances[exchange::bithumb]["KRW"] = krw(exchange::bithumb, "1000");
  EXPECT_EQ(capital_of(balances, venues, "KRW", {}), dec("48000001000"));
  // A holding whose value is past the range holds there too.
  balances[exchange::bithumb]["BTC"]
    = {exchange::bithumb, "BTC", dec("1000000"), dec("0"), dec("1000000"), 0};
  EXPECT_EQ(capital_of(balances, venues, "KRW",
                       {{{"BTC", "KRW"}, dec("100000000")}}),
            top);
}
