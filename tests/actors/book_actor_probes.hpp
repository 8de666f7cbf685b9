#pragma once

// Test doubles for the book actor and market data tests: a book listener
// probe that can hold its replies, a fake venue REST actor serving queued
// snapshots, a fake venue actor recording subscriptions.

#include <deque>
#include <utility>
#include <vector>

#include <caf/all.hpp>

#include "messages/interfaces.hpp"

namespace karb::book::test {

// -- listener probe ---------------------------------------------------------------

/// A book listener; `atom::ok` makes it answer every held view.
using probe_actor = book_listener_actor::extend<caf::reacts_to<atom::ok>>;

struct probe_state {
  std::vector<book_view> views;
  bool auto_reply = true;
  std::vector<caf::typed_response_promise<atom::ok>> held;
};

inline probe_actor::behavior_type
probe(probe_actor::stateful_pointer<probe_state> self, bool auto_reply) {
  self->state.auto_reply = auto_reply;
  return {
    [=](book_view& v) -> caf::result<atom::ok> {
      self->state.views.push_back(std::move(v));
      if (self->state.auto_reply)
        return atom::ok_v;
      auto rp = self->make_response_promise<atom::ok>();
      self->state.held.push_back(rp);
      return rp;
    },
    [=](atom::ok) {
      auto held = std::move(self->state.held);
      self->state.held.clear();
      for (auto& rp : held)
        rp.deliver(atom::ok_v);
    },
  };
}

inline probe_state& state_of(const probe_actor& p) {
  return caf::actor_cast<probe_actor::stateful_pointer<probe_state>>(p)->state;
}

// -- fake REST actor ----------------------------------------------------------------

struct fake_rest_state {
  std::deque<order_book> snapshots; ///< replies in order; error when empty
  int snapshot_requests = 0;
};

inline caf::error not_here() {
  return caf::make_error(caf::sec::runtime_error, "fake");
}

inline venue_rest_actor::behavior_type
fake_rest(venue_rest_actor::stateful_pointer<fake_rest_state> self) {
  return {
    [=](atom::place, const order_request&) -> caf::result<order_ack> {
      return not_here();
    },
    [=](atom::cancel, const std::string&,
        const instrument&) -> caf::result<order_ack> { return not_here(); },
    [=](atom::lookup, const std::string&,
        const instrument&) -> caf::result<order_ack> { return not_here(); },
    [=](atom::balances) -> caf::result<std::vector<balance>> {
      return not_here();
    },
    [=](atom::snapshot, const instrument&) -> caf::result<order_book> {
      auto& st = self->state;
      ++st.snapshot_requests;
      if (st.snapshots.empty())
        return caf::make_error(caf::sec::runtime_error, "no snapshot");
      auto b = std::move(st.snapshots.front());
      st.snapshots.pop_front();
      return b;
    },
    [=](atom::open_orders,
        const instrument&) -> caf::result<std::vector<order>> {
      return not_here();
    },
    [=](atom::recent, const instrument&) -> caf::result<std::vector<order>> {
      return not_here();
    },
    [=](atom::positions) -> caf::result<std::vector<position>> {
      return caf::make_error(caf::sec::unexpected_message, "no positions");
    },
    [=](atom::settle, int64_t) -> caf::result<std::vector<funding_payment>> {
      return caf::make_error(caf::sec::unexpected_message, "no funding payments");
    },
    [=](atom::funding,
        const instrument&) -> caf::result<funding_rate, mark_price> {
      return caf::make_error(caf::sec::unexpected_message, "no funding");
    },
    [=](atom::instruments) { return std::vector<instrument_spec>{}; },
  };
}

inline fake_rest_state& state_of(const venue_rest_actor& r) {
  return caf::actor_cast<venue_rest_actor::stateful_pointer<fake_rest_state>>(
           r)
    ->state;
}

// -- fake venue actor --------------------------------------------------------------

struct fake_venue_state {
  fake_venue_state() = default; // not an aggregate: CAF would pass `self`
  venue_rest_actor rest;
  std::vector<std::pair<instrument, book_actor>> subscriptions;
  std::vector<instrument> resyncs; ///< books asked to be subscribed again
  int rest_requests = 0;
};

inline venue_actor::behavior_type
fake_venue(venue_actor::stateful_pointer<fake_venue_state> self,
           venue_rest_actor rest) {
  self->state.rest = rest;
  return {
    [=](atom::rest) {
      ++self->state.rest_requests;
      return self->state.rest;
    },
    [=](atom::subscribe, const instrument& x, const book_actor& b) {
      self->state.subscriptions.emplace_back(x, b);
    },
    [=](atom::subscribe, const order_listener_actor&) {
      // nop
    },
    [=](atom::resync, const instrument& x) {
      self->state.resyncs.push_back(x);
    },
    [=](atom::status) { return venue_status{}; },
    [=](atom::positions) -> caf::result<std::vector<position>> {
      return caf::make_error(caf::sec::unexpected_message, "no positions");
    },
    [=](atom::settle, int64_t) -> caf::result<std::vector<funding_payment>> {
      return caf::make_error(caf::sec::unexpected_message, "no funding payments");
    },
    [=](atom::funding) {
      return caf::make_result(std::vector<funding_rate>{},
                              std::vector<mark_price>{});
    },
    [=](atom::instruments) { return std::vector<instrument_spec>{}; },
  };
}

inline fake_venue_state& state_of(const venue_actor& v) {
  return caf::actor_cast<venue_actor::stateful_pointer<fake_venue_state>>(v)
    ->state;
}

} // namespace karb::book::test
