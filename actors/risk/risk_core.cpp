#include "actors/risk/risk_core.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <set>
#include <string_view>

namespace karb::risk {

namespace {

constexpr int64_t day_ns = 86'400'000'000'000;

int64_t floor_div(int64_t a, int64_t b) {
  auto q = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0)))
    --q;
  return q;
}

std::string str(decimal x) {
  return x.to_string();
}

int64_t ns_of(time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
           t.time_since_epoch())
    .count();
}

const trading_signal* leg_of(const arbitrage_opportunity& o, side s) {
  for (const auto& sig : o.entry_signals)
    if (sig.signal_side == s)
      return &sig;
  return nullptr;
}

/// How a trade outcome counts for the consecutive-failure breaker.
enum class effect { success, failure, neutral };

struct outcome_row {
  std::string_view outcome;
  effect counts_as;
};

constexpr outcome_row outcome_table[] = {
  {"completed", effect::success}, // both legs filled
  {"unwound",   effect::failure}, // a leg failed, the other was unwound
  {"failed",    effect::failure}, // nothing (or too little) filled
  {"exposed",   effect::failure}, // ended holding a naked leg
  {"cancelled", effect::neutral}, // approved but never started
};

effect effect_of(std::string_view outcome) {
  for (const auto& row : outcome_table)
    if (row.outcome == outcome)
      return row.counts_as;
  return effect::failure; // an outcome we do not know is not a success
}

/// How much base `quote_left` pays for at `unit` quote per base unit.
decimal cap_by_quote(decimal quote_left, decimal unit) {
  if (!quote_left.is_positive() || !unit.is_positive())
    return decimal{};
  return decimal::div(quote_left, unit, rounding::down).value_or(decimal{});
}

} // namespace

risk_core::risk_core(risk_params params)
  : params_(std::move(params)),
    breaker_(static_cast<int>(params_.limits.failures_to_pause),
             std::chrono::seconds{params_.limits.failure_pause_s}),
    portfolio_(params_.returns_window, params_.min_returns,
               params_.var_horizon) {
  // nop
}

decision risk_core::deny(deny_reason r, std::string detail) {
  ++denials_[std::string{code_of(r)}];
  decision d;
  d.verdict.approved = false;
  d.verdict.reason = std::string{code_of(r)};
  d.verdict.detail = std::move(detail);
  d.reason = r;
  return d;
}

void risk_core::roll_day(int64_t wall_ns) {
  auto d = floor_div(wall_ns + params_.day_offset_ns, day_ns);
  if (d == day_)
    return;
  day_ = d;
  daily_pnl_.clear();
  peak_pnl_.clear();
}

void risk_core::prune_orders(time_point now) {
  while (!orders_.empty() && orders_.front() <= now - std::chrono::minutes{1})
    orders_.pop_front();
}

decimal risk_core::fee_of(exchange venue) const {
  auto i = params_.taker_fees.find(venue);
  return i == params_.taker_fees.end() ? params_.default_fee : i->second;
}

const balance* risk_core::find_balance(exchange venue,
                                       const std::string& cur) const {
  auto i = balances_.find(venue);
  if (i == balances_.end())
    return nullptr;
  auto j = i->second.find(cur);
  return j == i->second.end() ? nullptr : &j->second;
}

decimal risk_core::reserved(exchange venue, const std::string& cur) const {
  auto i = reserved_.find({venue, cur});
  return i == reserved_.end() ? decimal{} : i->second;
}

decimal risk_core::limit_in(const std::map<std::string, decimal>& m,
                            const std::string& currency) {
  auto i = m.find(currency);
  return i == m.end() ? decimal{} : i->second;
}

decimal risk_core::daily_pnl(const std::string& quote) const {
  return limit_in(daily_pnl_, quote);
}

decimal risk_core::drawdown(const std::string& quote) const {
  return limit_in(peak_pnl_, quote) - daily_pnl(quote);
}

std::vector<std::string> risk_core::quotes() const {
  std::set<std::string> out;
  for (const auto& [q, pnl] : daily_pnl_)
    out.insert(q);
  for (const auto& [q, h] : pnl_history_)
    out.insert(q);
  for (const auto& [q, limit] : params_.limits.daily_loss_limit)
    out.insert(q);
  for (const auto& q : portfolio_.quotes())
    out.insert(q);
  return {out.begin(), out.end()};
}

