// The store's retention on temporary files: what moves to the archive at a
// cutoff (every field of it), what stays, reruns, failures that change
// nothing, and the archive's file name.

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "actors/store/archive.hpp"
#include "actors/store/store_db.hpp"
#include "tests/execution/records.hpp"
#include "tests/execution/temp_db.hpp"

using namespace karb;
using namespace karb::store;

namespace {

constexpr int64_t s = 1'000'000'000;
constexpr int64_t h = 3600 * s;
// 2026-12-15T00:00:00Z
constexpr int64_t cutoff = 1'797'292'800 * s;
constexpr int64_t old_ns = cutoff - h;
constexpr int64_t new_ns = cutoff + h;

using table = std::vector<std::vector<std::string>>;

/// Every column of every row the query returns, as text ("NULL" for null).
table rows(store_db& db, const std::string& sql) {
  table out;
  sqlite3_stmt* q = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &q, nullptr),
            SQLITE_OK)
    << sql;
  while (q && sqlite3_step(q) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(q); ++i) {
      auto p = sqlite3_column_text(q, i);
      row.emplace_back(p ? reinterpret_cast<const char*>(p) : "NULL");
    }
    out.push_back(std::move(row));
  }
  sqlite3_finalize(q);
  return out;
}

const std::vector<std::string> tables{"orders", "order_transitions", "fills",
                                      "trades", "balances", "events", "audit",
                                      "archives"};

/// The whole file, table by table.
std::vector<table> everything(store_db& db) {
  std::vector<table> out;
  for (const auto& t : tables)
    out.push_back(rows(db, "SELECT * FROM " + t + " ORDER BY rowid"));
  return out;
}

/// What belongs to trade OLD, per table, in the order of `tables`.
std::vector<std::string> of_old_trade() {
  const std::string orders = "('karb-OLD-0-1', 'karb-OLD-1-1')";
  return {
    "SELECT * FROM orders WHERE trade_id = 'OLD' ORDER BY rowid",
    "SELECT * FROM order_transitions WHERE client_order_id IN "
      + orders + " ORDER BY id",
    "SELECT * FROM fills WHERE client_order_id IN " + orders
      + " ORDER BY rowid",
    "SELECT * FROM trades WHERE trade_id = 'OLD'",
    "SELECT * FROM audit WHERE trade_id = 'OLD' ORDER BY id",
  };
}

/// A trade of two orders at `ts`, each written pending then in its final
/// status (two transitions each), with a fill of leg 0 and two audit rows.
void put_trade(store_db& db, const std::string& id, const std::string& state,
               order_status leg1, int64_t ts) {
  auto t = test::make_trade(id, state);
  t.created_ns = ts - s;
  t.updated_ns = ts;
  ASSERT_TRUE(db.put_trade(t));
  for (int leg = 0; leg < 2; ++leg) {
    auto o = test::make_order(id, leg, order_status::pending);
    o.created_ns = o.updated_ns = ts - s;
    ASSERT_TRUE(db.put_order(o));
    o.state.status = leg == 0 ? order_status::filled : leg1;
    o.state.filled = dec("0.01");
    o.state.remaining = dec("0");
    o.state.fee = dec("50.5");
    o.state.average_price = dec("100000000");
    o.state.id = "v-" + id + std::to_string(leg);
    o.updated_ns = ts;
    ASSERT_TRUE(db.put_order(o));
  }
  fill f;
  f.client_order_id = "karb-" + id + "-0-1";
  f.trade_id = "x-" + id;
  f.venue_order_id = "v-" + id + "0";
  f.symbol = {exchange::upbit, "BTC", "KRW", "KRW-BTC", contract_type::spot};
  f.order_side = side::buy;
  f.price = dec("100000000");
  f.volume = dec("0.01");
  f.fee = dec("50.5");
  f.fee_currency = "KRW";
  f.ts_event_ns = ts;
  ASSERT_TRUE(db.put_fill(f));
  ASSERT_TRUE(db.put_audit({ts - s, id, f.client_order_id, "placed", "{}"}));
  ASSERT_TRUE(db.put_audit({ts, id, "", "done", "{\"pnl\":\"1\"}"}));
}

balance krw(exchange v, const char* total, int64_t ts) {
  return {v, "KRW", dec(total), dec("0"), dec(total), ts};
}

