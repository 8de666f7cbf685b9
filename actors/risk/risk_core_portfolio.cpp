// risk_core's derivatives half: what a leg draws (margin for perpetuals),
// the portfolio limits, exits, position books, funding payments, equity
// and the usage report (see risk_core.hpp).

#include "actors/risk/risk_core.hpp"

namespace karb::risk {

bool is_exit(const arbitrage_opportunity& opp) {
  if (opp.type == arbitrage_type::cross_exchange || opp.entry_signals.empty())
    return false;
  for (const auto& sig : opp.entry_signals)
    if (sig.signal_type != "exit" && sig.signal_type != "close")
      return false;
  return true;
}

risk_core::leg_need risk_core::need_of(const trading_signal& leg) const {
  const auto& x = leg.symbol;
  const auto& keep = params_.limits.min_balance;
  auto fee = fee_of(x.venue);
  if (is_derivative(x)) {
    auto i = params_.leverage.find(x.venue);
    auto lev = i == params_.leverage.end() || !i->second.is_positive()
                 ? decimal::from_int(1)
                 : i->second;
    auto margin = decimal::div(leg.price, lev, rounding::ceil)
                    .value_or(decimal{});
    auto fees = decimal::mul(leg.price, fee, rounding::ceil)
                  .value_or(decimal{});
    return {x.venue, x.quote, margin + fees, limit_in(keep, x.quote),
            deny_reason::insufficient_margin};
  }
  if (leg.signal_side == side::sell)
    return {x.venue, x.base, decimal::from_int(1), limit_in(keep, x.base),
            deny_reason::insufficient_base};
  auto unit = decimal::mul(leg.price, decimal::from_int(1) + fee,
                           rounding::ceil)
                .value_or(decimal{});
  return {x.venue, x.quote, unit, limit_in(keep, x.quote),
          deny_reason::insufficient_quote};
}

std::vector<std::optional<limit_cut>>
risk_core::portfolio_cuts(const std::vector<perp_leg>& legs,
                          const std::string& quote) {
  if (legs.empty())
    return {};
  const auto& lim = params_.limits;
  return {portfolio_.correlation_cut(legs, lim),
          portfolio_.open_position_cut(legs, lim),
          portfolio_.open_notional_cut(legs, lim),
          portfolio_.leverage_cut(legs, lim, equity(quote)),
          portfolio_.var_cut(legs, lim, historical_var(quote, 0.95))};
}

decision risk_core::check_exit(const arbitrage_opportunity& opp,
                               time_point now) {
  if (auto d = malformed(opp))
    return std::move(*d);
  if (auto d = stale(opp, now))
    return std::move(*d);
  auto legs = perp_legs(opp);
  if (legs.empty())
    return deny(deny_reason::malformed,
                "an exit closes a perpetual position; no leg is on one");
  const auto& base = legs.front().symbol.base;
  auto want = min(opp.entry_signals[0].amount, opp.entry_signals[1].amount);
  auto size = want;
  for (const auto& leg : legs) {
    auto open = portfolio_.reducible(leg.symbol, leg.leg_side);
    if (!open.is_positive())
      return deny(deny_reason::no_open_position,
                  "no open "
                    + std::string{leg.leg_side == side::buy ? "short"
                                                            : "long"}
                    + " " + market_of(leg.symbol) + " position on "
                    + to_string(leg.symbol.venue) + " to reduce");
    size = min(size, open);
  }
  return approve(opp, now, size,
                 size < want ? "exit: size reduced from " + want.to_string()
                                 + " to " + size.to_string() + " " + base
                                 + " by the open position"
                             : "exit: approved " + size.to_string() + " "
                                 + base);
}

book_effect risk_core::on_position_book(const position_book& book,
                                        time_point now) {
  for (const auto& p : book.positions) {
    trades_in(p.symbol);
    if (p.mark_price.is_positive())
      last_price_[{p.symbol.base, p.symbol.quote}] = p.mark_price;
  }
  // Markets without a position are priced by their last checked price.
  std::map<std::string, double> prices;
  for (const auto& [market, price] : last_price_)
    prices[market.first + "/" + market.second] = price.to_double();
  portfolio_.on_book(book, now, prices);
  book_effect out;
  out.closes = guard_.scan(book, now, params_.limits.liquidation_guard);
  out.halted = watch_equity();
  return out;
}

bool risk_core::on_funding(const funding_payment& p, int64_t wall_ns) {
  roll_day(wall_ns);
  if (p.currency.empty())
    return false;
  return book_pnl(p.currency, p.amount);
}

std::optional<std::string> risk_core::watch_equity() {
  if (halted_)
    return std::nullopt;
  for (const auto& q : quotes())
    if (auto breach = portfolio_.watch_equity(q, equity(q),
                                              params_.limits.max_drawdown)) {
      halt("max_drawdown: " + *breach);
      return halt_reason_;
    }
  return std::nullopt;
}

decimal risk_core::equity(const std::string& quote) const {
  return capital(quote) + portfolio_.unrealized(quote);
}

quote_risk risk_core::usage(const std::string& quote) const {
  quote_risk u;
  u.quote = quote;
  u.daily_pnl = daily_pnl(quote);
  u.peak_pnl = limit_in(peak_pnl_, quote);
  u.drawdown = drawdown(quote);
  u.equity = equity(quote);
  u.peak_equity = portfolio_.peak_equity(quote);
  if (u.peak_equity.is_positive())
    u.equity_drawdown = (u.peak_equity - u.equity).to_double()
                        / u.peak_equity.to_double();
  if (auto v = historical_var(quote, 0.95)) {
    u.has_var_historical = true;
    u.var_historical = *v;
  }
  u.var_parametric = portfolio_.parametric_var(quote);
  u.open_notional = portfolio_.open_notional(quote);
  u.unrealized_pnl = portfolio_.unrealized(quote);
  if (u.equity.is_positive())
    u.leverage = u.open_notional.to_double() / u.equity.to_double();
  return u;
}

} // namespace karb::risk