decimal risk_core::capital(const std::string& quote) const {
  auto i = quote_venues_.find(quote);
  if (i == quote_venues_.end())
    return decimal{};
  return capital_of(balances_, i->second, quote, last_price_);
}

std::optional<decision>
risk_core::malformed(const arbitrage_opportunity& opp) {
  auto sell = leg_of(opp, side::sell);
  auto buy = leg_of(opp, side::buy);
  if (opp.entry_signals.size() != 2 || !sell || !buy
      || !sell->amount.is_positive() || !buy->amount.is_positive()
      || !sell->price.is_positive() || !buy->price.is_positive()
      || sell->symbol.base != buy->symbol.base
      || sell->symbol.quote != buy->symbol.quote
      || sell->symbol.venue == buy->symbol.venue)
    return deny(deny_reason::malformed,
                "expected one sell and one buy leg of one asset on two venues");
  return std::nullopt;
}

std::optional<decision> risk_core::stale(const arbitrage_opportunity& opp,
                                         time_point now) {
  if (opp.valid_until_ns != 0 && opp.valid_until_ns < ns_of(now))
    return deny(deny_reason::stale_opportunity,
                "valid until " + std::to_string(opp.valid_until_ns)
                  + " ns, now " + std::to_string(ns_of(now)) + " ns");
  return std::nullopt;
}

std::optional<decision> risk_core::gate(const arbitrage_opportunity& opp,
                                        time_point now) {
  const auto& lim = params_.limits;
  if (halted_)
    return deny(deny_reason::halted, "trading halted: " + halt_reason_);
  if (!breaker_.allow(now)) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      breaker_.reopens_at() - now);
    return deny(deny_reason::failure_pause,
                std::to_string(breaker_.consecutive_failures())
                  + " consecutive failures; paused for another "
                  + std::to_string(left.count()) + " ms");
  }
  if (auto d = malformed(opp))
    return d;
  const auto* buy = leg_of(opp, side::buy);
  const auto& quote = buy->symbol.quote;
  auto loss_limit = limit_in(lim.daily_loss_limit, quote);
  if (!loss_limit.is_positive())
    return deny(deny_reason::no_limit,
                "no daily loss limit for " + quote
                  + " (risk.daily_loss_limit)");
  if (daily_pnl(quote) <= -loss_limit)
    return deny(deny_reason::daily_loss_limit,
                "daily pnl " + str(daily_pnl(quote)) + " " + quote
                  + " reached the loss limit " + str(loss_limit) + " "
                  + quote);
  auto frac = decimal::from_double(lim.max_drawdown, rounding::down);
  auto cap = capital(quote);
  auto dd = drawdown(quote);
  if (frac && frac->is_positive() && cap.is_positive() && dd.is_positive()) {
    auto limit = decimal::mul(cap, *frac).value_or(decimal{});
    if (dd >= limit)
      return deny(deny_reason::max_drawdown,
                  "drawdown " + str(dd) + " " + quote + " from today's peak "
                    + str(limit_in(peak_pnl_, quote)) + " " + quote
                    + " reached " + str(*frac) + " of " + str(cap) + " "
                    + quote + " = " + str(limit) + " " + quote);
  }
  if (auto d = stale(opp, now))
    return d;
  auto cost = decimal::mul(buy->price, buy->amount).value_or(decimal{});
  if (auto i = opp.metadata.find("cost"); i != opp.metadata.end())
    if (auto c = decimal::parse(i->second); c && c->is_positive())
      cost = *c;
  auto rate = decimal::div(opp.expected_profit, cost).value_or(decimal{});
  // A hedge's edge arrives over its life (basis convergence, funding):
  // its strategy's own entry threshold judges it, not the spread's rate.
  if (opp.type == arbitrage_type::cross_exchange && rate < lim.min_profit_rate)
    return deny(deny_reason::min_profit_rate,
                "net rate " + str(rate) + " (" + str(opp.expected_profit)
                  + " " + quote + " on " + str(cost) + " " + quote + ") below "
                  + str(lim.min_profit_rate));
  if (open_trades() >= lim.max_concurrent_trades)
    return deny(deny_reason::max_concurrent_trades,
                std::to_string(open_trades()) + " trades open, limit "
                  + std::to_string(lim.max_concurrent_trades));
  prune_orders(now);
  auto in_window = static_cast<int64_t>(orders_.size());
  if (in_window + 2 > lim.max_orders_per_minute)
    return deny(deny_reason::order_rate,
                std::to_string(in_window) + " orders in the last minute, 2 more"
                  " would pass the limit "
                  + std::to_string(lim.max_orders_per_minute));
  return std::nullopt;
}

