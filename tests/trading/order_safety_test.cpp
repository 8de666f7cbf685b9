// No order the venue holds is unknown to the node: replies that are not the
// venue's own word (a proxy's 5xx page, a cut body, a reset after the venue
// accepted), an order the venue never received, an order under the node's
// prefix the node never stored, and someone else's order. After each, the
// invariant holds: every venue order with the prefix is in the store in the
// venue's state, none was placed twice, and the node ends flat.

#include <gtest/gtest.h>

#include "tests/trading/books.hpp"
#include "tests/trading/harness.hpp"
#include "tests/trading/invariant.hpp"

namespace karb::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

/// The best price of one side of the simulator's KRW-BTC book.
decimal best(trading_env& env, const std::string& venue, const char* which) {
  auto st = sim_state(env.admin());
  auto p = json::json_pointer{"/venues/" + venue + "/markets/KRW-BTC/"
                              + which};
  return st.contains(p) ? decimal::parse(st[p].get<std::string>()).value()
                        : decimal{};
}

struct reply_fault {
  const char* name;
  json spec;                  ///< applied to Bithumb before the trade
  bool processed = true;      ///< the venue took the order
};

class OrderSafety : public ::testing::TestWithParam<reply_fault> {};

// Bithumb without its private stream: the lookup by client id is the only
// way the node can learn the order's fate.
TEST_P(OrderSafety, AReplyThatIsNotTheVenuesWordLosesNoOrder) {
  const auto& p = GetParam();
  trading_env env{std::string{"safety-"} + p.name};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  env.cfg.no_private_stream.insert("bithumb");
  auto spec = p.spec;
  spec["venue"] = "bithumb";
  ASSERT_TRUE(sim_fault(env.admin(), spec));
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(40)));
  env.start_node();
  ASSERT_TRUE(env.wait_final_trades(1, 40s)) << env.dump();
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(0)));
  ASSERT_TRUE(env.wait_quiet(40s)) << env.dump();
  ASSERT_EQ(env.stop_node(), 0);
  auto orders = store_orders(env.db());
  auto first = first_on(orders, "bithumb");
  ASSERT_NE(first, nullptr);
  // Only the venue's own refusal rejects: this order was never refused.
  EXPECT_NE(first->status, "rejected") << env.dump();
  if (p.processed)
    EXPECT_TRUE(first->status == "filled" || first->status == "cancelled")
      << first->status << "\n" << env.dump();
  else
    EXPECT_EQ(first->status, "failed") << env.dump();
  auto r = check_invariant(env);
  EXPECT_TRUE(r.clean()) << r.text() << "\n" << env.dump();
  // The invariant compared real orders: the Upbit leg, and the Bithumb
  // order when the venue took it; when it did not and the Upbit leg
  // filled, the order that closed the gap (a re-price or an unwind). On a
  // slow node the Upbit leg can rest and be cancelled unfilled instead.
  auto upbit = first_on(orders, "upbit");
  ASSERT_NE(upbit, nullptr);
  EXPECT_GE(r.venue_orders, p.processed || has_fill(*upbit) ? 2 : 1)
    << env.dump();
  expect_books_agree(env);
}

INSTANTIATE_TEST_SUITE_P(
  Faults, OrderSafety,
  ::testing::Values(
    reply_fault{"BadGatewayAfterAccept",
                {{"fault", "gateway_error"}, {"status", 502}}},
    reply_fault{"UnavailableAfterAccept",
                {{"fault", "gateway_error"}, {"status", 503}}},
    reply_fault{"GatewayTimeoutAfterAccept",
                {{"fault", "gateway_error"}, {"status", 504}}},
    reply_fault{"TruncatedReply", {{"fault", "truncate_reply"}}},
    reply_fault{"ResetAfterAccept", {{"fault", "reset_after_accept"}}},
    reply_fault{"BadGatewayBeforeTheVenue",
                {{"fault", "gateway_error"}, {"status", 502},
                 {"when", "before"}},
                false}),
  [](const auto& info) { return std::string{info.param.name}; });

