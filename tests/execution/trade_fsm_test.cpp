// The trade table and the trade core's paths: both fill, re-price, unwind,
// partial fills, the naked-exposure caps, giving up, and restart.

#include "actors/execution/trade_fsm.hpp"

#include <gtest/gtest.h>

using namespace karb;
using namespace karb::execution;
using ts = trade_state;
using te = trade_event;
using kind = trade_action::kind;

namespace {

constexpr int64_t sec = 1'000'000'000;

trade_params params() {
  trade_params p;
  p.reprice_band = dec("0.002");
  p.naked_notional_cap = dec("10000000");
  p.naked_time_cap_ns = 30 * sec;
  p.order_timeout_ns = 3 * sec;
  p.flat_tolerance = dec("0.00000001");
  p.max_reprices = 1;
  p.max_unwinds = 3;
  return p;
}

instrument btc(exchange venue) {
  return {venue, "BTC", "KRW", venue == exchange::upbit ? "KRW-BTC" : "BTC_KRW",
          contract_type::spot};
}

std::vector<leg_plan> legs() {
  leg_plan buy{"upbit", btc(exchange::upbit), side::buy, dec("0.01"),
               dec("100000000")};
  leg_plan sell{"bithumb", btc(exchange::bithumb), side::sell, dec("0.01"),
                dec("100500000")};
  return {buy, sell};
}

/// Reports an order's terminal or partial state: notional = price * qty,
/// fee 0.05 % of it.
std::vector<trade_action> report(trade_core& c, const std::string& cid,
                                 order_status s, const char* qty,
                                 const char* price, int64_t now = 0) {
  auto q = dec(qty);
  auto notional = decimal::mul(q, dec(price)).value();
  auto fee = decimal::mul(notional, dec("0.0005")).value();
  return c.on_order(cid, s, q, notional, fee, now);
}

const trade_action* find(const std::vector<trade_action>& as, kind k) {
  for (const auto& a : as)
    if (a.what == k)
      return &a;
  return nullptr;
}

} // namespace

TEST(TradeFsm, EveryLegalEdgeLeadsWhereTheTableSays) {
  const std::vector<trade_edge> expected = {
    {ts::planned, te::submit, ts::legs_submitted},
    {ts::planned, te::recover, ts::legs_submitted},
    {ts::legs_submitted, te::recover, ts::legs_submitted},
    {ts::legs_submitted, te::balanced, ts::done},
    {ts::legs_submitted, te::nothing_filled, ts::failed},
    {ts::legs_submitted, te::imbalanced, ts::exposed},
    {ts::exposed, te::reprice, ts::repricing},
    {ts::exposed, te::unwind, ts::unwinding},
    {ts::exposed, te::recover, ts::unwinding},
    {ts::repricing, te::balanced, ts::done},
    {ts::repricing, te::imbalanced, ts::exposed},
    {ts::repricing, te::recover, ts::unwinding},
    {ts::unwinding, te::balanced, ts::flat},
    {ts::unwinding, te::unwind, ts::unwinding},
    {ts::unwinding, te::give_up, ts::stuck},
    {ts::unwinding, te::recover, ts::unwinding},
    {ts::stuck, te::recover, ts::unwinding},
    {ts::stuck, te::retry, ts::unwinding},
  };
  for (const auto& x : expected)
    EXPECT_EQ(next_state(x.from, x.event), x.to)
      << to_string(x.from) << " + " << to_string(x.event);
  ASSERT_EQ(trade_edges().size(), expected.size());
  int refused = 0;
  for (int s = 0; s <= static_cast<int>(ts::stuck); ++s)
    for (int e = 0; e <= static_cast<int>(te::retry); ++e) {
      bool legal = false;
      for (const auto& x : expected)
        legal = legal || (static_cast<int>(x.from) == s
                          && static_cast<int>(x.event) == e);
      if (!legal) {
        EXPECT_FALSE(next_state(static_cast<ts>(s), static_cast<te>(e)));
        ++refused;
      }
    }
  EXPECT_EQ(refused, 9 * 9 - 18);
  for (auto s : {ts::done, ts::flat, ts::failed})
    EXPECT_TRUE(is_final(s));
  EXPECT_FALSE(is_final(ts::stuck));
  EXPECT_EQ(trade_state_from_string("repricing"), ts::repricing);
  EXPECT_FALSE(trade_state_from_string("nope"));
}

