// Rendering of the daily report: a readable table and JSON.

#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "actors/store/audit_file.hpp"
#include "actors/store/daily_report.hpp"

namespace karb::store {

namespace {

std::string pad(const std::string& s, size_t w) {
  return s.size() >= w ? s + " " : s + std::string(w - s.size(), ' ');
}

std::string rpad(const std::string& s, size_t w) {
  return s.size() >= w ? " " + s : std::string(w - s.size(), ' ') + s;
}

std::string zone(const report_window& w) {
  return "UTC" + format_utc_offset(w.utc_offset_s);
}

std::string outcomes_text(const daily_report& r) {
  std::string out;
  for (auto& [k, n] : r.outcomes)
    out += (out.empty() ? "" : ", ") + k + " " + std::to_string(n);
  return out;
}

} // namespace

std::string render_text(const daily_report& r) {
  std::ostringstream o;
  auto& w = r.window;
  o << "karb report " << w.date << " (" << zone(w) << ": "
    << iso8601_utc_ns(w.from_ns).substr(0, 19) << "Z .. "
    << iso8601_utc_ns(w.to_ns).substr(0, 19) << "Z)\n";
  if (!r.store.empty())
    o << "store         " << r.store << "\n";
  o << "trades        " << r.trades;
  if (r.trades > 0)
    o << " (" << outcomes_text(r) << ")";
  o << "\nrealised PnL  " << r.pnl_krw.to_string() << " KRW (fees "
    << r.fees_krw.to_string() << " KRW)\n";
  o << "\nfees per venue (orders of the day)\n";
  if (r.fees_by_venue.empty())
    o << "  none\n";
  for (auto& [v, f] : r.fees_by_venue)
    o << "  " << pad(v, 10) << rpad(f.to_string(), 20) << " KRW\n";
  o << "\nbalances (first -> last snapshot of the day)\n";
  if (r.balances.empty())
    o << "  no snapshot that day\n";
  else
    o << "  " << pad("venue", 10) << pad("currency", 9) << rpad("first", 22)
      << rpad("last", 22) << rpad("change", 22) << "\n";
  for (auto& b : r.balances)
    o << "  " << pad(b.venue, 10) << pad(b.currency, 9)
      << rpad(b.first.to_string(), 22) << rpad(b.last.to_string(), 22)
      << rpad(b.change.to_string(), 22) << "\n";
  o << "\nstore (latest snapshot) vs venue (now)";
  if (!r.venues_checked)
    o << ": venue column not checked (" << r.venue_note << ")";
  else if (!r.venue_note.empty())
    o << " (" << r.venue_note << ")";
  o << "\n";
  if (r.checks.empty())
    o << "  no balance stored\n";
  else
    o << "  " << pad("venue", 10) << pad("currency", 9) << rpad("store", 22)
      << rpad("venue", 22) << rpad("diff", 22) << "\n";
  for (auto& c : r.checks) {
    o << "  " << pad(c.venue, 10) << pad(c.currency, 9)
      << rpad(c.stored.to_string(), 22)
      << rpad(c.checked ? c.reported.to_string() : "-", 22)
      << rpad(c.checked ? c.diff.to_string() : "-", 22);
    if (c.mismatch)
      o << "  MISMATCH";
    o << "\n";
  }
  o << "\norders not terminal from that day: " << r.open_orders.size() << "\n";
  for (auto& x : r.open_orders)
    o << "  OPEN " << pad(x.client_order_id, 24) << pad(x.venue, 10)
      << pad(x.status, 14) << "trade " << x.trade_id << "\n";
  auto m = r.mismatches();
  o << "\nresult        "
    << (m == 0 ? std::string{"OK, no mismatch"}
               : std::to_string(m) + " MISMATCH")
    << (r.venues_checked ? "" : " (store only)") << "\n";
  return o.str();
}

std::string render_json(const daily_report& r) {
  using json = nlohmann::json;
  auto& w = r.window;
  json j;
  j["date"] = w.date;
  j["utc_offset"] = format_utc_offset(w.utc_offset_s);
  j["from"] = iso8601_utc_ns(w.from_ns);
  j["to"] = iso8601_utc_ns(w.to_ns);
  j["store"] = r.store;
  j["trades"] = r.trades;
  j["outcomes"] = r.outcomes;
  j["pnl_krw"] = r.pnl_krw.to_string();
  j["fees_krw"] = r.fees_krw.to_string();
  j["fees_by_venue"] = json::object();
  for (auto& [v, f] : r.fees_by_venue)
    j["fees_by_venue"][v] = f.to_string();
  j["balances"] = json::array();
  for (auto& b : r.balances)
    j["balances"].push_back({{"venue", b.venue}, {"currency", b.currency},
                             {"first", b.first.to_string()},
                             {"last", b.last.to_string()},
                             {"change", b.change.to_string()}});
  j["venues_checked"] = r.venues_checked;
  j["venue_note"] = r.venue_note;
  j["checks"] = json::array();
  for (auto& c : r.checks) {
    json x{{"venue", c.venue}, {"currency", c.currency},
           {"stored", c.stored.to_string()}, {"checked", c.checked},
           {"mismatch", c.mismatch}};
    if (c.checked) {
      x["reported"] = c.reported.to_string();
      x["diff"] = c.diff.to_string();
    }
    j["checks"].push_back(std::move(x));
  }
  j["open_orders"] = json::array();
  for (auto& x : r.open_orders)
    j["open_orders"].push_back({{"client_order_id", x.client_order_id},
                                {"trade_id", x.trade_id},
                                {"venue", x.venue},
                                {"status", x.status},
                                {"created_ns", x.created_ns}});
  j["mismatches"] = r.mismatches();
  return j.dump(2) + "\n";
}

} // namespace karb::store