TEST(OrderSafetyReconcile, AnOrderUnderOurPrefixTheStoreLacksIsAdopted) {
  trading_env env{"ghost"};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  env.cfg.execution["reconcile_interval_s"] = "1";
  env.start_node();
  ASSERT_TRUE(env.wait_books(15s)) << env.dump();
  // A buy the node never sent, under its prefix, that executes at once.
  auto ask = best(env, "bithumb", "best_ask");
  ASSERT_TRUE(ask.is_positive());
  ASSERT_TRUE(sim_fault(env.admin(), {{"venue", "bithumb"},
                                      {"fault", "inject_order"},
                                      {"side", "bid"},
                                      {"price", ask.to_string()},
                                      {"volume", "0.001"},
                                      {"identifier", "karb-ghost1-0-1"}}));
  // Adopted (ORDER event, audit row, alert), then its trade unwinds it.
  ASSERT_TRUE(wait_until(
    [&] { return !events_named(env.log(), "order_reconciled").empty(); },
    15s))
    << env.dump();
  ASSERT_TRUE(env.wait_quiet(40s)) << env.dump();
  ASSERT_EQ(env.stop_node(), 0);
  auto adopted = events_named(env.log(), "order_reconciled");
  EXPECT_EQ(adopted[0]["fields"].value("client_order_id", ""),
            "karb-ghost1-0-1");
  EXPECT_EQ(adopted[0]["fields"].value("action", ""), "ghost");
  EXPECT_FALSE(store_audit(env.db(), "order_reconciled").empty());
  bool unwound = false;
  for (auto& o : store_orders(env.db()))
    unwound = unwound || (o.trade_id == "ghost1" && o.side == "sell"
                          && o.status == "filled");
  EXPECT_TRUE(unwound) << env.dump();
  auto r = check_invariant(env);
  EXPECT_TRUE(r.clean()) << r.text() << "\n" << env.dump();
  EXPECT_EQ(r.venue_orders, 2);
}

TEST(OrderSafetyReconcile, SomeoneElsesOrderIsReportedOnceAndLeftAlone) {
  trading_env env{"foreign"};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  env.cfg.execution["reconcile_interval_s"] = "1";
  env.start_node();
  ASSERT_TRUE(env.wait_books(15s)) << env.dump();
  // A bid far under the market: it rests.
  auto bid = best(env, "upbit", "best_bid");
  auto far = decimal::round_to(decimal::div(bid, dec("2")).value(),
                               dec("1000"), rounding::floor);
  ASSERT_TRUE(sim_fault(env.admin(), {{"venue", "upbit"},
                                      {"fault", "inject_order"},
                                      {"side", "bid"},
                                      {"price", far.to_string()},
                                      {"volume", "0.001"},
                                      {"identifier", "manual-7"}}));
  ASSERT_TRUE(wait_until(
    [&] { return !events_named(env.log(), "foreign_order").empty(); }, 10s))
    << env.dump();
  // Three more reconciliations of Upbit pass: reported once, never touched.
  auto upbit_runs = [&] {
    size_t n = 0;
    for (auto& j : events_named(env.log(), "reconcile_run"))
      n += j["fields"].value("venue", "") == "upbit";
    return n;
  };
  auto before = upbit_runs();
  ASSERT_TRUE(wait_until([&] { return upbit_runs() >= before + 3; }, 15s));
  ASSERT_EQ(env.stop_node(), 0);
  EXPECT_EQ(events_named(env.log(), "foreign_order").size(), 1u);
  EXPECT_EQ(store_int(env.db(), "SELECT COUNT(*) FROM orders"), 0);
  bool resting = false;
  for (auto& o : sim_orders(sim_state(env.admin())))
    resting = resting || (o.value("identifier", "") == "manual-7"
                          && o.value("state", "") == "wait");
  EXPECT_TRUE(resting);
}

} // namespace
} // namespace karb::test

namespace karb::test {
namespace {

/// Trades once under `faults` (applied to Bithumb), then settles, stops,
/// and checks the invariant and the books.
void trade_under(trading_env& env, const std::vector<json>& faults) {
  for (auto spec : faults) {
    spec["venue"] = "bithumb";
    ASSERT_TRUE(sim_fault(env.admin(), spec)) << spec.dump();
  }
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(40)));
  env.start_node();
  ASSERT_TRUE(env.wait_final_trades(1, 60s)) << env.dump();
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(0)));
  ASSERT_TRUE(env.wait_quiet(60s)) << env.dump();
  ASSERT_EQ(env.stop_node(), 0);
  auto r = check_invariant(env);
  EXPECT_TRUE(r.clean()) << r.text() << "\n" << env.dump();
  expect_books_agree(env);
}

int requests_marked(trading_env& env, const std::string& fault,
                    const std::string& method = "") {
  int n = 0;
  for (auto& j : log_lines(env.dir() / "requests.jsonl"))
    n += j.value("fault", "").find(fault) != std::string::npos
         && (method.empty() || j.value("method", "") == method);
  return n;
}

TEST(OrderSafetyVenue, ABannedVenueGetsNoRequestUntilTheBanEnds) {
  trading_env env{"ban"};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  env.start_node();
  ASSERT_TRUE(env.wait_books(15s)) << env.dump();
  // Bithumb bans the account for 4 s, then the spread opens: the first
  // request is refused 418 with Retry-After, and the node sends Bithumb
  // nothing more (its legs there are refused unsent) until the ban ends.
  ASSERT_TRUE(sim_fault(env.admin(), {{"venue", "bithumb"},
                                      {"fault", "ban"},
                                      {"seconds", 4}}));
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(40)));
  ASSERT_TRUE(wait_until(
    [&] { return !events_named(env.log(), "banned").empty(); }, 20s))
    << env.dump();
  ASSERT_TRUE(env.wait_final_trades(1, 60s)) << env.dump();
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(0)));
  ASSERT_TRUE(env.wait_quiet(60s)) << env.dump();
  ASSERT_EQ(env.stop_node(), 0);
  auto refused = requests_marked(env, "ban");
  EXPECT_GE(refused, 1);
  EXPECT_LE(refused, 2) << "requests sent into the ban";
  auto r = check_invariant(env);
  EXPECT_TRUE(r.clean()) << r.text() << "\n" << env.dump();
  expect_books_agree(env);
}

