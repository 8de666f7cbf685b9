// The SQLite store alone on a temporary file: WAL mode, round trips,
// transitions, duplicate fills, and what a restart loads.

#include "actors/store/store_db.hpp"

#include <filesystem>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "tests/execution/records.hpp"
#include "tests/execution/temp_db.hpp"

using namespace karb;
using namespace karb::store;

using test::make_order;
using test::make_trade;

TEST(StoreDb, UsesWriteAheadLogging) {
  test::temp_db tmp;
  store_db db{tmp.path()};
  EXPECT_EQ(db.journal_mode(), "wal");
}

TEST(StoreDb, CreatesItsDirectory) {
  test::temp_db tmp;
  auto dir = std::filesystem::path{tmp.path() + ".d"} / "var";
  {
    store_db db{(dir / "karb.db").string()};
    EXPECT_EQ(db.journal_mode(), "wal");
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "karb.db"));
  std::filesystem::remove_all(dir.parent_path());
}

TEST(StoreDb, RoundTripsAnOrderAndItsIntent) {
  test::temp_db tmp;
  store_db db{tmp.path()};
  auto r = make_order("T1", 0, order_status::pending);
  ASSERT_TRUE(db.put_order(r));
  auto back = db.order(r.request.client_order_id);
  EXPECT_EQ(back.trade_id, "T1");
  EXPECT_EQ(back.venue, "upbit");
  EXPECT_EQ(back.role, "entry");
  EXPECT_EQ(back.request.symbol, r.request.symbol);
  EXPECT_EQ(back.request.order_side, side::buy);
  EXPECT_EQ(back.request.amount, dec("0.01"));
  EXPECT_EQ(back.request.price, dec("100000000.5"));
  EXPECT_EQ(back.request.ts_tick_ns, 42);
  EXPECT_EQ(back.state.status, order_status::pending);
  // State updates keep the intent and record each transition once.
  r.state.status = order_status::submitted;
  ASSERT_TRUE(db.put_order(r));
  r.state.status = order_status::partially_filled;
  r.state.filled = dec("0.004");
  r.state.average_price = dec("100000000");
  r.state.id = "venue-1";
  ASSERT_TRUE(db.put_order(r));
  ASSERT_TRUE(db.put_order(r)); // no change: no transition row
  back = db.order(r.request.client_order_id);
  EXPECT_EQ(back.state.status, order_status::partially_filled);
  EXPECT_EQ(back.state.filled, dec("0.004"));
  EXPECT_EQ(back.state.id, "venue-1");
  EXPECT_EQ(back.request.price, dec("100000000.5"));
  EXPECT_EQ(db.transitions(r.request.client_order_id),
            (std::vector<std::string>{"pending", "submitted",
                                      "partially_filled"}));
}

TEST(StoreDb, IgnoresADuplicateFill) {
  test::temp_db tmp;
  store_db db{tmp.path()};
  fill f;
  f.client_order_id = "karb-T1-0-1";
  f.trade_id = "x1";
  f.symbol = {exchange::upbit, "BTC", "KRW", "KRW-BTC", contract_type::spot};
  f.price = dec("100000000");
  f.volume = dec("0.004");
  f.fee = dec("200");
  f.fee_currency = "KRW";
  ASSERT_TRUE(db.put_fill(f));
  ASSERT_TRUE(db.put_fill(f));
  f.trade_id = "x2";
  ASSERT_TRUE(db.put_fill(f));
  auto fs = db.fills("karb-T1-0-1");
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].trade_id, "x1");
  EXPECT_EQ(fs[0].volume, dec("0.004"));
  EXPECT_EQ(fs[0].fee, dec("200"));
  EXPECT_EQ(fs[0].symbol.venue, exchange::upbit);
}

TEST(StoreDb, WritesTradesBalancesEventsAndAudit) {
  test::temp_db tmp;
  store_db db{tmp.path()};
  ASSERT_TRUE(db.put_trade(make_trade("T1", "planned")));
  ASSERT_TRUE(db.put_trade(make_trade("T1", "done")));
  EXPECT_EQ(db.count("trades"), 1);
  ASSERT_TRUE(db.put_balances({{exchange::upbit, "KRW", dec("1"), dec("2"),
                                dec("3"), 5},
                               {exchange::upbit, "BTC", dec("0.1"), dec("0"),
                                dec("0.1"), 5}}));
  EXPECT_EQ(db.count("balances"), 2);
  ASSERT_TRUE(db.put_event({event_type::order_created, "{\"a\":1}", 7, "x",
                            "T1"}));
  EXPECT_EQ(db.count("events"), 1);
  ASSERT_TRUE(db.put_audit({8, "T1", "karb-T1-0-1", "place", "{}"}));
  EXPECT_EQ(db.count("audit"), 1);
}