class StoreArchive : public ::testing::Test {
protected:
  StoreArchive() {
    // OLD moves; OPEN (an order still open), NEW (recent) and STUCK (not
    // final) stay.
    put_trade(db, "OLD", "done", order_status::cancelled, old_ns);
    put_trade(db, "OPEN", "done", order_status::open, old_ns);
    put_trade(db, "NEW", "done", order_status::filled, new_ns);
    put_trade(db, "STUCK", "exposed", order_status::filled, old_ns);
    EXPECT_TRUE(db.put_audit({old_ns, "", "", "config_reloaded", "{}"}));
    EXPECT_TRUE(db.put_event({event_type::order_filled, "{\"a\":1}", old_ns,
                              "execution", "OLD"}));
    EXPECT_TRUE(db.put_event({event_type::order_filled, "{\"a\":2}", new_ns,
                              "execution", "NEW"}));
    // Upbit KRW: two old rows move, the new one stays. Upbit BTC: the
    // older moves, the newer (still old) stays. Bithumb KRW: its only
    // (old) row stays.
    EXPECT_TRUE(db.put_balances({krw(exchange::upbit, "100", old_ns - h),
                                 {exchange::upbit, "BTC", dec("1"), dec("0"),
                                  dec("1"), old_ns - h}}));
    EXPECT_TRUE(db.put_balances({krw(exchange::upbit, "90", old_ns),
                                 {exchange::upbit, "BTC", dec("2"), dec("0"),
                                  dec("2"), old_ns}}));
    EXPECT_TRUE(db.put_balances({krw(exchange::upbit, "80", new_ns),
                                 krw(exchange::bithumb, "70", old_ns)}));
  }

  test::temp_db live_file;
  test::temp_db archive_file;
  store_db db{live_file.path()};
};

} // namespace

TEST(ArchivePath, IsBesideTheStoreNamedByTheUtcMonth) {
  constexpr int64_t dec_1 = 1'796'083'200 * s;  // 2026-12-01T00:00:00Z
  constexpr int64_t jan_1 = 1'798'761'600 * s;  // 2027-01-01T00:00:00Z
  EXPECT_EQ(archive_path_for("var/karb-demo.db", cutoff),
            "var/karb-demo.archive-2026-12.db");
  EXPECT_EQ(archive_path_for("var/karb-demo.db", dec_1),
            "var/karb-demo.archive-2026-12.db");
  EXPECT_EQ(archive_path_for("var/karb-demo.db", dec_1 - 1),
            "var/karb-demo.archive-2026-11.db");
  EXPECT_EQ(archive_path_for("/var/lib/karb/karb.db", jan_1 - 1),
            "/var/lib/karb/karb.archive-2026-12.db");
  EXPECT_EQ(archive_path_for("/var/lib/karb/karb.db", jan_1),
            "/var/lib/karb/karb.archive-2027-01.db");
  EXPECT_EQ(archive_path_for("karb", jan_1), "karb.archive-2027-01.db");
}

TEST_F(StoreArchive, MovesAnOldFinishedTradeWithAllOfItsRows) {
  std::vector<table> before;
  for (const auto& q : of_old_trade())
    before.push_back(rows(db, q));
  auto old_event = rows(db, "SELECT * FROM events WHERE ts_ns < "
                              + std::to_string(cutoff));
  auto r = db.archive_before(cutoff, archive_file.path());
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.moved.trades, 1);
  EXPECT_EQ(r.moved.orders, 2);
  EXPECT_EQ(r.moved.order_transitions, 4);
  EXPECT_EQ(r.moved.fills, 1);
  EXPECT_EQ(r.moved.audit, 2);
  EXPECT_EQ(r.moved.events, 1);
  EXPECT_EQ(r.moved.balances, 3);
  store_db archive{archive_file.path()};
  auto queries = of_old_trade();
  for (size_t i = 0; i < queries.size(); ++i) {
    ASSERT_FALSE(before[i].empty()) << queries[i];
    EXPECT_EQ(rows(archive, queries[i]), before[i]) << queries[i];
    EXPECT_TRUE(rows(db, queries[i]).empty()) << queries[i];
  }
  EXPECT_EQ(rows(archive, "SELECT * FROM events"), old_event);
  EXPECT_EQ(archive.order("karb-OLD-1-1").state.status,
            order_status::cancelled);
  EXPECT_EQ(archive.order("karb-OLD-1-1").state.fee, dec("50.5"));
  EXPECT_EQ(archive.transitions("karb-OLD-0-1"),
            (std::vector<std::string>{"pending", "filled"}));
  ASSERT_EQ(archive.fills("karb-OLD-0-1").size(), 1u);
  EXPECT_EQ(archive.fills("karb-OLD-0-1")[0].trade_id, "x-OLD");
  EXPECT_FALSE(db.has_trade("OLD"));
  EXPECT_EQ(db.order("karb-OLD-0-1").trade_id, "");
  // Nothing else moved.
  EXPECT_EQ(archive.count("trades"), 1);
  EXPECT_EQ(archive.count("orders"), 2);
  EXPECT_EQ(archive.count("audit"), 2);
}

