// Read-only views of the node's SQLite store through the sqlite3 C API,
// safe while the node writes (WAL: readers see the last commit).

#include <sqlite3.h>

#include "tests/trading/harness.hpp"

namespace karb::test {

namespace {

namespace fs = std::filesystem;

std::string text(sqlite3_stmt* st, int col) {
  auto p = sqlite3_column_text(st, col);
  return p ? reinterpret_cast<const char*>(p) : "";
}

decimal number(sqlite3_stmt* st, int col) {
  return decimal::parse(text(st, col)).value_or(decimal{});
}

// Runs `sql` and calls `row` for each result row. A missing file or table
// gives no rows.
template <class F>
void query(const fs::path& db, const char* sql, F row) {
  if (!fs::exists(db))
    return;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr)
      != SQLITE_OK) {
    sqlite3_close(h);
    return;
  }
  sqlite3_busy_timeout(h, 2000);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql, -1, &st, nullptr) == SQLITE_OK)
    while (sqlite3_step(st) == SQLITE_ROW)
      row(st);
  sqlite3_finalize(st);
  sqlite3_close(h);
}

} // namespace

std::vector<std::string> store_audit(const fs::path& db,
                                     const std::string& step) {
  std::vector<std::string> out;
  query(db, "SELECT step, detail FROM audit ORDER BY id",
        [&](sqlite3_stmt* st) {
          if (text(st, 0) == step)
            out.push_back(text(st, 1));
        });
  return out;
}

std::vector<store_order> store_orders(const fs::path& db) {
  std::vector<store_order> out;
  query(db,
        "SELECT client_order_id, trade_id, venue, role, side, status, "
        "filled, fee FROM orders ORDER BY created_ns",
        [&](sqlite3_stmt* st) {
          out.push_back({text(st, 0), text(st, 1), text(st, 2), text(st, 3),
                         text(st, 4), text(st, 5), text(st, 6),
                         number(st, 7)});
        });
  return out;
}

std::vector<store_trade> store_trades(const fs::path& db) {
  std::vector<store_trade> out;
  query(db,
        "SELECT trade_id, state, outcome, pnl_krw, fees_krw FROM trades "
        "ORDER BY created_ns",
        [&](sqlite3_stmt* st) {
          out.push_back({text(st, 0), text(st, 1), text(st, 2),
                         number(st, 3), number(st, 4)});
        });
  return out;
}

std::vector<store_trade> store_trades_of(const fs::path& db,
                                         const std::string& strategy_id) {
  std::vector<store_trade> out;
  query(db,
        "SELECT trade_id, state, outcome, pnl_krw, fees_krw, strategy_id "
        "FROM trades ORDER BY created_ns",
        [&](sqlite3_stmt* st) {
          if (text(st, 5) == strategy_id)
            out.push_back({text(st, 0), text(st, 1), text(st, 2),
                           number(st, 3), number(st, 4)});
        });
  return out;
}

std::vector<store_fill> store_fills(const fs::path& db) {
  std::vector<store_fill> out;
  query(db,
        "SELECT client_order_id, exchange, side, price, volume, fee, "
        "fee_currency FROM fills",
        [&](sqlite3_stmt* st) {
          out.push_back({text(st, 0), text(st, 1), text(st, 2),
                         number(st, 3), number(st, 4), number(st, 5),
                         text(st, 6)});
        });
  return out;
}

int64_t store_int(const fs::path& db, const char* sql) {
  int64_t out = 0;
  bool first = true;
  query(db, sql, [&](sqlite3_stmt* st) {
    if (first)
      out = sqlite3_column_int64(st, 0);
    first = false;
  });
  return out;
}

} // namespace karb::test
