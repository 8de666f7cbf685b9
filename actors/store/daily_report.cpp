#include "actors/store/daily_report.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <ctime>
#include <set>

#include <sqlite3.h>

#include "actors/store/schema.hpp"
#include "actors/store/sql.hpp"

namespace karb::store {

namespace {

constexpr int64_t ns_per_s = 1'000'000'000;

int digits(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

using snapshot = std::map<std::string, decimal>; // currency -> total

// The balance snapshots of each venue, oldest first, in [from, to).
std::map<std::string, std::vector<snapshot>>
snapshots(store_db& db, int64_t from, int64_t to) {
  std::map<std::string, std::vector<snapshot>> out;
  std::map<std::string, int64_t> last_ts;
  statement q{db.handle(), "SELECT exchange, currency, total, ts_ns FROM "
                           "balances WHERE ts_ns >= ? AND ts_ns < ? "
                           "ORDER BY ts_ns, id"};
  q.bind(1, from).bind(2, to);
  while (q.step() == SQLITE_ROW) {
    auto venue = q.text(0);
    auto ts = q.integer(3);
    auto& list = out[venue];
    auto i = last_ts.find(venue);
    if (i == last_ts.end() || i->second != ts) {
      list.emplace_back();
      last_ts[venue] = ts;
    }
    list.back()[q.text(1)] = q.number(2);
  }
  return out;
}

} // namespace

std::optional<int32_t> parse_utc_offset(std::string_view t) {
  if (t == "Z" || t == "UTC" || t == "utc")
    return 0;
  if (t.size() < 3 || (t[0] != '+' && t[0] != '-'))
    return std::nullopt;
  int h = digits(t, 1, 2);
  int m = 0;
  if (t.size() == 6 && t[3] == ':')
    m = digits(t, 4, 2);
  else if (t.size() == 5)
    m = digits(t, 3, 2);
  else if (t.size() != 3)
    return std::nullopt;
  if (h < 0 || m < 0 || h > 14 || m > 59)
    return std::nullopt;
  int32_t s = h * 3600 + m * 60;
  return t[0] == '-' ? -s : s;
}

std::string format_utc_offset(int32_t offset_s) {
  auto a = offset_s < 0 ? -offset_s : offset_s;
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%c%02d:%02d", offset_s < 0 ? '-' : '+',
                a / 3600, a % 3600 / 60);
  return buf;
}

std::optional<report_window> day_window(std::string_view date,
                                        int32_t utc_offset_s) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-')
    return std::nullopt;
  int y = digits(date, 0, 4), mo = digits(date, 5, 2), d = digits(date, 8, 2);
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31)
    return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  auto t = timegm(&tm);
  // timegm normalises 2026-02-31 to March: refuse it.
  std::tm back{};
  gmtime_r(&t, &back);
  if (back.tm_mday != d || back.tm_mon != mo - 1)
    return std::nullopt;
  report_window w;
  w.date = std::string{date};
  w.utc_offset_s = utc_offset_s;
  w.from_ns = (static_cast<int64_t>(t) - utc_offset_s) * ns_per_s;
  w.to_ns = w.from_ns + 86'400 * ns_per_s;
  return w;
}

int64_t daily_report::mismatches() const {
  int64_t n = 0;
  for (auto& c : checks)
    n += c.mismatch ? 1 : 0;
  return n;
}

std::string archived_day_refusal(store_db& db, const report_window& w) {
  auto files = db.archives_since(w.from_ns);
  if (files.empty())
    return {};
  std::string names;
  for (const auto& f : files)
    names += (names.empty() ? "" : ", ") + f;
  return w.date + " starts before what the live store keeps "
         "(node.store_keep_hours): rows of that day may have moved to "
         + names + "; an archive alone (--db FILE --offline) holds only "
         "what moved there";
}

