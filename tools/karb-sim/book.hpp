#pragma once

// A venue order book as the simulator publishes it: up to 30 levels a side,
// regenerated around the venue mid and consumed by incoming orders.

#include <string>
#include <vector>

#include "tools/karb-sim/rng.hpp"
#include "tools/karb-sim/rules.hpp"
#include "tools/karb-sim/types.hpp"

namespace karb::sim {

struct price_level {
  decimal price;
  decimal size;
};

struct book {
  std::string code;
  time_ms timestamp = 0;
  std::vector<price_level> asks; ///< ascending price, [0] = best
  std::vector<price_level> bids; ///< descending price, [0] = best

  decimal best_ask() const { return asks.empty() ? decimal{} : asks[0].price; }
  decimal best_bid() const { return bids.empty() ? decimal{} : bids[0].price; }
  decimal total_ask_size() const;
  decimal total_bid_size() const;
};

inline constexpr int max_depth = 30;

/// A fresh book of `depth` levels a side around `mid`, on the venue's ticks.
book generate_book(rng& r, venue_kind v, const market_spec& m, decimal mid,
                   time_ms now, int depth = max_depth);

/// Appends one level past the worst one on a side (keeps the depth after
/// an order consumed levels).
void refill(rng& r, venue_kind v, const market_spec& m, book& b, bool asks);

/// Removes empty levels and refills both sides to `depth`.
void normalise(rng& r, venue_kind v, const market_spec& m, book& b,
               int depth = max_depth);

} // namespace karb::sim
