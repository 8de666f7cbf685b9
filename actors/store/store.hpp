#pragma once

// The store actor: a thin shell over store_db. Every write is a committed
// SQLite transaction before the handler returns (WAL; with durability::full
// also fsynced), so the order actor's `intent` reply means "durable". A
// failed write halts trading ("store_write_failed: ...", through `halt`)
// and goes on the bus as a risk_alert. At spawn and then hourly, what is
// older than `keep` moves to the month's archive file beside the store
// (store_db::archive_before); a failure there is a warning, retried the
// next hour.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "actors/common/clock.hpp"
#include "actors/store/audit_file.hpp"
#include "actors/store/halt_gate.hpp"
#include "actors/store/store_db.hpp"
#include "messages/interfaces.hpp"

namespace karb::store {

/// How often the store moves old rows to its archive.
inline constexpr caf::timespan archive_every = std::chrono::hours{1};

struct store_setup {
  std::string path;               ///< the SQLite file (created if absent)
  durability sync = durability::full;
  event_bus_actor bus;            ///< optional: write errors become alerts
  /// Optional: the intent journal merged into the database at spawn.
  std::string journal;
  /// The JSONL copy of every audit row (audit_file.hpp); empty: none.
  std::string audit_file;
  audit_rotation audit_file_rotation;
  /// Optional: halts trading with a reason (the node sends it to risk).
  /// Called at a failed write, at most once per `halt_every`.
  std::function<void(const std::string& reason)> halt;
  caf::timespan halt_every = std::chrono::seconds{10};
  /// Finished trades, events and balance snapshots older than this move
  /// to the archive (node.store_keep_hours); zero: nothing moves.
  std::chrono::hours keep{0};
  /// Rows of each kind one archive run moves; the next run follows at
  /// once while more is due.
  int64_t archive_batch = store::archive_batch;
  /// The archive's cutoff and the month in its file name.
  karb::wall_clock wall_clock;
};

struct store_state {
  std::unique_ptr<store_db> db;
  std::unique_ptr<audit_file> audit; ///< null when not configured
  int64_t write_errors = 0;
  halt_gate gate{std::chrono::seconds{10}};
  static inline const char* name = "store";
};

using store_pointer = store_actor::stateful_pointer<store_state>;

store_actor::behavior_type store(store_pointer self, store_setup setup);

/// Opens the database (and the audit file) and spawns the store; throws
/// std::runtime_error when a file cannot be opened.
store_actor spawn_store(caf::actor_system& sys, store_setup setup);

} // namespace karb::store