daily_report build_daily_report(store_db& db, const report_window& w) {
  daily_report r;
  r.window = w;
  {
    statement q{db.handle(), "SELECT outcome, pnl_krw, fees_krw FROM trades "
                             "WHERE created_ns >= ? AND created_ns < ?"};
    q.bind(1, w.from_ns).bind(2, w.to_ns);
    while (q.step() == SQLITE_ROW) {
      ++r.trades;
      auto outcome = q.text(0);
      ++r.outcomes[outcome.empty() ? "open" : outcome];
      if (!outcome.empty()) {
        r.pnl_krw += q.number(1);
        r.fees_krw += q.number(2);
      }
    }
  }
  {
    statement q{db.handle(), "SELECT venue, fee FROM orders "
                             "WHERE created_ns >= ? AND created_ns < ?"};
    q.bind(1, w.from_ns).bind(2, w.to_ns);
    while (q.step() == SQLITE_ROW)
      r.fees_by_venue[q.text(0)] += q.number(1);
  }
  {
    auto sql = std::string{"SELECT client_order_id, trade_id, venue, status, "
                           "created_ns FROM orders WHERE created_ns >= ? AND "
                           "created_ns < ? AND status NOT IN "}
               + terminal_order_states + " ORDER BY created_ns";
    statement q{db.handle(), sql.c_str()};
    q.bind(1, w.from_ns).bind(2, w.to_ns);
    while (q.step() == SQLITE_ROW)
      r.open_orders.push_back(
        {q.text(0), q.text(1), q.text(2), q.text(3), q.integer(4)});
  }
  for (auto& [venue, list] : snapshots(db, w.from_ns, w.to_ns)) {
    std::set<std::string> currencies;
    for (auto* s : {&list.front(), &list.back()})
      for (auto& [c, v] : *s)
        currencies.insert(c);
    for (auto& c : currencies) {
      balance_change b{venue, c, {}, {}, {}};
      if (auto i = list.front().find(c); i != list.front().end())
        b.first = i->second;
      if (auto i = list.back().find(c); i != list.back().end())
        b.last = i->second;
      b.change = b.last - b.first;
      r.balances.push_back(std::move(b));
    }
  }
  {
    // The latest snapshot of each venue, whatever its day.
    statement q{db.handle(),
                "SELECT b.exchange, b.currency, b.total, b.ts_ns FROM balances b "
                "JOIN (SELECT exchange, MAX(ts_ns) AS ts FROM balances "
                "GROUP BY exchange) l ON b.exchange = l.exchange "
                "AND b.ts_ns = l.ts ORDER BY b.exchange, b.currency, b.id"};
    while (q.step() == SQLITE_ROW) {
      balance_check c;
      c.venue = q.text(0);
      c.currency = q.text(1);
      c.stored = q.number(2);
      c.stored_ts_ns = q.integer(3);
      if (!r.checks.empty() && r.checks.back().venue == c.venue
          && r.checks.back().currency == c.currency)
        r.checks.back() = c; // the later row of the same snapshot
      else
        r.checks.push_back(std::move(c));
    }
  }
  r.venue_note = "not checked";
  return r;
}

decimal balance_tolerance(const std::string& currency) {
  return currency == "KRW" ? decimal::from_int(1) : decimal::from_raw(1);
}

void compare_with_venues(
  daily_report& r,
  const std::map<std::string, std::vector<balance>>& reported) {
  r.venues_checked = true;
  for (auto& [venue, bs] : reported) {
    std::map<std::string, decimal> now;
    for (auto& b : bs)
      now[b.currency] += b.total;
    std::set<std::string> seen;
    for (auto& c : r.checks) {
      if (c.venue != venue)
        continue;
      seen.insert(c.currency);
      c.checked = true;
      auto i = now.find(c.currency);
      c.reported = i == now.end() ? decimal{} : i->second;
    }
    for (auto& [currency, total] : now)
      if (!seen.count(currency)) {
        balance_check c;
        c.venue = venue;
        c.currency = currency;
        c.checked = true;
        c.reported = total;
        r.checks.push_back(std::move(c));
      }
  }
  std::stable_sort(r.checks.begin(), r.checks.end(),
                   [](const balance_check& a, const balance_check& b) {
                     return std::tie(a.venue, a.currency)
                            < std::tie(b.venue, b.currency);
                   });
  for (auto& c : r.checks) {
    if (!c.checked)
      continue;
    c.diff = c.reported - c.stored;
    c.mismatch = c.diff.abs() > balance_tolerance(c.currency);
  }
}

} // namespace karb::store
