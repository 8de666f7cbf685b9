// store_db's retention: moving old finished trades, events and balance
// snapshots into a monthly archive file (archive.hpp).

#include "actors/store/store_db.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include <sqlite3.h>

#include "actors/store/schema.hpp"
#include "actors/store/sql.hpp"

namespace karb::store {

namespace {

/// The trades that move: final, last updated before the cutoff (?1), and
/// without an order that is not terminal. `s`: "" or "live.".
std::string old_finished_trades(const std::string& s) {
  return "SELECT trade_id FROM " + s + "trades t WHERE t.state IN "
         + final_trade_states
         + " AND t.updated_ns < ?1 AND NOT EXISTS (SELECT 1 FROM " + s
         + "orders o WHERE o.trade_id = t.trade_id AND o.status NOT IN "
         + terminal_order_states + ")";
}

/// The balance snapshots that move: taken before the cutoff (?1), except
/// the newest of each (exchange, currency), a report's starting point.
std::string old_balances(const std::string& s) {
  return "SELECT id FROM " + s + "balances b WHERE b.ts_ns < ?1 AND EXISTS "
         "(SELECT 1 FROM " + s + "balances n WHERE n.exchange = b.exchange "
         "AND n.currency = b.currency AND n.ts_ns >= b.ts_ns "
         "AND (n.ts_ns > b.ts_ns OR n.id > b.id))";
}

/// One table's rows to move, chosen over the temp tables of move_from.
struct table_move {
  const char* table;
  const char* where;
  int64_t archive_counts::*count;
};

constexpr const char* of_trades =
  "trade_id IN (SELECT trade_id FROM temp.moving_trades)";
constexpr const char* of_orders =
  "client_order_id IN (SELECT client_order_id FROM temp.moving_orders)";

// Fills and audit rows by our ids: a fill's trade_id is the venue's.
constexpr table_move table_moves[] = {
  {"trades", of_trades, &archive_counts::trades},
  {"orders", of_orders, &archive_counts::orders},
  {"order_transitions", of_orders, &archive_counts::order_transitions},
  {"fills", of_orders, &archive_counts::fills},
  {"audit", of_trades, &archive_counts::audit},
  {"events", "id IN (SELECT id FROM temp.moving_events)",
   &archive_counts::events},
  {"balances", "id IN (SELECT id FROM temp.moving_balances)",
   &archive_counts::balances},
};

/// "a, b, c": the table's columns in the archive (named, so that a column
/// added later in another position cannot shift the copy).
std::string columns_of(sqlite3* db, const std::string& table) {
  std::string out;
  auto sql = "PRAGMA main.table_info(" + table + ")";
  statement q{db, sql.c_str()};
  while (q.step() == SQLITE_ROW)
    out += (out.empty() ? "" : ", ") + q.text(1);
  return out;
}

} // namespace

std::string archive_path_for(const std::string& store_path, int64_t now_ns) {
  using namespace std::chrono;
  year_month_day d{floor<days>(sys_time<nanoseconds>{nanoseconds{now_ns}})};
  char month[32];
  std::snprintf(month, sizeof month, ".archive-%04d-%02u",
                static_cast<int>(d.year()), static_cast<unsigned>(d.month()));
  std::filesystem::path p{store_path};
  auto ext = p.extension().string();
  p.replace_filename(p.stem().string() + month + (ext.empty() ? ".db" : ext));
  return p.string();
}

bool store_db::has_archivable(int64_t cutoff_ns, bool& any) {
  auto sql = "SELECT EXISTS (" + old_finished_trades("")
             + ") OR EXISTS (SELECT 1 FROM events WHERE ts_ns < ?1) "
               "OR EXISTS ("
             + old_balances("") + ")";
  statement q{db_, sql.c_str()};
  q.bind(1, cutoff_ns);
  if (q.step() != SQLITE_ROW) {
    error_ = sqlite3_errmsg(db_);
    return false;
  }
  any = q.integer(0) != 0;
  return true;
}

archive_result store_db::archive_before(int64_t cutoff_ns,
                                        const std::string& archive_path,
                                        int64_t batch) {
  archive_result out;
  auto fail = [&](const std::string& why) {
    out.moved = {};
    out.error = "store: cannot archive to " + archive_path + ": " + why;
    return out;
  };
  bool any = false;
  if (!has_archivable(cutoff_ns, any))
    return fail(error_);
  if (!any)
    return out;
  std::unique_ptr<store_db> archive;
  try {
    archive = std::make_unique<store_db>(archive_path);
  } catch (const std::exception& e) {
    out.error = e.what(); // "store: cannot open <path>: ..."
    return out;
  }
  std::string live_path = sqlite3_db_filename(db_, "main");
  std::error_code ec;
  if (std::filesystem::equivalent(live_path, archive_path, ec))
    return fail("it is the live store");
  if (!archive->move_from(live_path, cutoff_ns, batch, archive_path,
                          out.moved))
    return fail(archive->last_error());
  if (!has_archivable(cutoff_ns, out.more))
    out.more = true; // unknown: the next run finds out
  return out;
}

// On the archive's connection: the archive is `main`, the live file is
// attached. Both are in WAL mode, where SQLite commits a transaction over
// several files file by file, `main` first: a crash in between leaves the
// rows in both files (the next run's INSERT OR IGNORE skips them and
// deletes them live), never in neither.
bool store_db::move_from(const std::string& live_path, int64_t cutoff_ns,
                         int64_t batch, const std::string& archive_path,
                         archive_counts& moved) {
  auto with_cutoff = [&](const std::string& sql) {
    statement q{db_, sql.c_str()};
    q.bind(1, cutoff_ns);
    return run(q);
  };
  // The oldest `batch` rows (?2) of a selection by cutoff (?1).
  auto oldest = [&](const std::string& sql) {
    statement q{db_, (sql + " LIMIT ?2").c_str()};
    q.bind(1, cutoff_ns).bind(2, batch);
    return run(q);
  };
  {
    statement q{db_, "ATTACH DATABASE ? AS live"};
    q.bind(1, live_path);
    if (!run(q))
      return false;
  }
  if (!exec("BEGIN IMMEDIATE"))
    return false;
  bool ok = exec("CREATE TEMP TABLE moving_trades(trade_id TEXT PRIMARY KEY);"
                 "CREATE TEMP TABLE moving_orders("
                 "  client_order_id TEXT PRIMARY KEY);"
                 "CREATE TEMP TABLE moving_events(id INTEGER PRIMARY KEY);"
                 "CREATE TEMP TABLE moving_balances(id INTEGER PRIMARY KEY)")
            && oldest("INSERT INTO temp.moving_trades "
                      + old_finished_trades("live.") + " ORDER BY t.updated_ns")
            && with_cutoff("INSERT INTO temp.moving_orders SELECT "
                           "client_order_id FROM live.orders WHERE "
                           + std::string{of_trades})
            && oldest("INSERT INTO temp.moving_events SELECT id FROM "
                      "live.events WHERE ts_ns < ?1 ORDER BY ts_ns")
            && oldest("INSERT INTO temp.moving_balances "
                      + old_balances("live.") + " ORDER BY b.ts_ns");
  for (const auto& m : table_moves) {
    if (!ok)
      break;
    std::string t = m.table;
    auto cols = columns_of(db_, t);
    ok = with_cutoff("INSERT OR IGNORE INTO main." + t + "(" + cols
                     + ") SELECT " + cols + " FROM live." + t + " WHERE "
                     + m.where)
         && with_cutoff("DELETE FROM live." + t + " WHERE " + m.where);
    if (ok)
      moved.*m.count = sqlite3_changes(db_);
  }
  if (ok && moved.total() > 0) {
    statement q{db_, "INSERT INTO live.archives(path, before_ns) "
                     "VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET "
                     "before_ns = MAX(before_ns, excluded.before_ns)"};
    q.bind(1, archive_path).bind(2, cutoff_ns);
    ok = run(q);
  }
  if (ok && exec("COMMIT"))
    return true;
  auto why = error_;
  exec("ROLLBACK");
  error_ = why;
  return false;
}

std::vector<std::string> store_db::archives_since(int64_t from_ns) {
  std::vector<std::string> out;
  statement q{db_, "SELECT path FROM archives WHERE before_ns > ? "
                   "ORDER BY before_ns, path"};
  q.bind(1, from_ns);
  while (q.step() == SQLITE_ROW)
    out.push_back(q.text(0));
  return out;
}

} // namespace karb::store
