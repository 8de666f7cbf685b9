#pragma once

// A minimal RAII wrapper over one prepared SQLite statement.

#include <cstdint>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "messages/decimal.hpp"

namespace karb::store {

class statement {
public:
  statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      stmt_ = nullptr;
  }
  ~statement() { sqlite3_finalize(stmt_); }
  statement(const statement&) = delete;
  statement& operator=(const statement&) = delete;

  bool ok() const { return stmt_ != nullptr; }

  statement& bind(int i, std::string_view text) {
    sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  statement& bind(int i, const std::string& text) {
    return bind(i, std::string_view{text});
  }
  statement& bind(int i, const char* text) {
    return bind(i, std::string_view{text});
  }
  statement& bind(int i, int64_t x) {
    sqlite3_bind_int64(stmt_, i, x);
    return *this;
  }
  statement& bind(int i, int32_t x) { return bind(i, int64_t{x}); }
  statement& bind(int i, bool x) { return bind(i, int64_t{x ? 1 : 0}); }
  statement& bind(int i, decimal x) { return bind(i, x.to_string()); }

  /// SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return stmt_ ? sqlite3_step(stmt_) : SQLITE_MISUSE; }
  bool run() { return step() == SQLITE_DONE; }

  std::string text(int i) const {
    auto p = sqlite3_column_text(stmt_, i);
    return p ? std::string{reinterpret_cast<const char*>(p)} : std::string{};
  }
  int64_t integer(int i) const { return sqlite3_column_int64(stmt_, i); }
  decimal number(int i) const {
    return decimal::parse(text(i)).value_or(decimal{});
  }

private:
  sqlite3_stmt* stmt_ = nullptr;
};

} // namespace karb::store