TEST(StoreDb, LoadsWhatIsNotFinishedAfterReopening) {
  test::temp_db tmp;
  {
    store_db db{tmp.path()};
    // T1: finished. T2: exposed, one leg filled, one unknown. T3: done but
    // an order of it still open (loaded for the order's sake).
    db.put_trade(make_trade("T1", "done"));
    db.put_order(make_order("T1", 0, order_status::filled));
    db.put_order(make_order("T1", 1, order_status::filled));
    db.put_trade(make_trade("T2", "exposed"));
    db.put_order(make_order("T2", 0, order_status::filled));
    db.put_order(make_order("T2", 1, order_status::unknown));
    db.put_trade(make_trade("T3", "done"));
    db.put_order(make_order("T3", 0, order_status::open));
    fill f;
    f.client_order_id = "karb-T2-0-1";
    f.trade_id = "x1";
    f.volume = dec("0.01");
    db.put_fill(f);
    f.client_order_id = "karb-T1-0-1"; // finished: not loaded
    db.put_fill(f);
  }
  store_db db{tmp.path()};
  EXPECT_EQ(db.journal_mode(), "wal");
  auto set = db.load_open();
  ASSERT_EQ(set.trades.size(), 2u);
  EXPECT_EQ(set.trades[0].trade_id, "T2");
  EXPECT_EQ(set.trades[0].state, "exposed");
  EXPECT_EQ(set.trades[0].pnl_krw, dec("-12.5"));
  EXPECT_EQ(set.trades[1].trade_id, "T3");
  ASSERT_EQ(set.orders.size(), 3u);
  EXPECT_EQ(set.orders[0].request.client_order_id, "karb-T2-0-1");
  EXPECT_EQ(set.orders[0].state.status, order_status::filled);
  EXPECT_EQ(set.orders[1].request.client_order_id, "karb-T2-1-1");
  EXPECT_EQ(set.orders[1].state.status, order_status::unknown);
  EXPECT_EQ(set.orders[2].request.client_order_id, "karb-T3-0-1");
  // With the fills booked for them, so that none is booked again.
  ASSERT_EQ(set.fills.size(), 1u);
  EXPECT_EQ(set.fills[0].client_order_id, "karb-T2-0-1");
  EXPECT_EQ(set.fills[0].trade_id, "x1");
  EXPECT_EQ(set.fills[0].volume, dec("0.01"));
  // The same for the orders reconciliation asks for by client id.
  auto some = db.orders({"karb-T1-0-1", "karb-T9-0-1"});
  ASSERT_EQ(some.orders.size(), 1u);
  ASSERT_EQ(some.fills.size(), 1u);
  EXPECT_EQ(some.fills[0].client_order_id, "karb-T1-0-1");
  EXPECT_TRUE(some.trades.empty());
}

TEST(StoreDb, RefusesAnUnopenablePath) {
  // Under a regular file: no directory can be made there, even as root.
  test::temp_db tmp;
  { store_db db{tmp.path()}; }
  EXPECT_THROW(store_db{tmp.path() + "/karb/x.db"}, std::runtime_error);
}

TEST(StoreDb, ListsRecentTradesNewestFirst) {
  test::temp_db tmp;
  store_db db{tmp.path()};
  for (int i = 1; i <= 3; ++i) {
    auto t = make_trade("T" + std::to_string(i), "done");
    t.updated_ns = 100 * i;
    ASSERT_TRUE(db.put_trade(t));
  }
  auto t1 = make_trade("T1", "exposed");
  t1.updated_ns = 400; // updated last
  ASSERT_TRUE(db.put_trade(t1));
  auto xs = db.recent_trades(2);
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(xs[0].trade_id, "T1");
  EXPECT_EQ(xs[0].state, "exposed");
  EXPECT_EQ(xs[0].pnl_krw, dec("-12.5"));
  EXPECT_EQ(xs[0].strategy_id, "spread");
  EXPECT_EQ(xs[1].trade_id, "T3");
  EXPECT_TRUE(db.recent_trades(0).empty());
  EXPECT_EQ(db.recent_trades(10).size(), 3u);
}

TEST(StoreDb, AFileWithoutTheReduceOnlyColumnGainsItAndKeepsItsOrders) {
  test::temp_db tmp;
  auto r = make_order("T1", 0, order_status::open);
  {
    store_db db{tmp.path()};
    ASSERT_TRUE(db.put_order(r));
    // The file as the release before reduce-only orders wrote it.
    ASSERT_EQ(sqlite3_exec(db.handle(),
                           "ALTER TABLE orders DROP COLUMN reduce_only",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  store_db db{tmp.path()};
  EXPECT_EQ(db.order(r.request.client_order_id).state.status,
            order_status::open);
  auto perp = make_order("T2", 0, order_status::pending);
  perp.request.reduce_only = true;
  ASSERT_TRUE(db.put_order(perp));
  EXPECT_TRUE(db.order(perp.request.client_order_id).request.reduce_only);
  EXPECT_FALSE(db.order(r.request.client_order_id).request.reduce_only);
}