TEST_F(StoreArchive, KeepsTradesWithAnOpenOrderRecentOrUnfinished) {
  ASSERT_TRUE(db.archive_before(cutoff, archive_file.path()).ok());
  for (const char* id : {"OPEN", "NEW", "STUCK"}) {
    EXPECT_TRUE(db.has_trade(id)) << id;
    EXPECT_EQ(db.load_trade(id).orders.size(), 2u) << id;
    EXPECT_EQ(db.transitions("karb-" + std::string{id} + "-0-1").size(), 2u)
      << id;
    EXPECT_EQ(db.fills("karb-" + std::string{id} + "-0-1").size(), 1u) << id;
    EXPECT_EQ(rows(db, "SELECT * FROM audit WHERE trade_id = '"
                         + std::string{id} + "'")
                .size(),
              2u)
      << id;
  }
  EXPECT_EQ(db.order("karb-OPEN-1-1").state.status, order_status::open);
  EXPECT_EQ(db.count("trades"), 3);
  // The audit row of no trade stays, as does the recent event.
  EXPECT_EQ(rows(db, "SELECT step FROM audit WHERE trade_id = ''"),
            (table{{"config_reloaded"}}));
  EXPECT_EQ(rows(db, "SELECT data FROM events"), (table{{"{\"a\":2}"}}));
}

TEST_F(StoreArchive, KeepsTheNewestBalanceOfEachVenueAndCurrency) {
  ASSERT_TRUE(db.archive_before(cutoff, archive_file.path()).ok());
  EXPECT_EQ(rows(db, "SELECT exchange, currency, total, ts_ns FROM balances "
                     "ORDER BY id"),
            (table{{"upbit", "BTC", "2", std::to_string(old_ns)},
                   {"upbit", "KRW", "80", std::to_string(new_ns)},
                   {"bithumb", "KRW", "70", std::to_string(old_ns)}}));
  store_db archive{archive_file.path()};
  EXPECT_EQ(rows(archive, "SELECT exchange, currency, total, ts_ns FROM "
                          "balances ORDER BY id"),
            (table{{"upbit", "KRW", "100", std::to_string(old_ns - h)},
                   {"upbit", "BTC", "1", std::to_string(old_ns - h)},
                   {"upbit", "KRW", "90", std::to_string(old_ns)}}));
}

TEST_F(StoreArchive, RunningAgainMovesNothingAndKeepsTheArchive) {
  ASSERT_TRUE(db.archive_before(cutoff, archive_file.path()).ok());
  std::vector<table> archived;
  {
    store_db archive{archive_file.path()};
    archived = everything(archive);
  }
  auto live = everything(db);
  auto r = db.archive_before(cutoff, archive_file.path());
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.moved.total(), 0);
  EXPECT_EQ(everything(db), live);
  store_db archive{archive_file.path()};
  EXPECT_EQ(everything(archive), archived);
}

