#pragma once

// Folds the intent journal into the database at start: every journaled
// trade or order the database does not know is inserted as journaled
// (an order that was about to be sent, so recovery looks it up at its
// venue); records the database already has are left alone, since the
// database's copy is the newer one. The journal is emptied afterwards.

#include <cstdint>
#include <string>

#include "actors/store/store_db.hpp"

namespace karb::store {

struct merge_result {
  int64_t trades = 0;   ///< trades inserted from the journal
  int64_t orders = 0;   ///< orders inserted from the journal
  std::string error;    ///< set when the journal or the database failed
};

/// Merges `<journal>` (and `<journal>.1`) into `db`. On an error nothing
/// is removed, so the next start tries again.
merge_result merge_journal(store_db& db, const std::string& journal);

} // namespace karb::store
