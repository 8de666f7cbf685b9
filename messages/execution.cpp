#include "messages/execution.hpp"

namespace karb {

std::string to_string(ack_kind x) {
  switch (x) {
    case ack_kind::accepted:
      return "accepted";
    case ack_kind::rejected:
      return "rejected";
    case ack_kind::maybe_sent:
      return "maybe_sent";
    case ack_kind::not_sent:
      return "not_sent";
    case ack_kind::not_found:
      return "not_found";
  }
  return "invalid";
}

order view_of(const order_request& r) {
  order v;
  v.client_order_id = r.client_order_id;
  v.symbol = r.symbol;
  v.order_side = r.order_side;
  v.type = r.type;
  v.amount = r.amount;
  v.has_price = true;
  v.price = r.price;
  v.remaining = r.amount;
  v.status = order_status::pending;
  return v;
}

} // namespace karb
