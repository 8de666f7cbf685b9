#include "actors/venue/rest_replies.hpp"

#include <algorithm>
#include <cmath>

namespace karb::venue {

std::string to_string(call_kind k) {
  switch (k) {
    case call_kind::place: return "place";
    case call_kind::cancel: return "cancel";
    case call_kind::lookup: return "lookup";
    case call_kind::balances: return "balances";
    case call_kind::snapshot: return "snapshot";
    case call_kind::open_orders: return "open_orders";
    case call_kind::recent_orders: return "recent_orders";
    case call_kind::positions: return "positions";
    case call_kind::funding: return "funding";
    case call_kind::instruments: return "instruments";
    case call_kind::server_time: return "server_time";
    case call_kind::prepare: return "prepare";
    case call_kind::settle: return "settle";
  }
  return "?";
}

http::response to_response(const http_reply& r) {
  http::response out;
  out.status = r.status;
  out.body = r.body;
  return out;
}

bool is_error_reply(const http_reply& r, const venue_protocol& p) {
  if (r.error != 0)
    return true;
  return p.check_reply(to_response(r)).has_value();
}

order_ack to_ack(call_kind kind, const http_reply& r,
                 const venue_protocol& p) {
  order_ack ack;
  ack.http_status = r.status;
  ack.ts_sent_ns = r.ts_sent_ns;
  ack.ts_reply_ns = r.ts_reply_ns;
  auto err = static_cast<net::error_kind>(r.error);
  if (err != net::error_kind::none) {
    bool written = err == net::error_kind::maybe_sent;
    ack.kind = written && !is_idempotent(kind) ? ack_kind::maybe_sent
                                               : ack_kind::not_sent;
    ack.error_code = net::to_string(err);
    ack.error_message = r.error_message;
    return ack;
  }
  if (auto ve = p.check_reply(to_response(r))) {
    ack.error_code = ve->from_venue ? ve->name
                                    : "http_" + std::to_string(r.status);
    ack.error_message = ve->message;
    if (ve->from_venue && ve->code == venue_errc::unknown_order
        && kind != call_kind::place)
      ack.kind = ack_kind::not_found;
    else if (refuses_order(*ve))
      ack.kind = ack_kind::rejected;
    else // a gateway's page, a 5xx, a non-refusing venue error: open
      ack.kind = is_idempotent(kind) ? ack_kind::not_sent
                                     : ack_kind::maybe_sent;
    return ack;
  }
  auto snap = p.parse_order(r.body);
  if (!snap && snap.error().code == venue_errc::unknown_order
      && kind == call_kind::lookup) {
    // A successful reply that lists no such order (Bybit's realtime
    // query): the venue does not know it.
    ack.kind = ack_kind::not_found;
    ack.error_code = snap.error().name;
    ack.error_message = snap.error().message;
    return ack;
  }
  if (!snap) {
    // The venue answered 2xx but we cannot read it: for an order or a
    // cancel the outcome is unknown; a lookup simply failed.
    ack.kind = is_idempotent(kind) ? ack_kind::not_sent : ack_kind::maybe_sent;
    ack.error_code = "malformed";
    ack.error_message = snap.error().message;
    return ack;
  }
  ack.kind = ack_kind::accepted;
  ack.state = std::move(snap->o);
  ack.fills = std::move(snap->fills);
  return ack;
}

bucket_size bucket_for(int per_sec) {
  double l = std::max(1, per_sec);
  double c = std::max(1.0, std::floor(l / 4));
  double r = std::max(0.5, 0.9 * (l - c));
  return {c, r};
}

} // namespace karb::venue
