#pragma once

// The node's durable state in one SQLite file in WAL mode (by default
// synchronous = FULL: a write has reached the disk when the call returns). Plain C++:
// no actor, tested alone on a temporary file. Decimals are stored as exact
// text, enums by name.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "actors/store/archive.hpp"
#include "messages/events.hpp"
#include "messages/orders.hpp"
#include "messages/trading.hpp"

struct sqlite3;

namespace karb::store {

class statement;

/// How far a committed write has gone when the call returns.
enum class durability : uint8_t {
  full,   ///< synchronous=FULL: on disk, survives power loss (fsync each)
  normal, ///< synchronous=NORMAL: survives a crash of the process, not of
          ///< the machine (the WAL is synced at checkpoints)
};

class store_db {
public:
  /// Opens (or creates) the database and its tables. Throws
  /// std::runtime_error when the file cannot be opened or migrated.
  explicit store_db(const std::string& path,
                    durability d = durability::full);
  ~store_db();
  store_db(const store_db&) = delete;
  store_db& operator=(const store_db&) = delete;

  /// "wal" when the journal is in WAL mode.
  std::string journal_mode();

  /// Inserts an order with its intent, or updates its state; writes a
  /// transition row when the status changed (or the order is new).
  /// False on a database error.
  bool put_order(const order_record& r);
  /// False on a database error; a duplicate (order, trade id) is ignored.
  bool put_fill(const fill& f);
  bool put_trade(const trade_record& t);
  bool put_balances(const std::vector<balance>& bs);
  bool put_event(const event& e);
  bool put_audit(const audit_row& a);

  /// One order by client id (nullopt-like: empty trade_id when absent).
  order_record order(const std::string& client_order_id);
  /// Whether the trade has a row.
  bool has_trade(const std::string& trade_id);
  /// Trades not done/flat/failed, plus every order of them and of any
  /// non-terminal order, with those orders' fills.
  recovery_set load_open();
  /// One trade (state "legs_submitted" and no base when it has no row),
  /// every order of it and their fills.
  recovery_set load_trade(const std::string& trade_id);
  /// The stored orders among these client ids (absent ones are left out)
  /// and their fills; no trades.
  recovery_set orders(const std::vector<std::string>& ids);

  /// Up to `n` trades, most recently updated first (the inspector).
  std::vector<trade_record> recent_trades(int32_t n);

  /// Moves what is older than `cutoff_ns` into the archive file (created
  /// with this schema when absent), in one transaction: trades in a final
  /// state last updated before the cutoff whose orders are all terminal,
  /// with those orders, their transitions, fills and audit rows; events;
  /// balance snapshots except the newest per (exchange, currency). Rows
  /// are copied with INSERT OR IGNORE (a rerun after an interruption is
  /// harmless), then deleted; on a failure neither file changes. No file
  /// is created when nothing is old enough. At most `batch` trades (the
  /// oldest), events and balance snapshots each; `more` says what is left.
  archive_result archive_before(int64_t cutoff_ns,
                                const std::string& archive_path,
                                int64_t batch = archive_batch);
  /// The archive files that may hold rows from `from_ns` on, oldest first:
  /// each whose latest cutoff is later (a trade moves by its last update,
  /// which can be long after it started). Empty: the live file has it all.
  std::vector<std::string> archives_since(int64_t from_ns);

  /// Row counts, for tests and the inspector.
  int64_t count(const std::string& table);
  /// The statuses an order went through, oldest first ("pending", ...).
  std::vector<std::string> transitions(const std::string& client_order_id);
  std::vector<fill> fills(const std::string& client_order_id);
  std::string last_error() const { return error_; }
  /// The connection, for read-only queries of report code beside this
  /// file (daily_report.cpp); never for writes.
  sqlite3* handle() const { return db_; }

private:
  /// Appends the fills of every order of `set`.
  void add_fills(recovery_set& set);
  bool exec(const char* sql);
  /// Adds the columns of schema.hpp's added_columns an older file lacks.
  bool add_missing_columns();
  /// Runs a write; on failure keeps SQLite's message for last_error().
  bool run(statement& q);
  /// Sets `any` to whether archive_before(cutoff_ns) would move anything;
  /// false on a database error.
  bool has_archivable(int64_t cutoff_ns, bool& any);
  /// archive_before's transaction, run on the archive's own connection
  /// with the live file attached as `live`.
  bool move_from(const std::string& live_path, int64_t cutoff_ns,
                 int64_t batch, const std::string& archive_path,
                 archive_counts& moved);
  std::vector<order_record> orders_where(const std::string& clause,
                                         const std::string& arg);

  sqlite3* db_ = nullptr;
  std::string error_;
};

} // namespace karb::store
