#pragma once

// The position manager's bookkeeping, pure (seed 002 §3.5): every perpetual
// venue's open positions, the net per base asset across perpetuals (long
// +, short -, base units) and spot (the portfolio's exposure), and what
// changed between two views of a position: opened, updated (size or side;
// a mark move is not a change) or closed.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "messages/derivatives.hpp"
#include "messages/events.hpp"
#include "messages/orders.hpp"

namespace karb::positions {

/// One position that opened, changed size or side, or closed.
struct position_change {
  event_type type = event_type::position_updated; ///< position_* only
  position now;    ///< the new view (closed: the last one, amount 0)
  position before; ///< the previous view (opened: none, amount 0)
};

/// The signed size in base units: + long, - short.
decimal signed_amount(const position& p);

/// |mark - liquidation| / mark; nullopt without a liquidation price or a
/// positive mark.
std::optional<double> liquidation_distance(const position& p);

class position_core {
public:
  /// Replaces every position of `venue` (a REST poll: what it does not
  /// list is closed).
  std::vector<position_change> set_positions(exchange venue,
                                             const std::vector<position>& ps);
  /// Merges positions a private stream reported (only those listed; an
  /// amount of 0 closes one).
  std::vector<position_change>
  update_positions(const std::vector<position>& ps);
  /// The spot side: the portfolio's exposure per asset (base units).
  /// Returns whether it changed.
  bool set_spot(const std::map<std::string, decimal>& exposure);

  /// Every open position, by venue then symbol.
  std::vector<position> open_positions() const;
  /// Per base asset, signed base units.
  std::map<std::string, decimal> perp_net() const;
  position_book book(int64_t ts_ns) const;

private:
  using key = std::pair<exchange, std::string>; ///< venue, venue symbol

  /// Moves one (venue, symbol) to `p` (amount 0: flat); records a change.
  void apply(const key& k, const position& p,
             std::vector<position_change>& out);

  std::map<key, position> open_;
  std::map<std::string, decimal> spot_;
};

} // namespace karb::positions
