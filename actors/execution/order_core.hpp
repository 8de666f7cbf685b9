#pragma once

// What the venue's answers mean for one order, and when to ask again. Pure:
// the order actor feeds it acks, views and time, and carries out what it
// returns (architecture §6: only the venue's own refusal rejects; anything
// else leaves the order `unknown` until the venue says otherwise).
//
//   place reply      accepted -> open (then the venue's view)
//                    rejected -> rejected   (the venue's documented refusal)
//                    not_sent -> failed     (nothing was written)
//                    otherwise-> unknown    (5xx, foreign body, reset, timeout)
//   lookup reply     accepted -> the venue's view
//                    not_found-> absent: counts once it persists beyond the
//                                propagation window AND the order is in
//                                neither the open nor the recent orders
//                    otherwise-> ask again with backoff
//   cancel reply     accepted -> confirmed (asked again if the order is
//                                still live after `recheck`)
//                    not_found / rejected -> look the order up (it may have
//                                filled meanwhile)
//                    otherwise-> ask again with backoff

#include <chrono>
#include <cstdint>
#include <optional>

#include "actors/execution/order_fsm.hpp"
#include "messages/events.hpp"
#include "messages/execution.hpp"

namespace karb::execution {

/// The order event a place reply stands for.
order_event place_event(ack_kind k);

/// What a lookup by client id answered.
enum class lookup_answer : uint8_t {
  found,        ///< the venue's view of the order
  absent,       ///< the venue's documented "no such order"
  inconclusive, ///< anything else: ask again later
};
lookup_answer read_lookup(ack_kind k);

/// What a cancel answered.
enum class cancel_answer : uint8_t {
  confirmed, ///< the venue took the cancel (its view is in the ack)
  settle,    ///< the venue will not cancel it: look it up, it may be done
  retry,     ///< no usable answer: cancel again later
};
cancel_answer read_cancel(ack_kind k);

/// The event a venue view of the order stands for, given the order's fill
/// accounting after the view's fills were counted: `complete` (filled the
/// whole amount), `any_filled` and `new_fills` (this view added fills).
/// nullopt: nothing to apply (including a refused edge from `from`).
std::optional<order_event> view_event(order_status from,
                                      order_status venue_status,
                                      bool complete, bool any_filled,
                                      bool new_fills);

/// Whether the order is live at the venue (a cancel can still act on it).
bool cancellable(order_status s);

/// Cumulative quantity, quote notional and fee of an order.
struct fill_totals {
  decimal filled;
  decimal notional;
  decimal fee;
};

/// What the venue's totals hold beyond the counted ones, as one fill of
/// `req` (trade id "cum:<venue filled>", unique per order and amount);
/// nullopt when nothing is missing.
std::optional<fill> gap_fill(const order_request& req,
                             const std::string& venue_order_id,
                             const fill_totals& counted,
                             const fill_totals& venue);

/// gap_fill between what `book`'s fills count and the venue's cumulative
/// view it adopted. An order that ends on a view without its trades (an
/// order list, a stream frame) books it so that its fills add up to what
/// it filled.
std::optional<fill> catch_up_fill(const fill_book& book,
                                  const order_request& req,
                                  const std::string& venue_order_id);

/// The ORDER_* event type of a status the order moved to (order_created
/// for one that is still live).
event_type order_event_type(order_status s);

// -- asking again ------------------------------------------------------------------

/// min(cap, base * 2^(failures-1)); base for 0 or 1 failure.
std::chrono::nanoseconds retry_delay(int failures, std::chrono::nanoseconds base,
                                     std::chrono::nanoseconds cap);

/// One kind of request (lookup, cancel) that is repeated until it gets a
/// conclusive answer: one in flight at a time, backoff after each failure.
class retry_timer {
public:
  retry_timer(std::chrono::nanoseconds base, std::chrono::nanoseconds cap)
    : base_(base), cap_(cap) {
    // nop
  }

  /// Whether a request should go out now.
  bool due(int64_t now_ns) const { return !in_flight_ && now_ns >= next_ns_; }
  /// A request went out.
  void sent() { in_flight_ = true; }
  /// It got no usable answer: the next one waits longer.
  void failed(int64_t now_ns);
  /// It got an answer; ask again (if still needed) after `after`.
  void answered(int64_t now_ns, std::chrono::nanoseconds after);
  /// Due at once (another event made the answer urgent).
  void hurry() { next_ns_ = 0; }

  bool in_flight() const { return in_flight_; }
  int failures() const { return failures_; }

private:
  std::chrono::nanoseconds base_;
  std::chrono::nanoseconds cap_;
  bool in_flight_ = false;
  int failures_ = 0;
  int64_t next_ns_ = 0;
};

/// Decides when an unknown order the venue keeps denying is taken as never
/// placed: the denial must persist beyond the propagation window, and then
/// the venue's open and recent orders must not hold it either.
class absence_check {
public:
  enum class step : uint8_t {
    wait, ///< within the window: look up again later
    list, ///< past the window: read the venue's open and recent orders
    fail, ///< absent everywhere: the order was never placed
  };

  explicit absence_check(std::chrono::nanoseconds window) : window_(window) {
    // nop
  }

  /// A documented not-found at `now_ns`.
  step on_absent(int64_t now_ns);
  /// The order's lists were read; `present`: the order is in one of them
  /// (the caller adopts that view).
  step on_listed(bool present);
  /// The venue knows the order (any view): the window starts over.
  void reset() { first_ns_ = -1; }

  bool started() const { return first_ns_ >= 0; }

private:
  std::chrono::nanoseconds window_;
  int64_t first_ns_ = -1;
};

} // namespace karb::execution
