#include "actors/store/store_db.hpp"

#include <filesystem>
#include <set>
#include <stdexcept>

#include <sqlite3.h>

#include "actors/store/schema.hpp"
#include "actors/store/sql.hpp"

namespace karb::store {

namespace {

constexpr const char* order_columns =
  "client_order_id, trade_id, venue, leg, attempt, role, exchange, base, "
  "quote, venue_symbol, side, type, amount, price, quote_amount, ts_tick_ns, "
  "status, venue_order_id, filled, remaining, fee, average_price, reason, "
  "created_ns, updated_ns, reduce_only";

constexpr const char* trade_columns =
  "trade_id, opportunity_id, strategy_id, base, quote, state, outcome, "
  "pnl_krw, fees_krw, created_ns, updated_ns";

trade_record read_trade(const statement& q) {
  trade_record t;
  t.trade_id = q.text(0);
  t.opportunity_id = q.text(1);
  t.strategy_id = q.text(2);
  t.base = q.text(3);
  t.quote = q.text(4);
  t.state = q.text(5);
  t.outcome = q.text(6);
  t.pnl_krw = q.number(7);
  t.fees_krw = q.number(8);
  t.created_ns = q.integer(9);
  t.updated_ns = q.integer(10);
  return t;
}

order_record read_order(const statement& q) {
  order_record r;
  auto& req = r.request;
  req.client_order_id = q.text(0);
  r.trade_id = req.trade_id = q.text(1);
  r.venue = q.text(2);
  r.leg = static_cast<int32_t>(q.integer(3));
  r.attempt = static_cast<int32_t>(q.integer(4));
  r.role = q.text(5);
  req.symbol.venue = exchange_from_string(q.text(6)).value_or(exchange::custom);
  req.symbol.base = q.text(7);
  req.symbol.quote = q.text(8);
  req.symbol.venue_symbol = q.text(9);
  req.order_side = side_from_string(q.text(10)).value_or(side::buy);
  req.type = order_type_from_string(q.text(11)).value_or(order_type::limit);
  req.amount = q.number(12);
  req.price = q.number(13);
  req.quote_amount = q.integer(14) != 0;
  req.ts_tick_ns = q.integer(15);
  r.state = view_of(req);
  auto& st = r.state;
  st.status = order_status_from_string(q.text(16))
                .value_or(order_status::unknown);
  st.id = q.text(17);
  st.filled = q.number(18);
  st.remaining = q.number(19);
  st.fee = q.number(20);
  st.has_fee = true;
  st.average_price = q.number(21);
  st.has_average_price = st.filled.is_positive();
  r.reason = q.text(22);
  r.created_ns = q.integer(23);
  r.updated_ns = q.integer(24);
  st.ts_ns = r.updated_ns;
  req.reduce_only = q.integer(25) != 0;
  return r;
}

} // namespace

store_db::store_db(const std::string& path, durability d) {
  // Like the log file: a fresh checkout has no var/ yet.
  auto parent = std::filesystem::path{path}.parent_path();
  std::error_code ec;
  if (!parent.empty())
    std::filesystem::create_directories(parent, ec);
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error("store: cannot open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db_, 2000);
  auto sync = d == durability::full ? "PRAGMA synchronous=FULL"
                                    : "PRAGMA synchronous=NORMAL";
  if (!exec("PRAGMA journal_mode=WAL") || !exec(sync)
      || !exec(schema_sql) || !add_missing_columns()) {
    auto msg = error_;
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error("store: cannot set up " + path + ": " + msg);
  }
}

store_db::~store_db() {
  sqlite3_close(db_);
}

bool store_db::add_missing_columns() {
  for (const auto& c : added_columns) {
    bool present = false;
    auto sql = std::string{"PRAGMA table_info("} + c.table + ")";
    statement q{db_, sql.c_str()};
    while (q.step() == SQLITE_ROW)
      present = present || q.text(1) == c.column;
    if (!present && !exec(c.add_sql))
      return false;
  }
  return true;
}

bool store_db::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) == SQLITE_OK)
    return true;
  error_ = err ? err : "unknown error";
  sqlite3_free(err);
  return false;
}

std::string store_db::journal_mode() {
  statement q{db_, "PRAGMA journal_mode"};
  return q.step() == SQLITE_ROW ? q.text(0) : std::string{};
}

bool store_db::run(statement& q) {
  if (q.run())
    return true;
  error_ = sqlite3_errmsg(db_);
  return false;
}

