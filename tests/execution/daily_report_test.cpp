// The daily report over a store built here with known rows: the day's
// window at an offset, exact totals, balance changes, the venue comparison
// and both renderings.

#include "actors/store/daily_report.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/execution/temp_db.hpp"

using namespace karb;
using namespace karb::store;

namespace {

constexpr int64_t s = 1'000'000'000;
// 2026-11-21T00:00:00Z
constexpr int64_t day = 1'795'219'200 * s;
constexpr int32_t kst = 9 * 3600;

trade_record trade(std::string id, std::string outcome, const char* pnl,
                   const char* fees, int64_t created) {
  trade_record t;
  t.trade_id = id;
  t.state = outcome.empty() ? "legs_submitted" : "done";
  t.outcome = outcome;
  t.pnl_krw = dec(pnl);
  t.fees_krw = dec(fees);
  t.created_ns = t.updated_ns = created;
  return t;
}

order_record order_of(std::string cid, std::string venue, order_status st,
                      const char* fee, int64_t created) {
  order_record r;
  r.trade_id = "T";
  r.venue = venue;
  r.request.client_order_id = cid;
  r.state.status = st;
  r.state.fee = dec(fee);
  r.created_ns = r.updated_ns = created;
  return r;
}

std::vector<balance> snap(exchange v, const char* krw, const char* btc,
                          int64_t ts) {
  return {{v, "KRW", dec(krw), {}, dec(krw), ts},
          {v, "BTC", dec(btc), {}, dec(btc), ts}};
}

// A day of the UTC calendar with rows on both sides of it.
class DailyReport : public ::testing::Test {
protected:
  DailyReport() {
    store_db db{tmp.path()};
    db.put_trade(trade("before", "completed", "999", "1", day - 1));
    db.put_trade(trade("A", "completed", "1500.5", "100", day + 10 * s));
    db.put_trade(trade("B", "completed", "200", "50.25", day + 20 * s));
    db.put_trade(trade("C", "unwound", "-300.25", "75", day + 30 * s));
    db.put_trade(trade("D", "exposed", "-10", "5", day + 40 * s));
    db.put_trade(trade("E", "", "0", "0", day + 50 * s));
    db.put_trade(trade("after", "completed", "7", "1", day + 86'400 * s));
    db.put_order(order_of("o1", "upbit", order_status::filled, "50", day + s));
    db.put_order(order_of("o2", "bithumb", order_status::filled, "49.75",
                          day + 2 * s));
    db.put_order(order_of("o3", "upbit", order_status::cancelled, "0.5",
                          day + 3 * s));
    db.put_order(order_of("o4", "bithumb", order_status::unknown, "0",
                          day + 4 * s));
    db.put_order(order_of("o0", "upbit", order_status::open, "3", day - s));
    db.put_balances(snap(exchange::upbit, "1000", "1", day - s));
    db.put_balances(snap(exchange::upbit, "900", "1.001", day + s));
    db.put_balances(snap(exchange::upbit, "800.5", "1.002", day + 5 * s));
    db.put_balances(snap(exchange::bithumb, "500", "0.5", day + 2 * s));
    db.put_balances({{exchange::bithumb, "KRW", dec("600"), {}, dec("600"),
                      day + 6 * s}});
  }

  daily_report report(int32_t offset = 0) {
    store_db db{tmp.path()};
    return build_daily_report(db, *day_window("2026-11-21", offset));
  }

  test::temp_db tmp;
};

} // namespace

TEST(DailyReportWindow, OffsetsAndDates) {
  EXPECT_EQ(parse_utc_offset("+09:00"), kst);
  EXPECT_EQ(parse_utc_offset("+0900"), kst);
  EXPECT_EQ(parse_utc_offset("-05:30"), -(5 * 3600 + 1800));
  EXPECT_EQ(parse_utc_offset("Z"), 0);
  EXPECT_EQ(parse_utc_offset("UTC"), 0);
  EXPECT_FALSE(parse_utc_offset("09:00"));
  EXPECT_FALSE(parse_utc_offset("+9"));
  EXPECT_FALSE(parse_utc_offset("+15:00"));
  EXPECT_EQ(format_utc_offset(kst), "+09:00");
  EXPECT_EQ(format_utc_offset(-1800), "-00:30");
  auto w = day_window("2026-11-21", 0);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->from_ns, day);
  EXPECT_EQ(w->to_ns, day + 86'400 * s);
  // The KST day starts at 15:00 UTC the day before.
  EXPECT_EQ(day_window("2026-11-21", kst)->from_ns, day - kst * s);
  EXPECT_FALSE(day_window("2026-02-30", 0));
  EXPECT_FALSE(day_window("2026-1-21", 0));
  EXPECT_FALSE(day_window("yesterday!", 0));
}

TEST_F(DailyReport, CountsTheDaysTradesAndSumsExactly) {
  auto r = report();
  EXPECT_EQ(r.trades, 5);
  EXPECT_EQ(r.outcomes, (std::map<std::string, int64_t>{
                          {"completed", 2}, {"exposed", 1}, {"open", 1},
                          {"unwound", 1}}));
  // 1500.5 + 200 - 300.25 - 10; the open trade is not realised.
  EXPECT_EQ(r.pnl_krw, dec("1390.25"));
  EXPECT_EQ(r.fees_krw, dec("230.25"));
  EXPECT_EQ(r.fees_by_venue, (std::map<std::string, decimal>{
                               {"bithumb", dec("49.75")},
                               {"upbit", dec("50.5")}}));
  ASSERT_EQ(r.open_orders.size(), 1u);
  EXPECT_EQ(r.open_orders[0].client_order_id, "o4");
  EXPECT_EQ(r.open_orders[0].status, "unknown");
}

TEST_F(DailyReport, BalanceChangesUseTheDaysFirstAndLastSnapshot) {
  auto r = report();
  ASSERT_EQ(r.balances.size(), 4u);
  // Sorted by venue, then currency.
  EXPECT_EQ(r.balances[0].venue, "bithumb");
  EXPECT_EQ(r.balances[0].currency, "BTC");
  EXPECT_EQ(r.balances[0].first, dec("0.5"));
  EXPECT_EQ(r.balances[0].last, dec("0")); // absent from the last snapshot
  EXPECT_EQ(r.balances[1].currency, "KRW");
  EXPECT_EQ(r.balances[1].change, dec("100"));
  EXPECT_EQ(r.balances[2].venue, "upbit");
  EXPECT_EQ(r.balances[2].currency, "BTC");
  EXPECT_EQ(r.balances[2].change, dec("0.001"));
  EXPECT_EQ(r.balances[3].first, dec("900"));
  EXPECT_EQ(r.balances[3].last, dec("800.5"));
  EXPECT_EQ(r.balances[3].change, dec("-99.5"));
}

TEST_F(DailyReport, KstDayMovesTheWindow) {
  // [2026-11-20T15:00Z, 2026-11-21T15:00Z): "before" is in, "after" not.
  auto r = report(kst);
  EXPECT_EQ(r.trades, 6);
  EXPECT_EQ(r.pnl_krw, dec("2389.25"));
  EXPECT_EQ(r.fees_by_venue["upbit"], dec("53.5"));
}

TEST_F(DailyReport, VenueComparisonFlagsMismatchesBeyondTolerance) {
  auto r = report();
  EXPECT_FALSE(r.venues_checked);
  // Latest stored: upbit KRW 800.5, BTC 1.002; bithumb KRW 600.
  ASSERT_EQ(r.checks.size(), 3u);
  EXPECT_EQ(r.mismatches(), 0);
  std::map<std::string, std::vector<balance>> now;
  now["upbit"] = snap(exchange::upbit, "801.5", "1.00200001", 0);
  now["bithumb"] = {{exchange::bithumb, "KRW", dec("598.9"), {},
                     dec("598.9"), 0},
                    {exchange::bithumb, "XRP", dec("1"), {}, dec("1"), 0}};
  compare_with_venues(r, now);
  EXPECT_TRUE(r.venues_checked);
  ASSERT_EQ(r.checks.size(), 4u);
  EXPECT_EQ(r.checks[0].currency, "KRW"); // bithumb KRW: 1.1 KRW off
  EXPECT_EQ(r.checks[0].diff, dec("-1.1"));
  EXPECT_TRUE(r.checks[0].mismatch);
  EXPECT_EQ(r.checks[1].currency, "XRP"); // not in the store
  EXPECT_TRUE(r.checks[1].mismatch);
  EXPECT_EQ(r.checks[2].currency, "BTC"); // upbit BTC: 1e-8 is tolerated
  EXPECT_FALSE(r.checks[2].mismatch);
  EXPECT_FALSE(r.checks[3].mismatch); // upbit KRW: exactly 1 KRW
  EXPECT_EQ(r.mismatches(), 2);
  auto text = render_text(r);
  EXPECT_NE(text.find("MISMATCH"), std::string::npos) << text;
  EXPECT_NE(text.find("2 MISMATCH"), std::string::npos) << text;
  auto j = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(j["mismatches"], 2);
  EXPECT_EQ(j["checks"][0]["diff"], "-1.1");
}

TEST_F(DailyReport, RenderingsNameTheZoneAndTheUncheckedVenues) {
  auto r = report(kst);
  r.venue_note = "--offline";
  auto text = render_text(r);
  EXPECT_NE(text.find("karb report 2026-11-21 (UTC+09:00: "
                      "2026-11-20T15:00:00Z .. 2026-11-21T15:00:00Z)"),
            std::string::npos) << text;
  EXPECT_NE(text.find("trades        6 (completed 3, exposed 1, open 1, "
                      "unwound 1)"),
            std::string::npos) << text;
  EXPECT_NE(text.find("venue column not checked (--offline)"),
            std::string::npos) << text;
  // The KST day also holds o0, opened before midnight UTC.
  EXPECT_NE(text.find("OPEN o0"), std::string::npos) << text;
  EXPECT_NE(text.find("OPEN o4"), std::string::npos) << text;
  EXPECT_EQ(text.find("MISMATCH"), std::string::npos) << text;
  auto j = nlohmann::json::parse(render_json(r));
  EXPECT_EQ(j["utc_offset"], "+09:00");
  EXPECT_EQ(j["trades"], 6);
  EXPECT_EQ(j["pnl_krw"], "2389.25");
  EXPECT_EQ(j["outcomes"]["completed"], 3);
  EXPECT_EQ(j["venues_checked"], false);
  ASSERT_EQ(j["open_orders"].size(), 2u);
  EXPECT_EQ(j["open_orders"][0]["status"], "open");
  EXPECT_EQ(j["open_orders"][1]["status"], "unknown");
}

TEST_F(DailyReport, ADayBeforeAnArchiveCutoffIsRefusedNamingTheArchive) {
  test::temp_db archive_file;
  store_db db{tmp.path()};
  auto w = *day_window("2026-11-21", 0);
  EXPECT_EQ(archived_day_refusal(db, w), "");
  // Noon: the finished trades of the morning and before move.
  auto r = db.archive_before(day + 43'200 * s, archive_file.path());
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.moved.trades, 5); // before, A, B, C, D (E is not finished)
  auto why = archived_day_refusal(db, w);
  EXPECT_NE(why.find("2026-11-21 starts before what the live store keeps"),
            std::string::npos) << why;
  EXPECT_NE(why.find(archive_file.path()), std::string::npos) << why;
  EXPECT_EQ(archived_day_refusal(db, *day_window("2026-11-22", 0)), "");
  // The archive itself reports what moved there.
  store_db archive{archive_file.path()};
  EXPECT_EQ(archived_day_refusal(archive, w), "");
  EXPECT_EQ(build_daily_report(archive, w).trades, 4);
}
