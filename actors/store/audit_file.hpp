#pragma once

// The append-only audit file: every audit row the store writes to SQLite
// also goes here, one JSON object per line (JSONL), so that an operator
// can read, grep and ship the trail without the database. Each line is
// written with a single write(2) on an O_APPEND descriptor: no user-space
// buffer is left behind, so a kill -9 loses no line that was written.
// The file rotates by size, as the log does: audit.jsonl becomes
// audit.1.jsonl (audit.1.jsonl becomes audit.2.jsonl, ...) and the oldest
// beyond `max_files` is removed; a line is never split across two files.
// The store keeps every row too (the archive of store_db). Plain C++: no
// actor, tested alone.

#include <cstdint>
#include <string>

#include "messages/trading.hpp"

namespace karb::store {

/// "2026-11-21T08:53:07.123456789Z" for ns since the Unix epoch (UTC).
std::string iso8601_utc_ns(int64_t ts_ns);

/// One audit row as one line of JSON (with the trailing '\n'):
/// {"ts_ns":..,"ts":"..Z","trade_id":..,"client_order_id":..,"what":..,
///  "detail":{..}}. `detail` is embedded as JSON when it parses as an
/// object, else as a string.
std::string audit_line(const audit_row& a);

/// When the file rotates: past `max_bytes`, keeping `max_files` rotated
/// copies (config: node.audit_rotation).
struct audit_rotation {
  int64_t max_bytes = 100LL * 1024 * 1024;
  int64_t max_files = 10;
};

/// The name of rotated copy `n` (n >= 1): "var/audit.jsonl", 2 ->
/// "var/audit.2.jsonl"; a name without extension gets ".2" appended.
std::string rotated_name(const std::string& path, int64_t n);

class audit_file {
public:
  /// Opens (creates, mode 0640) `path` for appending; creates its parent
  /// directory. Throws std::runtime_error when it cannot.
  explicit audit_file(const std::string& path, audit_rotation r = {});
  ~audit_file();
  audit_file(const audit_file&) = delete;
  audit_file& operator=(const audit_file&) = delete;

  /// Appends one line, rotating first when it would pass max_bytes; false
  /// (and last_error()) when the write or the rotation failed.
  bool append(const audit_row& a);
  const std::string& path() const { return path_; }
  std::string last_error() const { return error_; }

private:
  /// Closes the file, shifts the copies up by one, reopens an empty file.
  bool rotate();
  bool open_file();

  std::string path_;
  audit_rotation rotation_;
  int64_t size_ = 0; ///< bytes in the current file
  int fd_ = -1;
  std::string error_;
};

} // namespace karb::store
