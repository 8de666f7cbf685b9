// The trade core on perpetual legs: a one-leg close trade is done when its
// reduce-only order filled, re-prices (still reduce-only) what it missed
// and never unwinds; a two-leg trade's unwind of a leg that opened a
// perpetual position is reduce-only, the unwind of an exit leg is not.

#include "actors/execution/trade_fsm.hpp"

#include <gtest/gtest.h>

using namespace karb;
using namespace karb::execution;
using kind = trade_action::kind;

namespace {

trade_params params() {
  trade_params p;
  p.reprice_band = dec("0.002");
  p.naked_notional_cap = dec("1000000");
  p.naked_time_cap_ns = 30'000'000'000;
  p.order_timeout_ns = 3'000'000'000;
  p.flat_tolerance = dec("0.00000001");
  p.max_reprices = 3;
  p.max_unwinds = 3;
  return p;
}

instrument perp() {
  return {exchange::binance_usdm, "BTC", "USDT", "BTCUSDT",
          contract_type::perpetual};
}

instrument spot() {
  return {exchange::binance_spot, "BTC", "USDT", "BTCUSDT",
          contract_type::spot};
}

leg_plan plan(std::string venue, instrument x, side s, const char* amount,
              const char* price, bool reduce_only = false,
              order_type t = order_type::limit) {
  leg_plan p;
  p.venue = std::move(venue);
  p.symbol = x;
  p.order_side = s;
  p.amount = dec(amount);
  p.price = dec(price);
  p.reduce_only = reduce_only;
  p.type = t;
  return p;
}

leg_plan close_leg(instrument x, side s, const char* amount, const char* price,
                   order_type t = order_type::limit) {
  auto p = plan("binance_usdm", x, s, amount, price, true, t);
  p.role = leg_role::close;
  return p;
}

std::vector<trade_action> fill(trade_core& c, const std::string& cid,
                               order_status s, const char* qty,
                               const char* price) {
  auto q = dec(qty);
  auto notional = decimal::mul(q, dec(price)).value();
  return c.on_order(cid, s, q, notional, dec("0"), 0);
}

std::vector<trade_action> places(const std::vector<trade_action>& as) {
  std::vector<trade_action> out;
  for (const auto& a : as)
    if (a.what == kind::place)
      out.push_back(a);
  return out;
}

} // namespace

TEST(CloseTrade, AFilledReduceOnlyMarketOrderIsDone) {
  trade_core c{params(), "c1",
               {close_leg(perp(), side::sell, "0.5", "0", order_type::market)}};
  EXPECT_EQ(c.target_net(), dec("-0.5"));
  auto start = places(c.start(0));
  ASSERT_EQ(start.size(), 1u);
  EXPECT_TRUE(start[0].plan.reduce_only);
  EXPECT_EQ(start[0].plan.type, order_type::market);
  auto out = fill(c, start[0].client_order_id, order_status::filled, "0.5",
                  "100000");
  EXPECT_EQ(c.state(), trade_state::done);
  EXPECT_TRUE(places(out).empty());
  EXPECT_EQ(c.filled(side::sell), dec("0.5"));
  EXPECT_EQ(c.notional(side::sell), dec("50000"));
  EXPECT_EQ(c.pnl(), dec("0")); // no fee reported: nothing but fees counts
}

TEST(CloseTrade, RepricesTheMissingPartReduceOnlyAndNeverUnwinds) {
  trade_core c{params(), "c2",
               {close_leg(perp(), side::buy, "0.5", "100000")}};
  auto start = places(c.start(0));
  ASSERT_EQ(start.size(), 1u);
  auto out = places(fill(c, start[0].client_order_id, order_status::cancelled,
                         "0.3", "100000"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(c.state(), trade_state::repricing);
  EXPECT_EQ(out[0].plan.role, leg_role::reprice);
  EXPECT_EQ(out[0].plan.order_side, side::buy);
  EXPECT_EQ(out[0].plan.amount, dec("0.2"));
  EXPECT_EQ(out[0].plan.price, dec("100200")); // one band worse
  EXPECT_TRUE(out[0].plan.reduce_only);
  fill(c, out[0].client_order_id, order_status::filled, "0.2", "100200");
  EXPECT_EQ(c.state(), trade_state::done);
}

TEST(CloseTrade, NothingFilledIsRepricedNotCalledFlat) {
  trade_core c{params(), "c3",
               {close_leg(perp(), side::sell, "0.5", "99000")}};
  auto start = places(c.start(0));
  auto out = places(fill(c, start[0].client_order_id, order_status::rejected,
                         "0", "0"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].plan.amount, dec("0.5"));
  EXPECT_NE(c.state(), trade_state::failed);
}

TEST(PerpLegs, AnUnwindOfAnOpeningPerpLegIsReduceOnly) {
  // Entry: sell the perp (opens a short), buy spot; only the perp fills and
  // the spot re-price fails: the unwind buys the perp back, reduce-only.
  trade_core c{params(), "t1",
               {plan("binance_usdm", perp(), side::sell, "0.1", "100400"),
                plan("binance_spot", spot(), side::buy, "0.1", "100000")}};
  auto legs = places(c.start(0));
  ASSERT_EQ(legs.size(), 2u);
  fill(c, legs[0].client_order_id, order_status::filled, "0.1", "100400");
  auto rep = places(fill(c, legs[1].client_order_id,
                         order_status::cancelled, "0", "0"));
  // max_reprices 3: re-price the spot buy until they run out.
  for (int i = 0; i < 3 && !rep.empty() && rep[0].plan.role == leg_role::reprice;
       ++i)
    rep = places(fill(c, rep[0].client_order_id, order_status::cancelled,
                      "0", "0"));
  ASSERT_EQ(rep.size(), 1u);
  EXPECT_EQ(rep[0].plan.role, leg_role::unwind);
  EXPECT_EQ(rep[0].plan.venue, "binance_usdm");
  EXPECT_EQ(rep[0].plan.order_side, side::buy);
  EXPECT_TRUE(rep[0].plan.reduce_only);
}

TEST(PerpLegs, AnUnwindOfAnExitLegOpensAgainSoIsNotReduceOnly) {
  // Exit: buy the perp back (reduce-only) and sell spot; the perp fills,
  // spot never does: undoing the buy sells the perp again.
  auto p = params();
  p.max_reprices = 0;
  trade_core c{p, "t2",
               {plan("binance_usdm", perp(), side::buy, "0.1", "100000", true),
                plan("binance_spot", spot(), side::sell, "0.1", "99900")}};
  auto legs = places(c.start(0));
  fill(c, legs[0].client_order_id, order_status::filled, "0.1", "100000");
  auto out = places(fill(c, legs[1].client_order_id, order_status::cancelled,
                         "0", "0"));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].plan.role, leg_role::unwind);
  EXPECT_EQ(out[0].plan.order_side, side::sell);
  EXPECT_FALSE(out[0].plan.reduce_only);
}
