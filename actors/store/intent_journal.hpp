#pragma once

// The intent journal: an append-only file of the trade and order records
// that execution is about to act on, written with one write(2) each before
// the order leaves for the venue. It replaces a round trip to the SQLite
// store on the order path: the store still gets every record, a moment
// later, and the journal covers the gap. A killed process loses nothing
// that write(2) accepted (the kernel holds it); with `sync` each append is
// also flushed to the disk (fdatasync), which survives a power cut.
//
// On the next start the store merges the journal (records the database
// does not have yet are inserted as they were journaled) and empties it;
// recovery then looks those orders up at their venue like any other
// unfinished order. The file rotates at `rotate_bytes`: the current file
// becomes `<path>.1`, replacing the previous one, whose records the store
// had long written by then.
//
// Format, per record: u32 payload length, u32 FNV-1a of the payload,
// u8 kind (1 trade, 2 order), then the CAF binary serialization of the
// record. A torn or corrupt tail ends the read.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "messages/trading.hpp"

namespace karb::store {

class intent_journal {
public:
  static constexpr int64_t default_rotate_bytes = 16 << 20;

  /// Opens (creates) `path` for appending; nullptr and `error` set if it
  /// cannot.
  static std::shared_ptr<intent_journal>
  open(const std::string& path, bool sync, std::string& error,
       int64_t rotate_bytes = default_rotate_bytes);

  ~intent_journal();
  intent_journal(const intent_journal&) = delete;
  intent_journal& operator=(const intent_journal&) = delete;

  /// Appends one record; thread-safe. False means nothing usable was
  /// written (`last_error()` says why): the caller must not act on it.
  [[nodiscard]] bool append(const trade_record& t);
  [[nodiscard]] bool append(const order_record& o);

  std::string last_error() const;

  const std::string& path() const { return path_; }

  /// Every record in `<path>.1` then `<path>`, in append order; a later
  /// record of the same trade / order replaces an earlier one. A missing
  /// file reads as empty; an unreadable one sets `error`.
  static recovery_set read(const std::string& path, std::string& error);

  /// Removes `<path>.1` and `<path>` (after a merge).
  static void clear(const std::string& path);

private:
  intent_journal(std::string path, int fd, bool sync, int64_t rotate_bytes,
                 int64_t size);
  bool write_record(uint8_t kind, const std::vector<char>& payload);
  void rotate_locked();

  mutable std::mutex mtx_;
  std::string path_;
  int fd_ = -1;
  bool sync_ = false;
  int64_t rotate_bytes_ = 0;
  int64_t size_ = 0;
  std::string error_;
};

} // namespace karb::store
