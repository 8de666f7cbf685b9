#include "actors/venue/rest_proxy.hpp"

#include <caf/all.hpp>

namespace karb::venue {

namespace {

using pointer = venue_rest_actor::stateful_pointer<rest_proxy_state>;

// Forwards `xs...` to the current REST child, fetching it first if needed;
// the child's reply (or error) goes straight to the original requester.
template <class R, class... Ts>
caf::result<R> forward(pointer self, Ts... xs) {
  if (self->state.rest)
    return self->delegate(self->state.rest, xs...);
  auto rp = self->template make_response_promise<R>();
  self->request(self->state.venue, std::chrono::seconds{10}, atom::rest_v)
    .then(
      [=](const venue_rest_actor& rest) mutable {
        if (!self->state.rest) {
          self->state.rest = rest;
          self->monitor(rest);
        }
        rp.delegate(rest, xs...);
      },
      [=](caf::error& e) mutable { rp.deliver(std::move(e)); });
  return rp;
}

} // namespace

venue_rest_actor::behavior_type rest_proxy(pointer self, venue_actor venue) {
  self->state.venue = std::move(venue);
  self->set_down_handler([=](const caf::down_msg& dm) {
    if (dm.source == self->state.rest.address())
      self->state.rest = nullptr;
  });
  return {
    [=](atom::place, const order_request& r) {
      return forward<order_ack>(self, atom::place_v, r);
    },
    [=](atom::cancel, const std::string& id, const instrument& x) {
      return forward<order_ack>(self, atom::cancel_v, id, x);
    },
    [=](atom::lookup, const std::string& id, const instrument& x) {
      return forward<order_ack>(self, atom::lookup_v, id, x);
    },
    [=](atom::balances) {
      return forward<std::vector<balance>>(self, atom::balances_v);
    },
    [=](atom::snapshot, const instrument& x) {
      return forward<order_book>(self, atom::snapshot_v, x);
    },
    [=](atom::open_orders, const instrument& x) {
      return forward<std::vector<order>>(self, atom::open_orders_v, x);
    },
    [=](atom::recent, const instrument& x) {
      return forward<std::vector<order>>(self, atom::recent_v, x);
    },
  };
}

} // namespace karb::venue