TEST(TradeCore, PlacesBothLegsAtOnceAndCompletes) {
  trade_core c{params(), "T1", legs()};
  auto as = c.start(0);
  ASSERT_EQ(as.size(), 2u);
  EXPECT_EQ(as[0].client_order_id, "karb-T1-0-1");
  EXPECT_EQ(as[1].client_order_id, "karb-T1-1-1");
  EXPECT_EQ(as[0].plan.venue, "upbit");
  EXPECT_EQ(as[1].plan.order_side, side::sell);
  EXPECT_EQ(c.state(), ts::legs_submitted);
  EXPECT_TRUE(report(c, "karb-T1-0-1", order_status::filled, "0.01",
                     "100000000").empty());
  auto end = report(c, "karb-T1-1-1", order_status::filled, "0.01",
                    "100500000");
  ASSERT_EQ(end.size(), 1u);
  EXPECT_EQ(end[0].what, kind::report);
  EXPECT_EQ(end[0].reason, "completed");
  EXPECT_EQ(c.state(), ts::done);
  EXPECT_EQ(c.fees(), dec("1002.5"));
  EXPECT_EQ(c.pnl(), dec("3997.5"));
}

TEST(TradeCore, RepricesARejectedLegWithinTheBand) {
  trade_core c{params(), "T1", legs()};
  c.start(0);
  report(c, "karb-T1-0-1", order_status::filled, "0.01", "100000000");
  auto as = report(c, "karb-T1-1-1", order_status::rejected, "0", "0");
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(c.state(), ts::repricing);
  EXPECT_EQ(as[0].client_order_id, "karb-T1-1-2");
  EXPECT_EQ(as[0].plan.role, leg_role::reprice);
  EXPECT_EQ(as[0].plan.venue, "bithumb");
  EXPECT_EQ(as[0].plan.order_side, side::sell);
  EXPECT_EQ(as[0].plan.amount, dec("0.01"));
  EXPECT_EQ(as[0].plan.price, dec("100299000")); // 100.5 M * (1 - 0.002)
  auto end = report(c, "karb-T1-1-2", order_status::filled, "0.01",
                    "100299000");
  ASSERT_NE(find(end, kind::report), nullptr);
  EXPECT_EQ(find(end, kind::report)->reason, "completed");
  EXPECT_EQ(c.pnl(), dec("1988.505"));
}

TEST(TradeCore, UnwindsWhenTheRepriceFailsAndEndsFlat) {
  trade_core c{params(), "T1", legs()};
  c.start(0);
  report(c, "karb-T1-0-1", order_status::filled, "0.01", "100000000");
  report(c, "karb-T1-1-1", order_status::rejected, "0", "0");
  auto as = report(c, "karb-T1-1-2", order_status::rejected, "0", "0");
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(c.state(), ts::unwinding);
  EXPECT_EQ(as[0].client_order_id, "karb-T1-0-2");
  EXPECT_EQ(as[0].plan.role, leg_role::unwind);
  EXPECT_EQ(as[0].plan.venue, "upbit");           // sell back what was bought
  EXPECT_EQ(as[0].plan.order_side, side::sell);
  EXPECT_EQ(as[0].plan.price, dec("99800000"));
  auto end = report(c, "karb-T1-0-2", order_status::filled, "0.01",
                    "99800000");
  ASSERT_NE(find(end, kind::report), nullptr);
  EXPECT_EQ(find(end, kind::report)->reason, "unwound");
  EXPECT_EQ(c.state(), ts::flat);
  EXPECT_EQ(c.net_base(), dec("0"));
  EXPECT_EQ(c.pnl(), dec("-2999"));
  std::vector<std::string> whats;
  for (const auto& s : c.take_steps())
    whats.push_back(s.what);
  EXPECT_EQ(whats, (std::vector<std::string>{
                     "submit", "place", "place", "imbalanced", "reprice",
                     "place", "imbalanced", "unwind", "place", "balanced"}));
}

TEST(TradeCore, UnwindsThePartialExcessWiderEachAttempt) {
  auto p = params();
  p.max_reprices = 0;
  trade_core c{p, "T1", legs()};
  c.start(0);
  report(c, "karb-T1-0-1", order_status::filled, "0.01", "100000000");
  auto as = report(c, "karb-T1-1-1", order_status::cancelled, "0.004",
                   "100500000");
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0].plan.amount, dec("0.006"));
  EXPECT_EQ(as[0].plan.order_side, side::sell);
  EXPECT_EQ(as[0].plan.price, dec("99800000"));
  // The first unwind fills a third and is cancelled: a wider second one.
  as = report(c, "karb-T1-0-2", order_status::cancelled, "0.002",
              "99800000");
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(c.state(), ts::unwinding);
  EXPECT_EQ(as[0].client_order_id, "karb-T1-0-3");
  EXPECT_EQ(as[0].plan.amount, dec("0.004"));
  EXPECT_EQ(as[0].plan.price, dec("99600000"));
  auto end = report(c, "karb-T1-0-3", order_status::filled, "0.004",
                    "99600000");
  EXPECT_EQ(find(end, kind::report)->reason, "unwound");
  EXPECT_EQ(c.net_base(), dec("0"));
}

