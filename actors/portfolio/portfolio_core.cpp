#include "actors/portfolio/portfolio_core.hpp"

#include "messages/accounts.hpp"

namespace karb::portfolio {

namespace {

constexpr int64_t ns_per_s = 1'000'000'000;
constexpr int64_t s_per_day = 86'400;

int64_t floor_div(int64_t a, int64_t b) {
  auto q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

} // namespace

balance& portfolio_core::slot(exchange venue, const std::string& currency) {
  auto& b = balances_[{venue, currency}];
  b.venue = venue;
  b.currency = currency;
  return b;
}

void portfolio_core::set_balances(const std::vector<balance>& bs) {
  std::map<exchange, bool> venues;
  for (const auto& b : bs)
    venues[b.venue] = true;
  for (auto i = balances_.begin(); i != balances_.end();)
    i = venues.count(i->first.first) ? balances_.erase(i) : std::next(i);
  for (const auto& b : bs) {
    balances_[{b.venue, b.currency}] = b;
    if (!seen_[b.venue])
      start_[{b.venue, b.currency}] = b.total;
  }
  for (const auto& [venue, _] : venues)
    seen_[venue] = true;
}

void portfolio_core::apply_fill(const fill& f) {
  // A perpetual or futures fill moves no base asset: its margin and PnL
  // show in the venue's next snapshot.
  if (f.symbol.contract != contract_type::spot)
    return;
  auto venue = f.symbol.venue;
  auto notional = decimal::mul(f.price, f.volume).value_or(decimal{});
  auto& base = slot(venue, f.symbol.base);
  auto& quote = slot(venue, f.symbol.quote);
  bool fee_in_base = !f.fee_currency.empty()
                     && f.fee_currency == f.symbol.base;
  decimal base_move = f.order_side == side::buy ? f.volume : -f.volume;
  decimal quote_move = f.order_side == side::buy ? -notional : notional;
  if (fee_in_base)
    base_move -= f.fee;
  else
    quote_move -= f.fee;
  base.free += base_move;
  base.total += base_move;
  quote.free += quote_move;
  quote.total += quote_move;
  base.ts_ns = quote.ts_ns = f.ts_event_ns;
}

int64_t portfolio_core::day_of(int64_t wall_ns) const {
  return floor_div(floor_div(wall_ns, ns_per_s) + offset_s_, s_per_day);
}

void portfolio_core::roll_day(int64_t wall_ns) {
  auto d = day_of(wall_ns);
  if (d != day_) {
    day_ = d;
    daily_ = decimal{};
  }
}

void portfolio_core::apply_report(const trade_report& r, int64_t wall_ns) {
  roll_day(wall_ns);
  realised_ += r.pnl_krw;
  daily_ += r.pnl_krw;
  fees_ += r.fees_krw;
  ++trades_;
  if (r.outcome != "cancelled") {
    ++finished_;
    if (r.pnl_krw > decimal{})
      ++wins_;
  }
}

void portfolio_core::apply_funding(const funding_payment& p, int64_t wall_ns) {
  roll_day(wall_ns);
  realised_ += p.amount;
  daily_ += p.amount;
  funding_[p.currency] += p.amount;
}

std::optional<double> portfolio_core::win_rate() const {
  if (finished_ == 0)
    return std::nullopt;
  return static_cast<double>(wins_) / static_cast<double>(finished_);
}

std::vector<balance> portfolio_core::balances() const {
  std::vector<balance> out;
  for (const auto& [_, b] : balances_)
    out.push_back(b);
  return out;
}

std::vector<balance> portfolio_core::balances_of(exchange venue) const {
  std::vector<balance> out;
  for (const auto& [k, b] : balances_)
    if (k.first == venue)
      out.push_back(b);
  return out;
}

std::set<exchange> portfolio_core::counted() const {
  std::set<exchange> reported;
  for (const auto& [venue, _] : seen_)
    reported.insert(venue);
  for (const auto& [k, _] : balances_)
    reported.insert(k.first);
  return counted_venues(reported);
}

std::map<std::string, decimal> portfolio_core::start_totals() const {
  auto venues = counted();
  std::map<std::string, decimal> out;
  for (const auto& [k, x] : start_)
    if (venues.count(k.first))
      out[k.second] += x;
  return out;
}

std::map<std::string, decimal> portfolio_core::totals() const {
  auto venues = counted();
  std::map<std::string, decimal> out;
  for (const auto& [k, b] : balances_)
    if (venues.count(k.first))
      out[k.second] += b.total;
  return out;
}

std::map<std::string, decimal> portfolio_core::exposure() const {
  auto out = totals();
  for (const auto& [currency, x] : start_totals())
    out[currency] -= x;
  return out;
}

portfolio_snapshot portfolio_core::snapshot(int64_t wall_ns) const {
  portfolio_snapshot s;
  s.balances = balances();
  s.realised_pnl_krw = realised_;
  // A day that has rolled over without a trade has no PnL yet.
  s.daily_pnl_krw = day_of(wall_ns) == day_ ? daily_ : decimal{};
  s.fees_krw = fees_;
  s.day = day_of(wall_ns);
  s.trades = trades_;
  s.start = start_totals();
  s.exposure = exposure();
  s.funding_pnl = funding_;
  s.ts_ns = wall_ns;
  return s;
}

} // namespace karb::portfolio
