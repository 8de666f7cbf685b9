#include "actors/funding/funding_core.hpp"

#include <algorithm>

#include "exchanges/registry.hpp"

namespace karb::funding {

namespace {

bool same_rate(const funding_rate& a, const funding_rate& b) {
  return a.rate == b.rate && a.next_funding_ns == b.next_funding_ns
         && a.funding_interval_s == b.funding_interval_s
         && a.has_predicted == b.has_predicted
         && a.predicted_rate == b.predicted_rate;
}

/// The payment's identity at its venue: the venue's id, else what it says.
std::string key_of(const funding_payment& p) {
  if (!p.id.empty())
    return p.id;
  return p.symbol + "@" + std::to_string(p.ts_ns) + "@" + p.amount.to_string();
}

} // namespace

std::optional<decimal> premium_prediction(decimal mark, decimal index) {
  if (!index.is_positive())
    return std::nullopt;
  auto ratio = decimal::div(mark, index);
  if (!ratio)
    return std::nullopt;
  auto premium = *ratio - decimal::from_int(1);
  auto interest = dec("0.0001");
  auto band = dec("0.0005");
  auto cap = dec("0.0075");
  auto rate = premium + std::clamp(interest - premium, -band, band);
  return std::clamp(rate, -cap, cap);
}

std::string base_of(const std::string& symbol, const std::string& quote) {
  if (auto dash = symbol.find('-'); dash != std::string::npos)
    return symbol.substr(0, dash);
  if (!quote.empty() && symbol.size() > quote.size()
      && symbol.compare(symbol.size() - quote.size(), quote.size(), quote)
           == 0)
    return symbol.substr(0, symbol.size() - quote.size());
  return {};
}

std::vector<funding_rate>
funding_core::take_rates(exchange venue, const std::vector<funding_rate>& rates,
                         const std::vector<mark_price>& marks) {
  std::vector<funding_rate> changed;
  for (auto f : rates) {
    f.venue = venue;
    const mark_price* mark = nullptr;
    for (const auto& m : marks)
      if (m.symbol.venue_symbol == f.symbol)
        mark = &m;
    if (!f.has_predicted && mark)
      if (auto p = premium_prediction(mark->mark, mark->index)) {
        f.has_predicted = true;
        f.predicted_rate = *p;
      }
    auto& e = entries_[{venue, f.symbol}];
    if (mark && !mark->symbol.base.empty())
      e.base = mark->symbol.base;
    else if (e.base.empty())
      e.base = base_of(f.symbol, std::string{venue::entry_of(venue).quote});
    if (!e.history.empty() && same_rate(e.latest, f)) {
      e.latest.ts_ns = f.ts_ns;
      continue;
    }
    e.latest = f;
    e.history.push_back(f);
    while (e.history.size() > history_limit_)
      e.history.pop_front();
    changed.push_back(f);
  }
  return changed;
}

std::vector<funding_payment>
funding_core::take_payments(exchange venue,
                            const std::vector<funding_payment>& ps) {
  std::vector<funding_payment> fresh;
  auto& seen = seen_[venue];
  for (auto p : ps) {
    p.venue = venue;
    if (!seen.emplace(key_of(p), p.ts_ns).second)
      continue;
    funding_pnl_[p.currency] += p.amount;
    auto& newest = newest_payment_ns_[venue];
    newest = std::max(newest, p.ts_ns);
    fresh.push_back(std::move(p));
  }
  std::stable_sort(fresh.begin(), fresh.end(),
                   [](const auto& a, const auto& b) {
                     return a.ts_ns < b.ts_ns;
                   });
  for (const auto& p : fresh) {
    recent_.push_back(p);
    if (recent_.size() > recent_limit_)
      recent_.pop_front();
  }
  auto horizon = newest_payment_ns_[venue] - overlap_ns_;
  std::erase_if(seen, [horizon](const auto& kv) {
    return kv.second < horizon;
  });
  return fresh;
}

int64_t funding_core::payments_since(exchange venue, int64_t start_ns) const {
  auto i = newest_payment_ns_.find(venue);
  if (i == newest_payment_ns_.end())
    return start_ns;
  return std::max(start_ns, i->second - overlap_ns_);
}

std::vector<funding_rate> funding_core::rates() const {
  std::vector<funding_rate> out;
  for (const auto& [_, e] : entries_)
    out.push_back(e.latest);
  return out;
}

std::string funding_core::base(exchange venue,
                               const std::string& symbol) const {
  auto i = entries_.find({venue, symbol});
  return i == entries_.end() ? std::string{} : i->second.base;
}

std::map<std::string, decimal> funding_core::spread() const {
  struct range {
    decimal low, high;
    std::map<exchange, bool> venues;
  };
  std::map<std::string, range> by_base;
  for (const auto& [k, e] : entries_) {
    if (e.base.empty())
      continue;
    auto [i, first] = by_base.try_emplace(e.base);
    auto& r = i->second;
    if (first || e.latest.rate < r.low)
      r.low = e.latest.rate;
    if (first || e.latest.rate > r.high)
      r.high = e.latest.rate;
    r.venues[k.first] = true;
  }
  std::map<std::string, decimal> out;
  for (const auto& [base, r] : by_base)
    if (r.venues.size() >= 2)
      out[base] = r.high - r.low;
  return out;
}

std::vector<funding_rate>
funding_core::history(exchange venue, const std::string& symbol) const {
  auto i = entries_.find({venue, symbol});
  if (i == entries_.end())
    return {};
  return {i->second.history.begin(), i->second.history.end()};
}

funding_board funding_core::board(int64_t ts_ns) const {
  funding_board b;
  b.rates = rates();
  b.spread = spread();
  b.funding_pnl = funding_pnl_;
  b.recent.assign(recent_.begin(), recent_.end());
  b.ts_ns = ts_ns;
  return b;
}

} // namespace karb::funding
