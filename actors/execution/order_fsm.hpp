#pragma once

// The order state machine as a table (architecture §4), fill accounting in
// decimals, and the client order id. Pure: no actor, no clock.
//
//   pending -> submitted -> open -> partially_filled -> filled
//                  |          \________________________/ | cancelled
//                  +-> rejected | failed                    |
//                  +-> unknown --(lookup by client id)-> venue state | failed

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "messages/decimal.hpp"
#include "messages/enums.hpp"
#include "messages/orders.hpp"

namespace karb::execution {

/// What can happen to an order.
enum class order_event : uint8_t {
  send,            ///< intent stored, request handed to the venue session
  store_failed,    ///< the intent could not be stored: never sent
  ack_accepted,    ///< the place reply carried the order
  ack_rejected,    ///< the venue refused it
  ack_not_sent,    ///< nothing was written (connect, limiter)
  ack_maybe_sent,  ///< timed out or broke after writing
  recover,         ///< restart: the stored state must be looked up
  venue_open,      ///< the venue reports it resting, nothing filled
  venue_partial,   ///< the venue reports a partial fill, rest live
  venue_filled,    ///< fully executed
  venue_cancelled, ///< cancelled (maybe after partial fills)
  venue_rejected,  ///< the venue reports it refused
  not_found,       ///< lookup: unknown to the venue after its grace
};

std::string to_string(order_event e);

/// One legal edge of the table.
struct order_edge {
  order_status from;
  order_event event;
  order_status to;
};

/// Every legal edge, one line each.
std::span<const order_edge> order_edges();

/// The next state, or nullopt when the edge is not legal (refused).
std::optional<order_status> next_status(order_status from, order_event e);

/// The event a venue view of the order stands for (nullopt for states the
/// venue does not report: pending, submitted, unknown).
std::optional<order_event> event_for_venue_status(order_status s);

// -- fill accounting -------------------------------------------------------------

/// The trade id prefix of a gap fill: one fill that books what a venue's
/// cumulative view holds beyond the fills counted ("cum:<venue filled>").
inline constexpr std::string_view gap_fill_prefix = "cum:";

bool is_gap_fill(const fill& f);

/// Sums one order's executions. A fill seen twice (same trade id from the
/// stream and from a poll) is counted once. The venue's cumulative view
/// (lookup) is adopted when it is ahead of the fills seen; its cumulative
/// fee also when it only matches them (lookup trades carry no fee).
///
/// Once a gap fill is counted, the order is booked by the venue's
/// cumulative view alone: a venue fill seen later may be one the gap
/// already holds, so it is only remembered (by_cumulative()).
class fill_book {
public:
  explicit fill_book(decimal amount = {}) : amount_(amount) {}

  /// Counts the fill; false if its trade id was already counted, or if it
  /// is a venue fill and the book goes by the cumulative view.
  bool apply(const fill& f);
  /// Counts the fills already booked for the order (a store's rows), as
  /// they are.
  void restore(const std::vector<fill>& booked);
  /// Whether a gap fill was counted: only gap fills book more.
  bool by_cumulative() const { return by_cumulative_; }
  /// Adopts the venue's cumulative filled/average/fee when ahead.
  void apply_venue(decimal filled, decimal average_price, decimal fee);

  decimal amount() const { return amount_; }
  decimal filled() const;
  decimal remaining() const;
  /// Volume-weighted average price; zero when nothing is filled.
  decimal average_price() const;
  /// Fees in the quote currency (base-asset fees valued at the fill price).
  decimal fees() const;
  /// Sum of price * volume (quote currency).
  decimal notional() const;
  bool complete() const { return amount_.is_positive() && filled() >= amount_; }
  /// What the fills themselves add up to (the venue's cumulative view may
  /// be ahead of them).
  decimal counted() const { return filled_; }
  decimal counted_notional() const { return notional_; }
  decimal counted_fees() const { return fees_; }

private:
  void count(const fill& f);

  decimal amount_;
  decimal filled_;
  decimal notional_;
  decimal fees_;
  std::set<std::string> trade_ids_;
  bool by_cumulative_ = false;
  bool venue_ahead_ = false;
  decimal venue_filled_;
  decimal venue_average_;
  decimal venue_fee_;
};

// -- client order id ---------------------------------------------------------------

/// `karb-<trade>-<leg>-<attempt>`; empty when the result would not be
/// venue-valid (more than 36 characters or outside [A-Za-z0-9_-]).
std::string make_client_order_id(std::string_view trade_id, int leg,
                                 int attempt);

/// True for up to 36 characters of [A-Za-z0-9_-].
bool is_valid_client_order_id(std::string_view id);

} // namespace karb::execution
