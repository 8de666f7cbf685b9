#pragma once

// The hedges a derivatives strategy holds (spot-perp basis, perp-perp,
// funding): each is two legs of one asset opened together, a long on the
// leg bought and a short on the leg sold, held until an exit trade closes
// both. Its life is a table (architecture §4 style); pure: trade reports
// and funding payments come in as values.
//
//   entering --filled--> open --exit_sent--> exiting --filled--> closed
//   entering --empty---> closed              exiting --kept----> open
//
// "filled" is a completed trade: the smaller of what it bought and sold
// is the hedge's size. Any other outcome (unwound, failed, exposed:
// bought and sold on one venue, or a leg left naked, which execution
// alerts on) opens nothing, or closes nothing for an exit. An exit that
// fills less than the hedge leaves the remainder open. Funding a venue books on a leg is
// credited to the open hedges of that leg in proportion to their size.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "messages/decimal.hpp"
#include "messages/derivatives.hpp"
#include "messages/risk.hpp"

namespace karb::strategy {

enum class hedge_state : uint8_t { entering, open, exiting, closed };
enum class hedge_event : uint8_t {
  filled,    ///< the entry or exit trade ended with fills on both sides
  empty,     ///< the entry trade ended without a hedge (failed, unwound)
  exit_sent, ///< an exit trade started
  kept,      ///< the exit trade ended and some or all of the hedge remains
};

std::string to_string(hedge_state s);
std::string to_string(hedge_event e);

struct hedge_edge {
  hedge_state from;
  hedge_event event;
  hedge_state to;
};
std::span<const hedge_edge> hedge_edges();
std::optional<hedge_state> next_hedge_state(hedge_state from, hedge_event e);

/// One hedge: leg `long_leg` bought, leg `short_leg` sold (strategy leg
/// indices), `size` base units each.
struct hedge {
  std::string id;            ///< the entry trade id
  int long_leg = 0;
  int short_leg = 1;
  hedge_state state = hedge_state::entering;
  decimal size;              ///< base units still held
  decimal buy_price;         ///< average entry price of the long leg
  decimal sell_price;        ///< average entry price of the short leg
  decimal entry_basis;       ///< sell_price / buy_price - 1
  decimal realised;          ///< entry and exit trades' PnL after fees
  decimal funding;           ///< payments credited while open (signed)
  int64_t opened_ns = 0;     ///< steady clock
  std::string exit_trade;    ///< the exit trade running, if any
  std::string exit_reason;   ///< why the last exit was sent
};

/// Every hedge of one strategy instance.
class hedge_book {
public:
  /// An entry trade started: a hedge in `entering`.
  void entering(std::string trade_id, int long_leg, int short_leg,
                int64_t now_ns);
  /// An exit trade started on hedge `id`.
  bool exit_sent(const std::string& id, std::string exit_trade,
                 std::string reason);
  /// A trade this book knows (entry or exit) ended; false if unknown.
  bool on_report(const trade_report& r, int64_t now_ns);
  /// Credits a payment on leg `leg` to its open hedges; returns the part
  /// credited.
  decimal on_funding(int leg, const funding_payment& p);

  const std::vector<hedge>& hedges() const { return hedges_; }
  /// Hedges not closed (entering, open, exiting).
  int live() const;
  /// Hedges open and not exiting.
  std::vector<const hedge*> open() const;
  /// Closed hedges' PnL (trades + funding), and the funding part.
  decimal closed_pnl() const { return closed_pnl_; }
  decimal funding_total() const { return funding_total_; }
  int64_t closed_count() const { return closed_count_; }

private:
  hedge* find(const std::string& id);
  void step(hedge& h, hedge_event e);
  void close(hedge& h);

  std::vector<hedge> hedges_;
  decimal closed_pnl_;
  decimal funding_total_;
  int64_t closed_count_ = 0;
};

} // namespace karb::strategy
