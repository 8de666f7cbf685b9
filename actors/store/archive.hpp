#pragma once

// Retention of the live store: finished trades (with their orders,
// transitions, fills and audit rows), events and balance snapshots older
// than a cutoff move to an archive file of the same schema beside the
// store, one per UTC month of the archiving run (store_db::archive_before).
// A run moves at most `archive_batch` trades, events and balance snapshots
// (each) in one transaction, and says whether more is due, so that a
// first run over months of rows does not hold the store for minutes.

#include <cstdint>
#include <string>

namespace karb::store {

/// Rows moved out of the live store, per table.
struct archive_counts {
  int64_t trades = 0;
  int64_t orders = 0;
  int64_t order_transitions = 0;
  int64_t fills = 0;
  int64_t audit = 0;
  int64_t events = 0;
  int64_t balances = 0;

  int64_t total() const {
    return trades + orders + order_transitions + fills + audit + events
           + balances;
  }
};

/// Trades, events and balance snapshots (each) one run moves at most.
inline constexpr int64_t archive_batch = 1000;

struct archive_result {
  archive_counts moved;
  std::string error; ///< empty: done (the live file is unchanged otherwise)
  bool more = false; ///< rows old enough are still live: run again

  bool ok() const { return error.empty(); }
};

/// The archive file of the month (UTC) of `now_ns`, beside the store:
/// "var/karb-demo.db" -> "var/karb-demo.archive-2026-12.db".
std::string archive_path_for(const std::string& store_path, int64_t now_ns);

} // namespace karb::store
