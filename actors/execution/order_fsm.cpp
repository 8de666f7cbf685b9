#include "actors/execution/order_fsm.hpp"

#include <array>

namespace karb::execution {

namespace {

using s = order_status;
using e = order_event;

// One line per legal edge; anything else is refused.
constexpr std::array<order_edge, 27> edges{{
  {s::pending, e::send, s::submitted},
  {s::pending, e::store_failed, s::failed},            // never sent
  {s::pending, e::recover, s::unknown},                // intent stored: sent?
  {s::submitted, e::ack_accepted, s::open},
  {s::submitted, e::ack_rejected, s::rejected},
  {s::submitted, e::ack_not_sent, s::failed},
  {s::submitted, e::ack_maybe_sent, s::unknown},
  {s::submitted, e::recover, s::unknown},
  {s::submitted, e::venue_open, s::open},              // stream before reply
  {s::submitted, e::venue_partial, s::partially_filled},
  {s::submitted, e::venue_filled, s::filled},
  {s::submitted, e::venue_cancelled, s::cancelled},
  {s::submitted, e::venue_rejected, s::rejected},
  {s::open, e::ack_accepted, s::open},                 // reply after stream
  {s::open, e::venue_partial, s::partially_filled},
  {s::open, e::venue_filled, s::filled},
  {s::open, e::venue_cancelled, s::cancelled},
  {s::partially_filled, e::ack_accepted, s::partially_filled},
  {s::partially_filled, e::venue_partial, s::partially_filled}, // more fills
  {s::partially_filled, e::venue_filled, s::filled},
  {s::partially_filled, e::venue_cancelled, s::cancelled}, // short fill
  {s::unknown, e::venue_open, s::open},                // found by lookup
  {s::unknown, e::venue_partial, s::partially_filled},
  {s::unknown, e::venue_filled, s::filled},
  {s::unknown, e::venue_cancelled, s::cancelled},
  {s::unknown, e::venue_rejected, s::rejected},
  {s::unknown, e::not_found, s::failed},               // after the grace
}};

bool valid_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
         || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

} // namespace

std::string to_string(order_event x) {
  switch (x) {
    case e::send: return "send";
    case e::store_failed: return "store_failed";
    case e::ack_accepted: return "ack_accepted";
    case e::ack_rejected: return "ack_rejected";
    case e::ack_not_sent: return "ack_not_sent";
    case e::ack_maybe_sent: return "ack_maybe_sent";
    case e::recover: return "recover";
    case e::venue_open: return "venue_open";
    case e::venue_partial: return "venue_partial";
    case e::venue_filled: return "venue_filled";
    case e::venue_cancelled: return "venue_cancelled";
    case e::venue_rejected: return "venue_rejected";
    case e::not_found: return "not_found";
  }
  return "invalid";
}

std::span<const order_edge> order_edges() {
  return edges;
}

std::optional<order_status> next_status(order_status from, order_event ev) {
  for (const auto& x : edges)
    if (x.from == from && x.event == ev)
      return x.to;
  return std::nullopt;
}

std::optional<order_event> event_for_venue_status(order_status st) {
  switch (st) {
    case s::open: return e::venue_open;
    case s::partially_filled: return e::venue_partial;
    case s::filled: return e::venue_filled;
    case s::cancelled: return e::venue_cancelled;
    case s::rejected: return e::venue_rejected;
    default: return std::nullopt;
  }
}

// -- fill_book ---------------------------------------------------------------------

bool is_gap_fill(const fill& f) {
  return f.trade_id.rfind(gap_fill_prefix, 0) == 0;
}

bool fill_book::apply(const fill& f) {
  if (!f.trade_id.empty() && !trade_ids_.insert(f.trade_id).second)
    return false;
  bool gap = is_gap_fill(f);
  if (by_cumulative_ && !gap)
    return false; // a gap counted before may hold it
  by_cumulative_ = by_cumulative_ || gap;
  count(f);
  return true;
}

void fill_book::restore(const std::vector<fill>& booked) {
  for (const auto& f : booked) {
    if (!f.trade_id.empty() && !trade_ids_.insert(f.trade_id).second)
      continue;
    by_cumulative_ = by_cumulative_ || is_gap_fill(f);
    count(f);
  }
}

void fill_book::count(const fill& f) {
  filled_ += f.volume;
  notional_ += decimal::mul(f.price, f.volume).value_or(decimal{});
  // Fees in the base asset (a venue may charge them so) are valued in quote.
  if (!f.fee_currency.empty() && f.fee_currency == f.symbol.base)
    fees_ += decimal::mul(f.fee, f.price).value_or(decimal{});
  else
    fees_ += f.fee;
}

void fill_book::apply_venue(decimal filled, decimal average_price,
                            decimal fee) {
  if (filled > filled_ && filled >= venue_filled_) {
    venue_ahead_ = true;
    venue_filled_ = filled;
    venue_average_ = average_price;
    venue_fee_ = fee;
  }
  // A lookup's trades carry no fee (Upbit's trades[] has none): its
  // cumulative paid_fee, for at least the fills counted, is the better
  // figure even when the fills have caught up.
  if (filled >= filled_ && fee > venue_fee_)
    venue_fee_ = fee;
}

decimal fill_book::filled() const {
  return venue_ahead_ && venue_filled_ > filled_ ? venue_filled_ : filled_;
}

decimal fill_book::remaining() const {
  auto r = amount_ - filled();
  return r.is_negative() ? decimal{} : r;
}

decimal fill_book::notional() const {
  if (venue_ahead_ && venue_filled_ > filled_)
    return decimal::mul(venue_average_, venue_filled_).value_or(decimal{});
  return notional_;
}

decimal fill_book::average_price() const {
  auto q = filled();
  if (!q.is_positive())
    return {};
  if (venue_ahead_ && venue_filled_ > filled_)
    return venue_average_;
  return decimal::div(notional_, q).value_or(decimal{});
}

decimal fill_book::fees() const {
  // venue_fee_ is the venue's total for no more than filled(): never an
  // overstatement.
  return max(venue_fee_, fees_);
}

// -- client order id -----------------------------------------------------------------

bool is_valid_client_order_id(std::string_view id) {
  if (id.empty() || id.size() > 36)
    return false;
  for (char c : id)
    if (!valid_char(c))
      return false;
  return true;
}

std::string make_client_order_id(std::string_view trade_id, int leg,
                                 int attempt) {
  auto id = "karb-" + std::string{trade_id} + "-" + std::to_string(leg) + "-"
            + std::to_string(attempt);
  return is_valid_client_order_id(id) ? id : std::string{};
}

} // namespace karb::execution
