#include "actors/risk/risk_core.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
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

} // namespace

risk_core::risk_core(risk_params params)
  : params_(std::move(params)),
    breaker_(static_cast<int>(params_.limits.failures_to_pause),
             std::chrono::seconds{params_.limits.failure_pause_s}) {
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
  std::vector<std::string> out;
  for (const auto& [q, pnl] : daily_pnl_)
    out.push_back(q);
  for (const auto& [q, h] : pnl_history_)
    if (!daily_pnl_.count(q))
      out.push_back(q);
  return out;
}

decimal risk_core::capital(const std::string& quote) const {
  decimal sum;
  for (const auto& [venue, by_cur] : balances_)
    for (const auto& [cur, b] : by_cur) {
      if (cur == quote)
        sum += b.total;
      else if (auto i = last_price_.find({cur, quote});
               i != last_price_.end() && i->second.is_positive())
        sum += decimal::mul(b.total, i->second).value_or(decimal{});
    }
  return sum;
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
  if (opp.valid_until_ns != 0 && opp.valid_until_ns < ns_of(now))
    return deny(deny_reason::stale_opportunity,
                "valid until " + std::to_string(opp.valid_until_ns)
                  + " ns, now " + std::to_string(ns_of(now)) + " ns");
  auto cost = decimal::mul(buy->price, buy->amount).value_or(decimal{});
  if (auto i = opp.metadata.find("cost"); i != opp.metadata.end())
    if (auto c = decimal::parse(i->second); c && c->is_positive())
      cost = *c;
  auto rate = decimal::div(opp.expected_profit, cost).value_or(decimal{});
  if (rate < lim.min_profit_rate)
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

namespace {

/// How much base `quote_left` pays for at `unit` quote per base unit.
decimal cap_by_quote(decimal quote_left, decimal unit) {
  if (!quote_left.is_positive() || !unit.is_positive())
    return decimal{};
  return decimal::div(quote_left, unit, rounding::down).value_or(decimal{});
}

} // namespace

decision risk_core::check(const arbitrage_opportunity& opp, time_point now,
                          int64_t wall_ns) {
  roll_day(wall_ns);
  if (auto d = gate(opp, now))
    return std::move(*d);
  const auto& lim = params_.limits;
  const auto& sell = *leg_of(opp, side::sell);
  const auto& buy = *leg_of(opp, side::buy);
  const auto& base = sell.symbol.base;
  const auto& quote = buy.symbol.quote;
  last_price_[{base, quote}] = buy.price;
  auto low = min(sell.price, buy.price);
  auto meets_min = [&](decimal size) {
    auto v = decimal::mul(size, low);
    auto m = params_.min_order_value.find(quote);
    auto minimum = m == params_.min_order_value.end() ? decimal{} : m->second;
    return v && *v >= minimum;
  };
  auto want = min(sell.amount, buy.amount);
  auto size = want;
  std::string why;
  auto reduce = [&](decimal to, const char* by) {
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
  auto keep_base = limit_in(lim.min_balance, base);
  auto keep_quote = limit_in(lim.min_balance, quote);
  if (!meets_min(size))
    return deny(deny_reason::below_min_order,
                str(size) + " " + base + " at " + str(low) + " " + quote
                  + " is under the minimum order value "
                  + str(params_.min_order_value.at(quote)) + " " + quote);
  auto sell_venue = sell.symbol.venue;
  auto buy_venue = buy.symbol.venue;
  // Selling a perpetual opens (or reduces) a short: it needs margin in
  // the quote currency on that venue, not the base asset. Margin is taken
  // at the full notional (leverage 1) until leverage-aware margin exists.
  bool sell_perp = sell.symbol.contract == contract_type::perpetual;
  auto held = sell_perp ? quote : base;
  auto bb = find_balance(sell_venue, held);
  auto bq = find_balance(buy_venue, quote);
  if (!bb || !bq)
    return deny(deny_reason::balance_unknown,
                "no " + (bb ? quote : held) + " balance from "
                  + to_string(bb ? buy_venue : sell_venue) + " yet");
  auto one = decimal::from_int(1);
  auto sell_unit = decimal::mul(sell.price, one + fee_of(sell_venue),
                                rounding::ceil)
                     .value_or(decimal{});
  auto base_left
    = sell_perp ? cap_by_quote(bb->free - keep_quote
                                 - reserved(sell_venue, quote),
                               sell_unit)
                : bb->free - keep_base - reserved(sell_venue, base);
  if (base_left < size) {
    if (!base_left.is_positive() || !meets_min(base_left))
      return deny(deny_reason::insufficient_base,
                  to_string(sell_venue) + " " + held + " free "
                    + str(bb->free) + ", keep "
                    + str(sell_perp ? keep_quote : keep_base)
                    + ", reserved "
                    + str(reserved(sell_venue, held)) + ": "
                    + str(base_left) + (sell_perp ? " " + base + " of margin" : "")
                    + " available, need " + str(size));
    reduce(base_left, sell_perp ? "margin" : "base balance");
  }
  auto unit = decimal::mul(buy.price, one + fee_of(buy_venue), rounding::ceil)
                .value_or(decimal{});
  auto quote_left = bq->free - keep_quote - reserved(buy_venue, quote);
  auto quote_cap = quote_left.is_positive() && unit.is_positive()
                     ? decimal::div(quote_left, unit, rounding::down)
                         .value_or(decimal{})
                     : decimal{};
  if (quote_cap < size) {
    if (!meets_min(quote_cap))
      return deny(deny_reason::insufficient_quote,
                  to_string(buy_venue) + " " + quote + " free " + str(bq->free)
                    + ", keep " + str(keep_quote) + ", reserved "
                    + str(reserved(buy_venue, quote)) + ": "
                    + str(quote_left) + " available, need "
                    + str(decimal::mul(size, unit).value_or(decimal{}))
                    + " incl. fee");
    reduce(quote_cap, "quote balance");
  }
  ++approvals_;
  slots_[opp.id] = now;
  orders_.push_back(now);
  orders_.push_back(now);
  if (sell_perp)
    reserved_[{sell_venue, quote}] += decimal::mul(size, sell_unit,
                                                   rounding::ceil)
                                        .value_or(decimal{});
  else
    reserved_[{sell_venue, base}] += size;
  reserved_[{buy_venue, quote}] += decimal::mul(size, unit, rounding::ceil)
                                     .value_or(decimal{});
  decision d;
  d.verdict.approved = true;
  d.verdict.size = size;
  d.verdict.detail = why.empty() ? "approved " + str(size) + " " + base
                                 : "size reduced from " + str(want) + " to "
                                     + str(size) + " " + base + " by " + why;
  return d;
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
    auto limit = -limit_in(params_.limits.daily_loss_limit, r.quote);
    auto& pnl = daily_pnl_[r.quote];
    out.loss_limit_reached = pnl > limit && pnl + r.pnl_krw <= limit;
    pnl += r.pnl_krw;
    auto& peak = peak_pnl_[r.quote];
    peak = max(peak, pnl);
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
