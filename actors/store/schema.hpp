#pragma once

// The store's tables. Decimals are exact text; enums are stored by name.

namespace karb::store {

inline constexpr const char* schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS orders(
  client_order_id TEXT PRIMARY KEY, trade_id TEXT NOT NULL, venue TEXT,
  leg INTEGER, attempt INTEGER, role TEXT,
  exchange TEXT, base TEXT, quote TEXT, venue_symbol TEXT, side TEXT,
  type TEXT, amount TEXT, price TEXT, quote_amount INTEGER, ts_tick_ns INTEGER,
  status TEXT NOT NULL, venue_order_id TEXT, filled TEXT, remaining TEXT,
  fee TEXT, average_price TEXT, reason TEXT, created_ns INTEGER,
  updated_ns INTEGER, reduce_only INTEGER DEFAULT 0);
CREATE INDEX IF NOT EXISTS orders_by_trade ON orders(trade_id);
CREATE TABLE IF NOT EXISTS order_transitions(
  id INTEGER PRIMARY KEY, client_order_id TEXT NOT NULL, from_status TEXT,
  to_status TEXT NOT NULL, reason TEXT, ts_ns INTEGER);
CREATE TABLE IF NOT EXISTS fills(
  client_order_id TEXT NOT NULL, trade_id TEXT NOT NULL, venue_order_id TEXT,
  exchange TEXT, base TEXT, quote TEXT, side TEXT, price TEXT, volume TEXT,
  fee TEXT, fee_currency TEXT, ts_event_ns INTEGER,
  PRIMARY KEY(client_order_id, trade_id));
CREATE TABLE IF NOT EXISTS trades(
  trade_id TEXT PRIMARY KEY, opportunity_id TEXT, strategy_id TEXT,
  base TEXT, quote TEXT, state TEXT NOT NULL, outcome TEXT, pnl_krw TEXT,
  fees_krw TEXT, created_ns INTEGER, updated_ns INTEGER);
CREATE TABLE IF NOT EXISTS balances(
  id INTEGER PRIMARY KEY, exchange TEXT, currency TEXT, free TEXT, used TEXT,
  total TEXT, ts_ns INTEGER);
CREATE TABLE IF NOT EXISTS events(
  id INTEGER PRIMARY KEY, type TEXT, source TEXT, correlation_id TEXT,
  data TEXT, ts_ns INTEGER);
CREATE TABLE IF NOT EXISTS audit(
  id INTEGER PRIMARY KEY, ts_ns INTEGER, trade_id TEXT, client_order_id TEXT,
  step TEXT, detail TEXT);
-- What retention (store_db::archive_before) looks rows up by, so that an
-- hourly run reads the rows it moves, not whole tables.
CREATE INDEX IF NOT EXISTS trades_by_update ON trades(updated_ns);
CREATE INDEX IF NOT EXISTS transitions_by_order
  ON order_transitions(client_order_id);
CREATE INDEX IF NOT EXISTS audit_by_trade ON audit(trade_id);
CREATE INDEX IF NOT EXISTS events_by_time ON events(ts_ns);
CREATE INDEX IF NOT EXISTS balances_by_time ON balances(ts_ns);
CREATE INDEX IF NOT EXISTS balances_by_currency
  ON balances(exchange, currency, ts_ns);
-- Each archive file and the latest cutoff that moved rows into it.
CREATE TABLE IF NOT EXISTS archives(
  path TEXT PRIMARY KEY, before_ns INTEGER NOT NULL);
)sql";

/// Columns added after the first release, each with the statement that
/// adds it to an older file (run when the column is missing).
struct added_column {
  const char* table;
  const char* column;
  const char* add_sql;
};
inline constexpr added_column added_columns[] = {
  {"orders", "reduce_only",
   "ALTER TABLE orders ADD COLUMN reduce_only INTEGER DEFAULT 0"},
};

/// The states a trade is finished in (stuck is retried after a restart).
inline constexpr const char* final_trade_states = "('done','flat','failed')";
inline constexpr const char* terminal_order_states =
  "('filled','cancelled','rejected','failed')";

} // namespace karb::store