TEST(TradeCore, TimeCapCancelsTheOpenLegAndUnwindsAtOnce) {
  auto p = params();
  p.naked_time_cap_ns = 5 * sec;
  p.order_timeout_ns = 60 * sec;
  trade_core c{p, "T1", legs()};
  c.start(0);
  report(c, "karb-T1-0-1", order_status::filled, "0.01", "100000000", 1 * sec);
  EXPECT_TRUE(c.on_timer(5 * sec).empty());
  auto as = c.on_timer(6 * sec);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0].what, kind::cancel);
  EXPECT_EQ(as[0].client_order_id, "karb-T1-1-1");
  EXPECT_TRUE(c.force_unwind());
  EXPECT_TRUE(c.on_timer(7 * sec).empty()); // cancelled once
  as = report(c, "karb-T1-1-1", order_status::cancelled, "0", "0", 7 * sec);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(c.state(), ts::unwinding); // no re-price under the cap
  EXPECT_EQ(as[0].plan.role, leg_role::unwind);
}

TEST(TradeCore, TimeCapStopsARepriceInFlight) {
  auto p = params();
  p.naked_time_cap_ns = 5 * sec;
  p.order_timeout_ns = 60 * sec;
  p.max_reprices = 2;
  trade_core c{p, "T1", legs()};
  c.start(0);
  report(c, "karb-T1-0-1", order_status::filled, "0.01", "100000000");
  report(c, "karb-T1-1-1", order_status::rejected, "0", "0");
  EXPECT_EQ(c.state(), ts::repricing);
  auto as = c.on_timer(5 * sec);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0].client_order_id, "karb-T1-1-2");
  as = report(c, "karb-T1-1-2", order_status::cancelled, "0", "0", 6 * sec);
  EXPECT_EQ(c.state(), ts::unwinding); // a second re-price was allowed
  EXPECT_EQ(as.at(0).plan.role, leg_role::unwind);
}

TEST(TradeCore, NotionalCapSkipsTheReprice) {
  auto p = params();
  p.naked_notional_cap = dec("500000");
  trade_core c{p, "T1", legs()};
  c.start(0);
  report(c, "karb-T1-0-1", order_status::filled, "0.01", "100000000");
  auto as = report(c, "karb-T1-1-1", order_status::rejected, "0", "0");
  EXPECT_EQ(c.state(), ts::unwinding);
  EXPECT_EQ(as.at(0).plan.role, leg_role::unwind);
}

TEST(TradeCore, IsStuckAfterEveryUnwindFailedAlertsAndDoesNotReport) {
  auto p = params();
  p.max_reprices = 0;
  p.max_unwinds = 2;
  trade_core c{p, "T1", legs()};
  c.start(0);
  report(c, "karb-T1-0-1", order_status::filled, "0.01", "100000000");
  report(c, "karb-T1-1-1", order_status::failed, "0", "0");
  report(c, "karb-T1-0-2", order_status::rejected, "0", "0");
  auto as = report(c, "karb-T1-0-3", order_status::rejected, "0", "0", sec);
  EXPECT_EQ(c.state(), ts::stuck);
  ASSERT_NE(find(as, kind::alert), nullptr);
  EXPECT_NE(find(as, kind::alert)->reason.find("again in 30 s"),
            std::string::npos)
    << find(as, kind::alert)->reason;
  EXPECT_EQ(find(as, kind::report), nullptr) << "still exposed: not over";
  EXPECT_EQ(c.net_base(), dec("0.01"));
}

TEST(TradeCore, AStuckTradeUnwindsAgainAfterADoublingBackOffUntilFlat) {
  auto p = params();
  p.max_reprices = 0;
  p.max_unwinds = 1;
  p.stuck_retry_ns = 30 * sec;
  p.stuck_retry_cap_ns = 50 * sec;
  trade_core c{p, "T1", legs()};
  c.start(0);
  report(c, "karb-T1-0-1", order_status::filled, "0.01", "100000000");
  report(c, "karb-T1-1-1", order_status::failed, "0", "0");
  report(c, "karb-T1-0-2", order_status::rejected, "0", "0", 10 * sec);
  ASSERT_EQ(c.state(), ts::stuck);
  EXPECT_TRUE(c.on_timer(39 * sec).empty()) << "30 s from 10 s";
  auto as = c.on_timer(40 * sec);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(c.state(), ts::unwinding);
  EXPECT_EQ(as[0].what, kind::place);
  EXPECT_EQ(as[0].client_order_id, "karb-T1-0-3");
  EXPECT_EQ(as[0].plan.role, leg_role::unwind);
  EXPECT_EQ(as[0].plan.order_side, side::sell); // sells back what it bought
  EXPECT_EQ(as[0].plan.amount, dec("0.01"));
  // One band away again (the attempts start over): 0.2 % under the entry.
  EXPECT_EQ(as[0].plan.price, dec("99800000"));
  // Fails again: the next wait is doubled, capped at 50 s.
  report(c, "karb-T1-0-3", order_status::rejected, "0", "0", 41 * sec);
  ASSERT_EQ(c.state(), ts::stuck);
  EXPECT_TRUE(c.on_timer(90 * sec).empty());
  as = c.on_timer(91 * sec);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0].client_order_id, "karb-T1-0-4");
  // Fills: flat, and only now the report.
  as = report(c, "karb-T1-0-4", order_status::filled, "0.01", "99800000",
              92 * sec);
  EXPECT_EQ(c.state(), ts::flat);
  ASSERT_NE(find(as, kind::report), nullptr);
  EXPECT_EQ(find(as, kind::report)->reason, "unwound");
  auto steps = c.take_steps();
  int retries = 0;
  for (const auto& s : steps)
    retries += s.what == "retry";
  EXPECT_EQ(retries, 2);
}