TEST(OrderSafetyVenue, ACancelTheVenueFailsIsSentAgainUntilItTakes) {
  // One market step a second, so that a resting order stays put.
  trading_env env{"cancel-fail", {"--book-hz", "1"}};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  env.start_node();
  ASSERT_TRUE(env.wait_books(15s)) << env.dump();
  // The Bithumb leg fills 40 % and the rest rests; the spread closes at
  // once, so it stays resting until the node's order timeout cancels it,
  // and the venue fails the first two cancels.
  for (auto spec : {json{{"fault", "partial_fill"}, {"ratio", "0.4"}},
                    json{{"fault", "cancel_fail"}, {"count", 2}}}) {
    spec["venue"] = "bithumb";
    ASSERT_TRUE(sim_fault(env.admin(), spec));
  }
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(40)));
  ASSERT_TRUE(wait_until(
    [&] {
      for (auto& o : sim_orders(sim_state(env.admin())))
        if (o["venue"] == "bithumb" && o.value("state", "") == "wait")
          return true;
      return false;
    },
    20s, 20ms))
    << env.dump();
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(0)));
  ASSERT_TRUE(env.wait_final_trades(1, 60s)) << env.dump();
  ASSERT_TRUE(env.wait_quiet(60s)) << env.dump();
  ASSERT_EQ(env.stop_node(), 0);
  EXPECT_EQ(requests_marked(env, "cancel_fail"), 2) << env.dump();
  int cancels = 0;
  for (auto& j : log_lines(env.dir() / "requests.jsonl"))
    cancels += j.value("method", "") == "DELETE"
               && j.value("venue", "") == "bithumb";
  EXPECT_GE(cancels, 3) << env.dump();
  auto r = check_invariant(env);
  EXPECT_TRUE(r.clean()) << r.text() << "\n" << env.dump();
  expect_books_agree(env);
}

TEST(OrderSafetyVenue, SigtermCancelsTheRestingOrderBeforeTheNodeExits) {
  trading_env env{"sigterm", {"--book-hz", "1"}};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  env.cfg.execution["order_timeout_ms"] = "30000"; // the stop cancels first
  env.start_node();
  ASSERT_TRUE(env.wait_books(15s)) << env.dump();
  ASSERT_TRUE(sim_fault(env.admin(), {{"venue", "bithumb"},
                                      {"fault", "partial_fill"},
                                      {"ratio", "0.4"}}));
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(40)));
  auto resting = [&] {
    for (auto& o : sim_orders(sim_state(env.admin())))
      if (o["venue"] == "bithumb" && o.value("state", "") == "wait")
        return true;
    return false;
  };
  ASSERT_TRUE(wait_until(resting, 20s, 20ms)) << env.dump();
  ASSERT_TRUE(sim_fault(env.admin(), shift_bithumb(0)));
  ASSERT_EQ(env.stop_node(), 0); // SIGTERM
  EXPECT_FALSE(resting()) << env.dump();
  EXPECT_EQ(events_named(env.log(), "shutdown_orders_settled").size(), 1u);
  EXPECT_TRUE(events_named(env.log(), "shutdown_orders_left").empty());
  // The trade was left short of its Bithumb leg; the next start (with the
  // usual order timeout) re-prices or unwinds it.
  env.cfg.execution["order_timeout_ms"] = "3000";
  env.start_node();
  ASSERT_TRUE(env.wait_quiet(60s)) << env.dump();
  ASSERT_EQ(env.stop_node(), 0);
  auto r = check_invariant(env);
  EXPECT_TRUE(r.clean()) << r.text() << "\n" << env.dump();
  expect_books_agree(env);
}

TEST(OrderSafetyVenue, LookupsThatOutliveTheirTimeoutAreAskedAgain) {
  trading_env env{"slow-lookup"};
  ASSERT_TRUE(env.sim_ok()) << env.sim_error();
  env.cfg.no_private_stream.insert("bithumb");
  // The place reply is lost; the first two lookups answer after the
  // node's 3 s request timeout.
  trade_under(env, {{{"fault", "drop_order_reply"}, {"count", 1}},
                    {{"fault", "slow_lookup"}, {"ms", 4000}, {"count", 2}}});
  EXPECT_EQ(requests_marked(env, "slow_lookup"), 2);
}

} // namespace
} // namespace karb::test