bool store_db::put_order(const order_record& r) {
  const auto& req = r.request;
  const auto& st = r.state;
  auto status = to_string(st.status);
  if (!exec("BEGIN IMMEDIATE"))
    return false;
  std::string previous;
  bool known = false;
  {
    statement q{db_, "SELECT status FROM orders WHERE client_order_id = ?"};
    q.bind(1, req.client_order_id);
    if (q.step() == SQLITE_ROW) {
      known = true;
      previous = q.text(0);
    }
  }
  bool ok = true;
  if (!known) {
    statement q{db_, "INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                     "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
    q.bind(1, req.client_order_id).bind(2, r.trade_id).bind(3, r.venue)
      .bind(4, r.leg).bind(5, r.attempt).bind(6, r.role)
      .bind(7, to_string(req.symbol.venue)).bind(8, req.symbol.base)
      .bind(9, req.symbol.quote).bind(10, req.symbol.venue_symbol)
      .bind(11, to_string(req.order_side)).bind(12, to_string(req.type))
      .bind(13, req.amount).bind(14, req.price).bind(15, req.quote_amount)
      .bind(16, req.ts_tick_ns).bind(17, status).bind(18, st.id)
      .bind(19, st.filled).bind(20, st.remaining).bind(21, st.fee)
      .bind(22, st.average_price).bind(23, r.reason).bind(24, r.created_ns)
      .bind(25, r.updated_ns).bind(26, req.reduce_only);
    ok = q.run();
  } else {
    statement q{db_, "UPDATE orders SET status = ?, venue_order_id = ?, "
                     "filled = ?, remaining = ?, fee = ?, average_price = ?, "
                     "reason = ?, updated_ns = ? WHERE client_order_id = ?"};
    q.bind(1, status).bind(2, st.id).bind(3, st.filled).bind(4, st.remaining)
      .bind(5, st.fee).bind(6, st.average_price).bind(7, r.reason)
      .bind(8, r.updated_ns).bind(9, req.client_order_id);
    ok = q.run();
  }
  if (ok && (!known || previous != status)) {
    statement q{db_, "INSERT INTO order_transitions(client_order_id, "
                     "from_status, to_status, reason, ts_ns) "
                     "VALUES (?, ?, ?, ?, ?)"};
    q.bind(1, req.client_order_id).bind(2, previous).bind(3, status)
      .bind(4, r.reason).bind(5, r.updated_ns);
    ok = q.run();
  }
  if (!ok) {
    error_ = sqlite3_errmsg(db_);
    exec("ROLLBACK");
    return false;
  }
  return exec("COMMIT");
}

bool store_db::put_fill(const fill& f) {
  statement q{db_, "INSERT OR IGNORE INTO fills VALUES "
                   "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"};
  q.bind(1, f.client_order_id).bind(2, f.trade_id).bind(3, f.venue_order_id)
    .bind(4, to_string(f.symbol.venue)).bind(5, f.symbol.base)
    .bind(6, f.symbol.quote).bind(7, to_string(f.order_side)).bind(8, f.price)
    .bind(9, f.volume).bind(10, f.fee).bind(11, f.fee_currency)
    .bind(12, f.ts_event_ns);
  return run(q);
}

bool store_db::put_trade(const trade_record& t) {
  statement q{db_, "INSERT INTO trades VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT(trade_id) DO UPDATE SET state = excluded.state, "
                   "outcome = excluded.outcome, pnl_krw = excluded.pnl_krw, "
                   "fees_krw = excluded.fees_krw, "
                   "updated_ns = excluded.updated_ns"};
  q.bind(1, t.trade_id).bind(2, t.opportunity_id).bind(3, t.strategy_id)
    .bind(4, t.base).bind(5, t.quote).bind(6, t.state).bind(7, t.outcome)
    .bind(8, t.pnl_krw).bind(9, t.fees_krw).bind(10, t.created_ns)
    .bind(11, t.updated_ns);
  return run(q);
}

bool store_db::put_balances(const std::vector<balance>& bs) {
  if (!exec("BEGIN"))
    return false;
  for (const auto& b : bs) {
    statement q{db_, "INSERT INTO balances(exchange, currency, free, used, "
                     "total, ts_ns) VALUES (?, ?, ?, ?, ?, ?)"};
    q.bind(1, to_string(b.venue)).bind(2, b.currency).bind(3, b.free)
      .bind(4, b.used).bind(5, b.total).bind(6, b.ts_ns);
    if (!run(q)) {
      exec("ROLLBACK");
      return false;
    }
  }
  return exec("COMMIT");
}

bool store_db::put_event(const event& e) {
  statement q{db_, "INSERT INTO events(type, source, correlation_id, data, "
                   "ts_ns) VALUES (?, ?, ?, ?, ?)"};
  q.bind(1, to_string(e.type)).bind(2, e.source).bind(3, e.correlation_id)
    .bind(4, e.data).bind(5, e.ts_ns);
  return run(q);
}

bool store_db::put_audit(const audit_row& a) {
  statement q{db_, "INSERT INTO audit(ts_ns, trade_id, client_order_id, step, "
                   "detail) VALUES (?, ?, ?, ?, ?)"};
  q.bind(1, a.ts_ns).bind(2, a.trade_id).bind(3, a.client_order_id)
    .bind(4, a.step).bind(5, a.detail);
  return run(q);
}

std::vector<order_record> store_db::orders_where(const std::string& clause,
                                                 const std::string& arg) {
  std::vector<order_record> out;
  auto sql = std::string{"SELECT "} + order_columns + " FROM orders WHERE "
             + clause + " ORDER BY created_ns, client_order_id";
  statement q{db_, sql.c_str()};
  if (!arg.empty())
    q.bind(1, arg);
  while (q.step() == SQLITE_ROW)
    out.push_back(read_order(q));
  return out;
}

order_record store_db::order(const std::string& client_order_id) {
  auto rs = orders_where("client_order_id = ?", client_order_id);
  return rs.empty() ? order_record{} : rs.front();
}

bool store_db::has_trade(const std::string& trade_id) {
  statement q{db_, "SELECT 1 FROM trades WHERE trade_id = ?"};
  q.bind(1, trade_id);
  return q.step() == SQLITE_ROW;
}

recovery_set store_db::load_open() {
  recovery_set out;
  std::set<std::string> ids;
  {
    auto sql = std::string{"SELECT trade_id FROM trades WHERE state NOT IN "}
               + final_trade_states + " UNION SELECT trade_id FROM orders "
               + "WHERE status NOT IN " + terminal_order_states;
    statement q{db_, sql.c_str()};
    while (q.step() == SQLITE_ROW)
      ids.insert(q.text(0));
  }
  for (const auto& id : ids) {
    auto one = load_trade(id);
    out.trades.push_back(std::move(one.trades.front()));
    for (auto& o : one.orders)
      out.orders.push_back(std::move(o));
    for (auto& f : one.fills)
      out.fills.push_back(std::move(f));
  }
  return out;
}

recovery_set store_db::load_trade(const std::string& trade_id) {
  recovery_set out;
  auto sql = std::string{"SELECT "} + trade_columns
             + " FROM trades WHERE trade_id = ?";
  statement q{db_, sql.c_str()};
  q.bind(1, trade_id);
  trade_record t;
  t.trade_id = trade_id;
  if (q.step() == SQLITE_ROW)
    t = read_trade(q);
  else
    t.state = "legs_submitted"; // orders without a trade row
  out.trades.push_back(std::move(t));
  out.orders = orders_where("trade_id = ?", trade_id);
  add_fills(out);
  return out;
}

recovery_set store_db::orders(const std::vector<std::string>& ids) {
  recovery_set out;
  for (const auto& id : ids) {
    auto r = order(id);
    if (!r.trade_id.empty())
      out.orders.push_back(std::move(r));
  }
  add_fills(out);
  return out;
}

void store_db::add_fills(recovery_set& set) {
  for (const auto& o : set.orders)
    for (auto& f : fills(o.request.client_order_id))
      set.fills.push_back(std::move(f));
}

std::vector<trade_record> store_db::recent_trades(int32_t n) {
  std::vector<trade_record> out;
  if (n <= 0)
    return out;
  auto sql = std::string{"SELECT "} + trade_columns
             + " FROM trades ORDER BY updated_ns DESC, rowid DESC LIMIT ?";
  statement q{db_, sql.c_str()};
  q.bind(1, static_cast<int64_t>(n));
  while (q.step() == SQLITE_ROW)
    out.push_back(read_trade(q));
  return out;
}

int64_t store_db::count(const std::string& table) {
  auto sql = "SELECT COUNT(*) FROM " + table;
  statement q{db_, sql.c_str()};
  return q.step() == SQLITE_ROW ? q.integer(0) : -1;
}

std::vector<std::string>
store_db::transitions(const std::string& client_order_id) {
  std::vector<std::string> out;
  statement q{db_, "SELECT to_status FROM order_transitions WHERE "
                   "client_order_id = ? ORDER BY id"};
  q.bind(1, client_order_id);
  while (q.step() == SQLITE_ROW)
    out.push_back(q.text(0));
  return out;
}

std::vector<fill> store_db::fills(const std::string& client_order_id) {
  std::vector<fill> out;
  statement q{db_, "SELECT trade_id, venue_order_id, side, price, volume, "
                   "fee, fee_currency, ts_event_ns, base, quote, exchange "
                   "FROM fills WHERE client_order_id = ? ORDER BY rowid"};
  q.bind(1, client_order_id);
  while (q.step() == SQLITE_ROW) {
    fill f;
    f.client_order_id = client_order_id;
    f.trade_id = q.text(0);
    f.venue_order_id = q.text(1);
    f.order_side = side_from_string(q.text(2)).value_or(side::buy);
    f.price = q.number(3);
    f.volume = q.number(4);
    f.fee = q.number(5);
    f.fee_currency = q.text(6);
    f.ts_event_ns = q.integer(7);
    f.symbol.base = q.text(8);
    f.symbol.quote = q.text(9);
    if (auto v = exchange_from_string(q.text(10)))
      f.symbol.venue = *v;
    out.push_back(std::move(f));
  }
  return out;
}

} // namespace karb::store
