#include "actors/execution/order_core.hpp"

#include <algorithm>

namespace karb::execution {

order_event place_event(ack_kind k) {
  switch (k) {
    case ack_kind::accepted: return order_event::ack_accepted;
    case ack_kind::rejected: return order_event::ack_rejected;
    case ack_kind::not_sent: return order_event::ack_not_sent;
    case ack_kind::maybe_sent: // written, no usable answer
    case ack_kind::not_found:  // not a documented answer to a place
      return order_event::ack_maybe_sent;
  }
  return order_event::ack_maybe_sent;
}

lookup_answer read_lookup(ack_kind k) {
  switch (k) {
    case ack_kind::accepted: return lookup_answer::found;
    case ack_kind::not_found: return lookup_answer::absent;
    default: return lookup_answer::inconclusive;
  }
}

cancel_answer read_cancel(ack_kind k) {
  switch (k) {
    case ack_kind::accepted: return cancel_answer::confirmed;
    case ack_kind::not_found: // gone from the book: filled or cancelled
    case ack_kind::rejected:  // the venue's refusal: e.g. already done
      return cancel_answer::settle;
    default: return cancel_answer::retry;
  }
}

std::optional<order_event> view_event(order_status from,
                                      order_status venue_status,
                                      bool complete, bool any_filled,
                                      bool new_fills) {
  std::optional<order_event> e;
  if (complete)
    e = order_event::venue_filled;
  else if (venue_status == order_status::open && any_filled)
    e = order_event::venue_partial;
  else
    e = event_for_venue_status(venue_status);
  if (!e)
    return std::nullopt;
  // More of the same partial fill moves nothing unless it brought fills.
  if (*e == order_event::venue_partial
      && from == order_status::partially_filled && !new_fills)
    return std::nullopt;
  if (!next_status(from, *e))
    return std::nullopt;
  return e;
}

bool cancellable(order_status s) {
  return s == order_status::open || s == order_status::partially_filled
         || s == order_status::unknown;
}

std::optional<fill> gap_fill(const order_request& req,
                             const std::string& venue_order_id,
                             const fill_totals& counted,
                             const fill_totals& venue) {
  auto volume = venue.filled - counted.filled;
  if (!volume.is_positive())
    return std::nullopt;
  fill f;
  f.client_order_id = req.client_order_id;
  f.venue_order_id = venue_order_id;
  f.trade_id = std::string{gap_fill_prefix} + venue.filled.to_string();
  f.symbol = req.symbol;
  f.order_side = req.order_side;
  auto notional = venue.notional - counted.notional;
  f.price = notional.is_positive()
              ? decimal::div(notional, volume).value_or(req.price)
              : req.price;
  f.volume = volume;
  auto fee = venue.fee - counted.fee;
  f.fee = fee.is_positive() ? fee : decimal{};
  f.fee_currency = req.symbol.quote;
  return f;
}

std::optional<fill> catch_up_fill(const fill_book& book,
                                  const order_request& req,
                                  const std::string& venue_order_id) {
  return gap_fill(req, venue_order_id,
                  {book.counted(), book.counted_notional(),
                   book.counted_fees()},
                  {book.filled(), book.notional(), book.fees()});
}

event_type order_event_type(order_status s) {
  switch (s) {
    case order_status::filled: return event_type::order_filled;
    case order_status::cancelled: return event_type::order_cancelled;
    case order_status::rejected:
    case order_status::failed: return event_type::order_rejected;
    default: return event_type::order_created;
  }
}

// -- asking again ------------------------------------------------------------------

std::chrono::nanoseconds retry_delay(int failures,
                                     std::chrono::nanoseconds base,
                                     std::chrono::nanoseconds cap) {
  auto d = base;
  for (int i = 1; i < failures && d < cap; ++i)
    d *= 2;
  return std::min(d, cap);
}

void retry_timer::failed(int64_t now_ns) {
  in_flight_ = false;
  ++failures_;
  next_ns_ = now_ns + retry_delay(failures_, base_, cap_).count();
}

void retry_timer::answered(int64_t now_ns, std::chrono::nanoseconds after) {
  in_flight_ = false;
  failures_ = 0;
  next_ns_ = now_ns + after.count();
}

absence_check::step absence_check::on_absent(int64_t now_ns) {
  if (first_ns_ < 0)
    first_ns_ = now_ns;
  return now_ns - first_ns_ >= window_.count() ? step::list : step::wait;
}

absence_check::step absence_check::on_listed(bool present) {
  if (present) {
    first_ns_ = -1;
    return step::wait;
  }
  return step::fail;
}

} // namespace karb::execution