decision risk_core::approve(const arbitrage_opportunity& opp, time_point now,
                            decimal size, std::string detail) {
  ++approvals_;
  slots_[opp.id] = now;
  orders_.push_back(now);
  orders_.push_back(now);
  decision d;
  d.verdict.approved = true;
  d.verdict.size = size;
  d.verdict.detail = std::move(detail);
  return d;
}

decision risk_core::check(const arbitrage_opportunity& opp, time_point now,
                          int64_t wall_ns) {
  roll_day(wall_ns);
  for (const auto& leg : opp.entry_signals)
    trades_in(leg.symbol);
  if (is_exit(opp))
    return check_exit(opp, now);
  if (auto d = gate(opp, now))
    return std::move(*d);
  const auto& lim = params_.limits;
  const auto& sell = *leg_of(opp, side::sell);
  const auto& buy = *leg_of(opp, side::buy);
  const auto& base = sell.symbol.base;
  const auto& quote = buy.symbol.quote;
  last_price_[{base, quote}] = buy.price;
  auto low = min(sell.price, buy.price);
  auto minimum = limit_in(params_.min_order_value, quote);
  auto meets_min = [&](decimal size) {
    auto v = decimal::mul(size, low);
    return size.is_positive() && v && *v >= minimum;
  };
  auto want = min(sell.amount, buy.amount);
  auto size = want;
  std::string why;
  auto reduce = [&](decimal to, std::string_view by) {
    size = to;
    why += (why.empty() ? "" : ", ") + std::string{by};
  };
  // An asset or quote without a limit is refused by configuration; here
  // a missing one trades nothing rather than without bound.
  auto max_base = limit_in(lim.max_position, base);
  auto max_quote = limit_in(lim.max_notional, quote);
  if (!max_base.is_positive() || !max_quote.is_positive())
    return deny(deny_reason::no_limit,
                "no " + std::string{max_base.is_positive() ? "max_notional"
                                                           : "max_position"}
                  + " limit for "
                  + (max_base.is_positive() ? quote : base));
  if (size > max_base)
    reduce(max_base, "max_position");
  auto high = max(sell.price, buy.price);
  auto cap = decimal::div(max_quote, high, rounding::down).value_or(decimal{});
  if (size > cap)
    reduce(cap, "max_notional");
  for (const auto& cut : portfolio_cuts(perp_legs(opp), quote))
    if (cut && cut->max_size < size) {
      if (!meets_min(cut->max_size))
        return deny(cut->reason, cut->detail);
      reduce(cut->max_size, code_of(cut->reason));
    }
  if (!meets_min(size))
    return deny(deny_reason::below_min_order,
                str(size) + " " + base + " at " + str(low) + " " + quote
                  + " is under the minimum order value " + str(minimum) + " "
                  + quote);
  const leg_need needs[] = {need_of(sell), need_of(buy)};
  for (const auto& n : needs)
    if (!find_balance(n.venue, n.currency))
      return deny(deny_reason::balance_unknown,
                  "no " + n.currency + " balance from " + to_string(n.venue)
                    + " yet");
  for (const auto& n : needs) {
    auto b = find_balance(n.venue, n.currency);
    bool in_base = n.currency == base;
    auto left = b->free - n.keep - reserved(n.venue, n.currency);
    auto fits = in_base ? left : cap_by_quote(left, n.per_unit);
    if (fits >= size)
      continue;
    if (!meets_min(fits)) {
      auto need = in_base ? str(size)
                          : str(decimal::mul(size, n.per_unit)
                                  .value_or(decimal{}))
                              + (n.short_of == deny_reason::insufficient_margin
                                   ? " of margin incl. fee"
                                   : " incl. fee");
      return deny(n.short_of,
                  to_string(n.venue) + " " + n.currency + " free "
                    + str(b->free) + ", keep " + str(n.keep) + ", reserved "
                    + str(reserved(n.venue, n.currency)) + ": " + str(left)
                    + " available, need " + need);
    }
    reduce(fits, n.short_of == deny_reason::insufficient_margin ? "margin"
                 : in_base                                       ? "base balance"
                                                                 : "quote balance");
  }
  for (const auto& n : needs)
    reserved_[{n.venue, n.currency}]
      += n.currency == base
           ? size
           : decimal::mul(size, n.per_unit, rounding::ceil).value_or(decimal{});
  return approve(opp, now, size,
                 why.empty() ? "approved " + str(size) + " " + base
                             : "size reduced from " + str(want) + " to "
                                 + str(size) + " " + base + " by " + why);
}