TEST_F(StoreArchive, ABatchMovesTheOldestFirstAndSaysWhetherMoreIsDue) {
  put_trade(db, "OLDER", "done", order_status::filled, old_ns - 2 * h);
  put_trade(db, "OLD2", "done", order_status::filled, old_ns - h);
  auto batch_of_one = [&] {
    auto r = db.archive_before(cutoff, archive_file.path(), 1);
    EXPECT_TRUE(r.ok()) << r.error;
    return r;
  };
  auto archived = [&](const char* id) {
    return store_db{archive_file.path()}.has_trade(id);
  };
  // Three old trades (two orders each), one old event and three old
  // balance rows: one of each kind a run, oldest first.
  auto r1 = batch_of_one();
  EXPECT_EQ(r1.moved.trades, 1);
  EXPECT_EQ(r1.moved.orders, 2);
  EXPECT_EQ(r1.moved.events, 1);
  EXPECT_EQ(r1.moved.balances, 1);
  EXPECT_TRUE(r1.more);
  EXPECT_TRUE(archived("OLDER"));
  EXPECT_TRUE(db.has_trade("OLD2"));
  EXPECT_TRUE(db.has_trade("OLD"));
  auto r2 = batch_of_one();
  EXPECT_EQ(r2.moved.trades, 1);
  EXPECT_EQ(r2.moved.events, 0);
  EXPECT_EQ(r2.moved.balances, 1);
  EXPECT_TRUE(r2.more);
  EXPECT_TRUE(archived("OLD2"));
  EXPECT_TRUE(db.has_trade("OLD"));
  auto r3 = batch_of_one();
  EXPECT_EQ(r3.moved.trades, 1);
  EXPECT_EQ(r3.moved.balances, 1);
  EXPECT_FALSE(r3.more);
  EXPECT_TRUE(archived("OLD"));
  EXPECT_EQ(batch_of_one().moved.total(), 0);
  for (const char* id : {"OPEN", "NEW", "STUCK"})
    EXPECT_TRUE(db.has_trade(id)) << id;
}

TEST_F(StoreArchive, ARunInterruptedAfterTheArchiveCommittedIsFinishedOnce) {
  // A copy of the live file archived first: the archive already holds the
  // rows (as after a crash between the two files' commits).
  test::temp_db copy_file;
  {
    store_db copy{copy_file.path()};
    ASSERT_EQ(sqlite3_exec(copy.handle(), ("ATTACH DATABASE '"
                                           + live_file.path()
                                           + "' AS src").c_str(),
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    for (const auto& t : tables)
      ASSERT_EQ(sqlite3_exec(copy.handle(),
                             ("INSERT INTO main." + t + " SELECT * FROM src."
                              + t).c_str(),
                             nullptr, nullptr, nullptr),
                SQLITE_OK)
        << t;
    ASSERT_TRUE(copy.archive_before(cutoff, archive_file.path()).ok());
  }
  std::vector<table> archived;
  {
    store_db archive{archive_file.path()};
    archived = everything(archive);
  }
  auto r = db.archive_before(cutoff, archive_file.path());
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.moved.trades, 1);  // deleted here now ...
  store_db archive{archive_file.path()};
  EXPECT_EQ(everything(archive), archived); // ... and not copied twice
  EXPECT_FALSE(db.has_trade("OLD"));
}

TEST_F(StoreArchive, AnUnwritableArchiveChangesNothing) {
  auto live = everything(db);
  // Under a regular file: no directory can be made there, even as root.
  auto bad = live_file.path() + "/archive.db";
  auto r = db.archive_before(cutoff, bad);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find(bad), std::string::npos) << r.error;
  EXPECT_EQ(r.moved.total(), 0);
  EXPECT_EQ(everything(db), live);
}

TEST_F(StoreArchive, AFailureHalfWayRollsBothFilesBack) {
  auto live = everything(db);
  {
    // The archive refuses balances, the last table to move: the trade's
    // rows were copied and deleted by then.
    store_db archive{archive_file.path()};
    ASSERT_EQ(sqlite3_exec(archive.handle(),
                           "CREATE TRIGGER refuse BEFORE INSERT ON balances "
                           "BEGIN SELECT RAISE(ABORT, 'disk says no'); END",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
  }
  auto r = db.archive_before(cutoff, archive_file.path());
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("disk says no"), std::string::npos) << r.error;
  EXPECT_EQ(r.moved.total(), 0);
  EXPECT_EQ(everything(db), live);
  store_db archive{archive_file.path()};
  EXPECT_EQ(archive.count("trades"), 0);
  EXPECT_EQ(archive.count("events"), 0);
}

TEST_F(StoreArchive, NothingOldEnoughCreatesNoFile) {
  auto r = db.archive_before(old_ns - 2 * h, archive_file.path());
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.moved.total(), 0);
  EXPECT_FALSE(std::filesystem::exists(archive_file.path()));
}

TEST_F(StoreArchive, RecordsWhichArchivesHoldRowsFromWhen) {
  EXPECT_TRUE(db.archives_since(0).empty());
  ASSERT_TRUE(db.archive_before(cutoff, archive_file.path()).ok());
  EXPECT_EQ(db.archives_since(cutoff - 1),
            std::vector<std::string>{archive_file.path()});
  EXPECT_TRUE(db.archives_since(cutoff).empty());
}
