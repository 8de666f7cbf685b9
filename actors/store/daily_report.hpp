#pragma once

// `karb report --date`: one trading day read from the store (pure over the
// SQLite file through store_db; no actor, no network). What the venues say
// is compared in afterwards (compare_with_venues), by the caller that asked
// them. Days are [00:00, 24:00) at a fixed UTC offset (KST is +09:00).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actors/store/store_db.hpp"
#include "messages/decimal.hpp"
#include "messages/orders.hpp"

namespace karb::store {

/// "Z", "UTC", "+09:00", "+0900", "-05:30" -> seconds east of UTC.
std::optional<int32_t> parse_utc_offset(std::string_view text);
/// "+09:00" / "-05:30" / "+00:00".
std::string format_utc_offset(int32_t offset_s);

/// One local day as wall-clock ns since the epoch: [from_ns, to_ns).
struct report_window {
  std::string date;      ///< "YYYY-MM-DD"
  int32_t utc_offset_s = 0;
  int64_t from_ns = 0;
  int64_t to_ns = 0;
};

/// nullopt when `date` is not a valid YYYY-MM-DD.
std::optional<report_window> day_window(std::string_view date,
                                        int32_t utc_offset_s);

/// One venue's currency over the day: its first and last snapshot.
struct balance_change {
  std::string venue;
  std::string currency;
  decimal first;         ///< total at the day's first snapshot (0: absent)
  decimal last;          ///< total at the day's last snapshot
  decimal change;        ///< last - first
};

/// The store's latest known balance against what the venue reports now.
struct balance_check {
  std::string venue;
  std::string currency;
  decimal stored;        ///< total in the latest stored snapshot
  int64_t stored_ts_ns = 0;
  bool checked = false;  ///< the venue answered
  decimal reported;      ///< the venue's total now
  decimal diff;          ///< reported - stored
  bool mismatch = false; ///< |diff| above the currency's tolerance
};

/// An order of the day that is not in a terminal state.
struct open_order {
  std::string client_order_id;
  std::string trade_id;
  std::string venue;
  std::string status;
  int64_t created_ns = 0;
};

struct daily_report {
  report_window window;
  std::string store;                         ///< the database's path
  int64_t trades = 0;                        ///< created that day
  std::map<std::string, int64_t> outcomes;   ///< "completed", ...; "open"
  decimal pnl_krw;                           ///< realised (finished trades)
  decimal fees_krw;                          ///< of the finished trades
  std::map<std::string, decimal> fees_by_venue; ///< order fees (KRW)
  std::vector<balance_change> balances;
  std::vector<balance_check> checks;         ///< per latest stored balance
  bool venues_checked = false;               ///< compare_with_venues ran
  std::string venue_note;                    ///< why not / what failed
  std::vector<open_order> open_orders;

  int64_t mismatches() const;
};

/// Why the store alone cannot report the day, or "" when it can: the day
/// starts before the cutoff of an archiving run, so rows of it may have
/// moved to the archive files this names.
std::string archived_day_refusal(store_db& db, const report_window& w);

/// Everything the store knows about the day (checks unchecked).
daily_report build_daily_report(store_db& db, const report_window& w);

/// Above this a difference is a mismatch: 1 KRW, 1e-8 for coins.
decimal balance_tolerance(const std::string& currency);

/// Fills the checks from each venue's balances now (by venue name), adds
/// currencies the venue holds that the store does not, and flags
/// mismatches. Venues absent from `reported` stay unchecked.
void compare_with_venues(
  daily_report& r, const std::map<std::string, std::vector<balance>>& reported);

/// The report as a readable table / as JSON (decimals as exact strings).
std::string render_text(const daily_report& r);
std::string render_json(const daily_report& r);

} // namespace karb::store
