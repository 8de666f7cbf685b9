#include "actors/risk/portfolio_limits.hpp"

#include <set>

namespace karb::risk {

namespace {

/// One-sided 95 % quantile of the standard normal distribution.
constexpr double z95 = 1.645;

decimal to_dec(double x) {
  return decimal::from_double(x, rounding::down).value_or(decimal{});
}

std::string str(decimal x) {
  return x.to_string();
}

std::string str(double x) {
  return str(decimal::from_double(x).value_or(decimal{}));
}

decimal limit_in(const std::map<std::string, decimal>& m,
                 const std::string& key) {
  auto i = m.find(key);
  return i == m.end() ? decimal{} : i->second;
}

/// Base units per leg that `room` (in quote) pays for at `per_unit` quote
/// per base unit; 0 when nothing fits.
decimal size_for(decimal room, decimal per_unit) {
  if (!room.is_positive() || !per_unit.is_positive())
    return decimal{};
  return decimal::div(room, per_unit, rounding::down).value_or(decimal{});
}

/// Quote per unit of size: the legs' prices summed.
decimal notional_per_unit(const std::vector<perp_leg>& legs) {
  decimal sum;
  for (const auto& l : legs)
    sum += l.price;
  return sum;
}

decimal notional_of(const position& p) {
  return decimal::mul(p.amount.abs(), p.mark_price).value_or(decimal{});
}

std::string direction(side s) {
  return s == side::sell ? "short" : "long";
}

} // namespace

std::string market_of(const instrument& x) {
  return x.base + "/" + x.quote;
}

std::vector<perp_leg> perp_legs(const arbitrage_opportunity& opp) {
  std::vector<perp_leg> out;
  for (const auto& sig : opp.entry_signals)
    if (is_derivative(sig.symbol))
      out.push_back({sig.symbol, sig.signal_side, sig.price});
  return out;
}

void portfolio_limits::on_book(position_book book, time_point now,
                               const std::map<std::string, double>& prices) {
  book_ = std::move(book);
  has_book_ = true;
  returns_.record(now, prices);
}

decimal portfolio_limits::open_notional(const std::string& quote) const {
  decimal sum;
  for (const auto& p : book_.positions)
    if (p.symbol.quote == quote)
      sum += notional_of(p);
  return sum;
}

decimal portfolio_limits::open_position(const std::string& asset) const {
  decimal sum;
  for (const auto& p : book_.positions)
    if (p.symbol.base == asset)
      sum += p.amount.abs();
  return sum;
}

decimal portfolio_limits::unrealized(const std::string& quote) const {
  decimal sum;
  for (const auto& p : book_.positions)
    if (p.symbol.quote == quote)
      sum += p.unrealized_pnl;
  return sum;
}

std::optional<double> portfolio_limits::sigma_of(const instrument& x) const {
  return returns_.sigma(market_of(x), var_horizon_);
}

decimal portfolio_limits::parametric_var(const std::string& quote) const {
  double sum = 0;
  for (const auto& p : book_.positions)
    if (p.symbol.quote == quote)
      if (auto s = sigma_of(p.symbol))
        sum += z95 * *s * notional_of(p).to_double();
  return to_dec(sum);
}

std::vector<std::string> portfolio_limits::quotes() const {
  std::set<std::string> qs;
  for (const auto& p : book_.positions)
    qs.insert(p.symbol.quote);
  return {qs.begin(), qs.end()};
}

decimal portfolio_limits::reducible(const instrument& x, side s) const {
  decimal sum;
  for (const auto& p : book_.positions)
    if (p.symbol.venue == x.venue && p.symbol.base == x.base
        && p.symbol.quote == x.quote && p.position_side != s)
      sum += p.amount.abs();
  return sum;
}

// -- entry limits -------------------------------------------------------------

std::optional<limit_cut>
portfolio_limits::open_position_cut(const std::vector<perp_leg>& legs,
                                    const config::risk_settings& limits) const {
  if (legs.empty())
    return std::nullopt;
  const auto& asset = legs.front().symbol.base;
  auto limit = limit_in(limits.max_open_position, asset);
  if (!limit.is_positive())
    return std::nullopt;
  auto open = open_position(asset);
  auto n = decimal::from_int(static_cast<int64_t>(legs.size()));
  auto room = limit - open;
  auto fits = room.is_positive()
               ? decimal::div(room, n, rounding::down).value_or(decimal{})
               : decimal{};
  return limit_cut{fits, deny_reason::max_open_position,
                   "open " + asset + " perpetual positions " + str(open)
                     + " of the limit " + str(limit) + " " + asset
                     + " leave " + str(fits) + " for each of "
                     + str(n) + " leg(s)"};
}

std::optional<limit_cut>
portfolio_limits::open_notional_cut(const std::vector<perp_leg>& legs,
                                    const config::risk_settings& limits) const {
  if (legs.empty())
    return std::nullopt;
  const auto& quote = legs.front().symbol.quote;
  auto limit = limit_in(limits.max_open_notional, quote);
  if (!limit.is_positive())
    return std::nullopt;
  auto open = open_notional(quote);
  auto fits = size_for(limit - open, notional_per_unit(legs));
  return limit_cut{fits, deny_reason::max_open_notional,
                   "open perpetual notional " + str(open) + " " + quote
                     + " of the limit " + str(limit) + " " + quote
                     + " leaves room for " + str(fits) + " "
                     + legs.front().symbol.base};
}

std::optional<limit_cut>
portfolio_limits::leverage_cut(const std::vector<perp_leg>& legs,
                               const config::risk_settings& limits,
                               decimal equity) const {
  if (legs.empty())
    return std::nullopt;
  const auto& quote = legs.front().symbol.quote;
  auto open = open_notional(quote);
  auto lev = to_dec(limits.leverage_limit);
  auto allowed = equity.is_positive()
                   ? decimal::mul(equity, lev, rounding::down)
                       .value_or(decimal{})
                   : decimal{};
  auto fits = size_for(allowed - open, notional_per_unit(legs));
  return limit_cut{fits, deny_reason::leverage_limit,
                   "open perpetual notional " + str(open) + " " + quote
                     + " against " + str(lev) + " x equity " + str(equity)
                     + " " + quote + " leaves room for " + str(fits) + " "
                     + legs.front().symbol.base};
}

std::optional<limit_cut>
portfolio_limits::var_cut(const std::vector<perp_leg>& legs,
                          const config::risk_settings& limits,
                          std::optional<decimal> historical) const {
  if (legs.empty())
    return std::nullopt;
  const auto& quote = legs.front().symbol.quote;
  auto limit = limit_in(limits.var_limit, quote);
  if (!limit.is_positive())
    return std::nullopt;
  if (historical && *historical >= limit)
    return limit_cut{decimal{}, deny_reason::var_limit,
                     "historical VaR " + str(*historical) + " " + quote
                       + " reached the limit " + str(limit) + " " + quote};
  auto sigma = sigma_of(legs.front().symbol);
  if (!sigma)
    return std::nullopt; // too few returns: parametric VaR unknown
  auto current = parametric_var(quote);
  auto per_unit = to_dec(z95 * *sigma
                         * notional_per_unit(legs).to_double());
  auto fits = size_for(limit - current, per_unit);
  return limit_cut{fits, deny_reason::var_limit,
                   "parametric VaR " + str(current) + " " + quote
                     + " of the limit " + str(limit) + " " + quote
                     + " leaves room for " + str(fits) + " "
                     + legs.front().symbol.base + " (sigma " + str(*sigma)
                     + " over " + std::to_string(var_horizon_.count())
                     + " s)"};
}

std::optional<limit_cut>
portfolio_limits::correlation_cut(const std::vector<perp_leg>& legs,
                                  const config::risk_settings& limits) const {
  if (limits.correlation_limit <= 0)
    return std::nullopt;
  for (const auto& leg : legs)
    for (const auto& p : book_.positions) {
      auto a = market_of(leg.symbol);
      auto b = market_of(p.symbol);
      if (a == b || p.position_side != leg.leg_side)
        continue;
      auto c = returns_.correlation(a, b);
      if (c && *c > limits.correlation_limit)
        return limit_cut{decimal{}, deny_reason::correlation_limit,
                         a + " returns correlate " + str(*c)
                           + " with the open " + direction(p.position_side)
                           + " " + b + " on " + to_string(p.symbol.venue)
                           + ", limit " + str(limits.correlation_limit)};
    }
  return std::nullopt;
}

// -- equity drawdown ----------------------------------------------------------

std::optional<std::string>
portfolio_limits::watch_equity(const std::string& quote, decimal equity,
                               double max_drawdown) {
  auto& peak = peak_equity_[quote];
  peak = max(peak, equity);
  if (max_drawdown <= 0 || !peak.is_positive())
    return std::nullopt;
  auto drop = (peak - equity).to_double() / peak.to_double();
  if (drop <= max_drawdown)
    return std::nullopt;
  return "equity " + str(equity) + " " + quote + " is " + str(drop)
         + " below its peak " + str(peak) + " " + quote + ", limit "
         + str(max_drawdown);
}

decimal portfolio_limits::peak_equity(const std::string& quote) const {
  return limit_in(peak_equity_, quote);
}

} // namespace karb::risk