std::vector<std::string> risk_core::expire_slots(time_point now) {
  std::vector<std::string> out;
  auto limit = std::chrono::seconds{params_.limits.trade_slot_timeout_s};
  for (auto i = slots_.begin(); i != slots_.end();) {
    if (now - i->second >= limit) {
      out.push_back(i->first);
      i = slots_.erase(i);
    } else {
      ++i;
    }
  }
  return out;
}

report_effect risk_core::on_trade_report(const trade_report& r,
                                         time_point now, int64_t wall_ns) {
  roll_day(wall_ns);
  report_effect out;
  slots_.erase(r.opportunity_id);
  if (!r.quote.empty()) { // "cancelled" reports of strategies carry none
    out.loss_limit_reached = book_pnl(r.quote, r.pnl_krw);
    auto& history = pnl_history_[r.quote];
    history.push_back(r.pnl_krw);
    while (history.size() > params_.var_window)
      history.pop_front();
  }
  auto e = effect_of(r.outcome);
  out.failure = e == effect::failure;
  if (e == effect::neutral) {
    // nop: releases the trade slot only
  } else if (out.failure) {
    bool was_open = breaker_.current(now) == circuit_breaker::state::open;
    breaker_.record_failure(now);
    out.breaker_opened = !was_open
                         && breaker_.current(now)
                              == circuit_breaker::state::open;
  } else {
    breaker_.record_success();
  }
  return out;
}

bool risk_core::book_pnl(const std::string& currency, decimal amount) {
  auto limit = -limit_in(params_.limits.daily_loss_limit, currency);
  auto& pnl = daily_pnl_[currency];
  bool crossed = pnl > limit && pnl + amount <= limit;
  pnl += amount;
  auto& peak = peak_pnl_[currency];
  peak = max(peak, pnl);
  return crossed;
}

void risk_core::on_balances(const std::vector<balance>& xs) {
  if (xs.empty())
    return;
  auto venue = xs.front().venue;
  auto& by_cur = balances_[venue];
  by_cur.clear();
  for (const auto& b : xs)
    if (b.venue == venue)
      by_cur[b.currency] = b;
  std::erase_if(reserved_,
                [&](const auto& kv) { return kv.first.first == venue; });
}

void risk_core::halt(std::string reason) {
  halted_ = true;
  halt_reason_ = std::move(reason);
}

void risk_core::resume() {
  halted_ = false;
  halt_reason_.clear();
  portfolio_.reset_peaks();
}

risk_status risk_core::status(time_point now, int64_t wall_ns) {
  roll_day(wall_ns);
  prune_orders(now);
  risk_status s;
  s.halted = halted_;
  s.halt_reason = halt_reason_;
  s.paused = breaker_.current(now) == circuit_breaker::state::open;
  if (s.paused)
    s.pause_remaining_ms
      = std::chrono::duration_cast<std::chrono::milliseconds>(
          breaker_.reopens_at() - now)
          .count();
  s.daily_pnl = daily_pnl_;
  s.open_trades = open_trades();
  s.orders_last_minute = static_cast<int64_t>(orders_.size());
  s.consecutive_failures = breaker_.consecutive_failures();
  s.approvals = approvals_;
  s.denials = denials_;
  for (const auto& q : quotes())
    s.quotes.push_back(usage(q));
  s.liquidation = liquidation_guard::distances(portfolio_.book());
  s.guard_closes = guard_.closes();
  return s;
}

std::optional<decimal> risk_core::historical_var(const std::string& quote,
                                                 double confidence) const {
  auto h = pnl_history_.find(quote);
  if (h == pnl_history_.end())
    return std::nullopt;
  auto n = h->second.size();
  if (n < params_.var_min_samples || n == 0)
    return std::nullopt;
  std::vector<decimal> sorted(h->second.begin(), h->second.end());
  std::sort(sorted.begin(), sorted.end());
  auto tail = (1.0 - confidence) * static_cast<double>(n);
  auto idx = static_cast<size_t>(std::floor(tail + 1e-9));
  idx = std::min(idx, n - 1);
  auto v = sorted[idx];
  return v.is_negative() ? -v : decimal{};
}

} // namespace karb::risk
