#pragma once

// The portfolio's bookkeeping, pure: balances per venue (replaced by REST
// snapshots, moved by spot fills in between), realised and daily PnL in
// KRW after fees, funding payments, and the exposure per asset (net total
// across accounts minus the starting position; each account once, as
// messages/accounts.hpp says). The day boundary comes from the caller's
// clock.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "messages/derivatives.hpp"
#include "messages/orders.hpp"
#include "messages/portfolio.hpp"
#include "messages/risk.hpp"

namespace karb::portfolio {

class portfolio_core {
public:
  /// `utc_offset_s`: the trading day's time zone (KST = +9 h).
  explicit portfolio_core(int64_t utc_offset_s = 9 * 3600)
    : offset_s_(utc_offset_s) {}

  /// Replaces the balances of every venue present in `bs`; the first
  /// snapshot of a venue also sets its starting position.
  void set_balances(const std::vector<balance>& bs);
  /// Moves the venue's base and quote balances by one of our spot fills
  /// (a derivative fill moves none).
  void apply_fill(const fill& f);
  /// Books a finished trade (and rolls the day first).
  void apply_report(const trade_report& r, int64_t wall_ns);
  /// Books a funding payment a perpetual venue made (and rolls the day
  /// first): into the realised and daily PnL like a trade's result, in the
  /// payment's currency as trades book theirs in their quote, and into the
  /// funding PnL of that currency.
  void apply_funding(const funding_payment& p, int64_t wall_ns);
  /// Starts a new day's PnL when `wall_ns` is past the boundary.
  void roll_day(int64_t wall_ns);

  /// Every venue's balances, an account shared by two venues under both.
  std::vector<balance> balances() const;
  std::vector<balance> balances_of(exchange venue) const;
  /// Total per asset across accounts, each once.
  std::map<std::string, decimal> totals() const;
  /// `totals` minus the starting position.
  std::map<std::string, decimal> exposure() const;
  decimal realised_pnl() const { return realised_; }
  /// Share of finished trades (every outcome but "cancelled") whose PnL
  /// after fees was positive; nullopt before the first one.
  std::optional<double> win_rate() const;
  decimal daily_pnl() const { return daily_; }
  /// Funding booked since start, per currency.
  const std::map<std::string, decimal>& funding_pnl() const {
    return funding_;
  }
  int64_t day() const { return day_; }
  /// Days since the epoch in the configured zone.
  int64_t day_of(int64_t wall_ns) const;
  portfolio_snapshot snapshot(int64_t wall_ns) const;

private:
  balance& slot(exchange venue, const std::string& currency);
  /// The venues whose balances count: one per account.
  std::set<exchange> counted() const;
  /// The starting position per asset of the counted venues.
  std::map<std::string, decimal> start_totals() const;

  int64_t offset_s_;
  std::map<std::pair<exchange, std::string>, balance> balances_;
  std::map<std::pair<exchange, std::string>, decimal> start_;
  std::map<exchange, bool> seen_;
  decimal realised_;
  decimal daily_;
  decimal fees_;
  std::map<std::string, decimal> funding_;
  int64_t trades_ = 0;
  int64_t finished_ = 0;
  int64_t wins_ = 0;
  int64_t day_ = -1;
};

} // namespace karb::portfolio