TEST(TradeCore, AStuckCloseTradeWithNoLegToUnwindReportsExposed) {
  auto p = params();
  p.max_reprices = 0;
  leg_plan close{"upbit", btc(exchange::upbit), side::sell, dec("0.01"),
                 dec("100000000")};
  close.role = leg_role::close;
  trade_core c{p, "T1", {close}};
  c.start(0);
  auto as = report(c, "karb-T1-0-1", order_status::rejected, "0", "0");
  EXPECT_EQ(c.state(), ts::stuck);
  ASSERT_NE(find(as, kind::report), nullptr);
  EXPECT_EQ(find(as, kind::report)->reason, "exposed");
  EXPECT_TRUE(c.on_timer(3600 * sec).empty());
}

TEST(TradeCore, FailsWhenNothingFilled) {
  trade_core c{params(), "T1", legs()};
  c.start(0);
  report(c, "karb-T1-0-1", order_status::rejected, "0", "0");
  auto as = report(c, "karb-T1-1-1", order_status::failed, "0", "0");
  EXPECT_EQ(c.state(), ts::failed);
  EXPECT_EQ(find(as, kind::report)->reason, "failed");
  EXPECT_EQ(c.pnl(), dec("0"));
}

TEST(TradeCore, CancelsAnOrderPastTheOrderTimeout) {
  trade_core c{params(), "T1", legs()};
  c.start(0);
  report(c, "karb-T1-0-1", order_status::filled, "0.01", "100000000");
  c.on_order("karb-T1-1-1", order_status::open, {}, {}, {}, 0);
  EXPECT_TRUE(c.on_timer(2 * sec).empty());
  auto as = c.on_timer(3 * sec);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0].what, kind::cancel);
  EXPECT_EQ(as[0].reason, "order_timeout");
  EXPECT_EQ(as[0].client_order_id, "karb-T1-1-1");
}

TEST(TradeCore, ResumesAnExposedTradeByUnwinding) {
  trade_core c{params(), "T1", legs()};
  std::vector<tracked_order> orders(2);
  orders[0].plan = legs()[0];
  orders[0].client_order_id = "karb-T1-0-1";
  orders[0].status = order_status::filled;
  orders[0].filled = dec("0.01");
  orders[0].notional = dec("1000000");
  orders[1].plan = legs()[1];
  orders[1].plan.leg = 1;
  orders[1].client_order_id = "karb-T1-1-1";
  orders[1].status = order_status::failed;
  auto as = c.resume(ts::exposed, orders, 0);
  EXPECT_EQ(c.state(), ts::unwinding);
  ASSERT_EQ(as.size(), 1u);
  EXPECT_EQ(as[0].client_order_id, "karb-T1-0-2");
  EXPECT_EQ(as[0].plan.role, leg_role::unwind);
}

TEST(TradeCore, ResumedLegsWaitForTheirLookups) {
  trade_core c{params(), "T1", legs()};
  std::vector<tracked_order> orders(2);
  orders[0].plan = legs()[0];
  orders[0].client_order_id = "karb-T1-0-1";
  orders[0].status = order_status::filled;
  orders[0].filled = dec("0.01");
  orders[0].notional = dec("1000000");
  orders[1].plan = legs()[1];
  orders[1].plan.leg = 1;
  orders[1].client_order_id = "karb-T1-1-1";
  orders[1].status = order_status::unknown;
  EXPECT_TRUE(c.resume(ts::legs_submitted, orders, 0).empty());
  auto as = report(c, "karb-T1-1-1", order_status::filled, "0.01",
                   "100500000");
  EXPECT_EQ(find(as, kind::report)->reason, "completed");
}
