#pragma once

// The decisions of the derivatives strategies (seed 002 §3.3
// calculate_spot_futures_arbitrage, calculate_futures_arbitrage,
// calculate_funding_rate_arbitrage), over two legs of one asset: each tick,
// an exit for an open hedge that should close, else the best entry. Pure:
// books, funding rates and the clock come in as arguments.
//
// A hedge is long one leg and short the other. With the books walked for
// the hedge's size (VWAP, both taker fees):
//   entry basis  = proceeds of selling the short leg / cost of buying the
//                  long leg - 1 (what the entry locks in, gross)
//   exit basis   = cost of buying the short leg back / proceeds of selling
//                  the long leg - 1 (what closing now would give back)
//   carry        = the funding one period pays the hedge: the short leg's
//                  rate minus the long leg's (a spot leg has none), as
//                  the venue publishes it for its coming settlement
//   round trip   = both legs' taker fees, in and out (4 fees)
//
// spot_perp_basis (long spot, short perp) and perp_perp (long the cheap
// perp, short the rich one, either way round): enter when
//   entry basis - round trip + carry x horizon >= entry_threshold;
// exit when the exit basis is at or below exit_threshold (converged), when
// the next period's carry costs more than the basis left to capture (the
// edge no longer pays), or after max_holding.
//
// funding_rate (long spot / short perp when the perp's rate is positive,
// or a perp pair short the higher rate): enter when the carry is positive
// and the annualised edge over `horizon` periods,
//   (carry x horizon + entry basis - round trip) x periods per year / horizon,
// reaches min_annual_edge; exit on take-profit (the hedge's PnL if closed
// now, funding included, reaches take_profit x notional), a funding flip
// (carry < 0), the basis stop-loss (the PnL without funding at or below
// -stop_loss x notional) or max_holding. The stop-loss also guards the
// basis kinds.
//
// Opportunity layout (as the spread strategy's, so risk and execution
// treat both alike): exchanges = {selling venue, buying venue};
// entry_signals[0] sells, [1] buys, each with its instrument, limit price
// (the worst level walked) and size; signal_type "entry" or "exit"
// (execution sends an exit's perpetual leg reduce-only). Metadata: kind,
// hedge (the hedge an exit closes), reason, basis, carry, cost.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "actors/strategy/hedge_book.hpp"
#include "messages/arbitrage.hpp"
#include "messages/market_data.hpp"

namespace karb::strategy {

enum class hedge_kind : uint8_t { spot_perp_basis, perp_perp, funding_rate };

std::string to_string(hedge_kind k);
std::optional<hedge_kind> hedge_kind_from_string(std::string_view s);
arbitrage_type arbitrage_type_of(hedge_kind k, bool both_perpetual);

struct hedge_params {
  std::string strategy_id;
  hedge_kind kind = hedge_kind::spot_perp_basis;
  decimal entry_threshold = dec("0.002"); ///< basis kinds: net rate to enter
  decimal exit_threshold = dec("0.0005"); ///< basis at or below: converged
  decimal min_annual_edge = dec("0.1");   ///< funding: annualised net edge
  int64_t horizon_periods = 3;            ///< funding periods counted on
  decimal take_profit;   ///< ratio of the hedge's notional; 0: off
  decimal stop_loss;     ///< ratio of the hedge's notional; 0: off
  int64_t max_holding_ns = 86'400'000'000'000;
  decimal size = dec("0.01");             ///< base units per hedge
  int max_open = 1;                       ///< hedges held at once
  int64_t validity_ns = 500'000'000;
};

/// One leg's market: its book, fee, trading rules and (perpetuals) the
/// latest funding rate.
struct leg_market {
  const book_view* view = nullptr;
  decimal taker_fee;
  decimal lot;
  decimal min_qty;
  decimal min_notional;
  bool perpetual = false;
  std::optional<funding_rate> funding;
};

/// What the strategy should do this tick.
struct hedge_signal {
  enum class action : uint8_t { enter, exit } what = action::enter;
  int long_leg = 0;      ///< bought on entry, sold on exit
  int short_leg = 1;     ///< sold on entry, bought back on exit
  std::string hedge_id;  ///< exit: the hedge it closes
  std::string reason;    ///< "entry", "converged", "funding_flip", ...
  arbitrage_opportunity opportunity;
};

/// The funding one period pays a hedge long `lng` and short `sht`.
decimal carry(const leg_market& lng, const leg_market& sht);
/// Funding periods per year of a leg's interval (8 h: 1095; an interval
/// the venue did not send counts as 8 h); 0 for a spot leg.
decimal periods_per_year(const leg_market& m);

class hedge_core {
public:
  explicit hedge_core(hedge_params p);

  /// An exit for the first open hedge that should close, else the best
  /// entry when fewer than max_open hedges are live; nullopt otherwise.
  std::optional<hedge_signal> evaluate(const std::vector<leg_market>& legs,
                                       const hedge_book& book,
                                       int64_t now_ns);

  /// Why hedge `h` should close now ("" if it should not), with the PnL
  /// closing it would realise (funding included).
  std::string exit_reason(const hedge& h, const std::vector<leg_market>& legs,
                          int64_t now_ns, decimal* pnl_if_closed) const;

  const hedge_params& params() const { return params_; }

private:
  std::optional<hedge_signal> entry(const std::vector<leg_market>& legs,
                                    int lng, int sht, int64_t now_ns);
  arbitrage_opportunity opportunity(const std::vector<leg_market>& legs,
                                    int sell_leg, int buy_leg, decimal size,
                                    decimal sell_limit, decimal buy_limit,
                                    const std::string& signal_type,
                                    int64_t now_ns);

  hedge_params params_;
  uint64_t next_id_ = 1;
};

} // namespace karb::strategy
