#pragma once

// The REST session of one venue (venue_rest_actor): signed requests built
// by the venue protocol, a token bucket per venue group (lowered by the
// venue's Remaining-Req feedback) in front of the wire, a FIFO queue per
// group while a bucket is empty, idempotent reads retried (at most 3
// tries, backoff), orders and cancels never. A 429 pauses and slows its
// group, a 418 bans every call for a while, a place that waited past its
// deadline is dropped unsent (rest_guard.hpp). HTTP callbacks run on the
// I/O thread and only anon_send an http_reply back to this actor.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <caf/actor_clock.hpp>

#include "actors/common/clock.hpp"
#include "actors/common/hot_loop.hpp"
#include "actors/common/spec_board.hpp"
#include "exchanges/registry.hpp"
#include "actors/venue/rest_guard.hpp"
#include "actors/venue/rest_replies.hpp"
#include "actors/venue/transport.hpp"
#include "exchanges/common/backoff.hpp"
#include "exchanges/common/token_bucket.hpp"
#include "messages/interfaces.hpp"

namespace karb::venue {

struct rest_setup {
  std::string venue_name;
  std::shared_ptr<const venue_protocol> protocol;
  std::string base_url;
  credentials creds;
  std::shared_ptr<http_transport> http;
  std::function<double()> random;     ///< [0, 1) for retry jitter
  karb::wall_clock wall_clock;        ///< for nonces / JWT timestamps
  /// Upper bound on every group's calls per second (0: the venue's own).
  int max_per_sec = 0;
  /// Retries of reads (max_attempts is capped at 3 by decide_retry).
  backoff_policy read_retry{std::chrono::milliseconds{100},
                            std::chrono::milliseconds{2000}, 2.0, 0.2, 3};
  /// Queue deadline of places, 429 and 418 handling.
  guard_params guard;
  event_bus_actor bus;  ///< may be null: bans and 429s become events
  /// How often the server-time offset and the instruments are reloaded.
  caf::timespan refresh_every = std::chrono::hours{24};
  /// Where the loaded trading rules are published (may be null).
  std::shared_ptr<spec_board> specs;
  /// Leverage and margin mode set on each perpetual before trading it.
  int leverage = 1;
  bool isolated = false;
};

/// One queued or in-flight call.
struct rest_call {
  call_kind kind = call_kind::place;
  std::string group;
  std::function<result<http::request>(const signing_context&)> build;
  int attempts = 0;
  int64_t taken_ns = 0;  ///< steady clock: when this actor took the call
  /// Built and signed when the call was taken; sent as is if it leaves
  /// within `fresh_for` of that, else signed again (fresh nonce and time).
  std::optional<http::request> built;
  int64_t built_ns = 0;
  int64_t dispatched_ns = 0;  ///< steady clock: left the rate limiter
  caf::typed_response_promise<order_ack> ack;
  caf::typed_response_promise<std::vector<balance>> balances;
  caf::typed_response_promise<order_book> book;
  caf::typed_response_promise<std::vector<order>> orders;
  caf::typed_response_promise<std::vector<position>> positions;
  caf::typed_response_promise<funding_rate, mark_price> funding;
  caf::typed_response_promise<std::vector<funding_payment>> payments;
  /// The actor's own calls (instruments, server time, market set-up):
  /// what to do with a successful reply's body.
  std::function<void(const std::string& body)> internal;
  double cost = 1; ///< tokens of its group's bucket (the venue's weight)
};

/// One pending self-message timer: only an earlier one is worth sending.
struct wakeup {
  std::optional<caf::actor_clock::time_point> at;
  /// Whether a timer for `t` is needed (none pending, or a later one).
  bool wants(caf::actor_clock::time_point t) const { return !at || t < *at; }
  /// A timer fired at `now`: the pending one is gone once it is due.
  void fired(caf::actor_clock::time_point now) {
    if (at && now >= *at)
      at.reset();
  }
};

struct rest_state {
  rest_setup setup;
  net::rate_limiter limiter;
  rest_guard guard;
  std::map<std::string, std::deque<uint64_t>> queues; ///< by group
  std::map<uint64_t, rest_call> calls;
  uint64_t next_id = 1;
  wakeup drain_timer;
  wakeup guard_timer;
  int64_t requests = 0;   ///< tries written to the transport
  int64_t errors = 0;     ///< replies that were errors
  int64_t throttled = 0;  ///< times a call had to wait for its bucket
  int64_t refused = 0;    ///< calls failed unsent: ban or queue deadline
  std::map<std::string, double> capacity; ///< bucket capacity per group
  /// Venue time minus local time (venues that check request timestamps).
  int64_t clock_offset_ms = 0;
  /// Trading rules by venue symbol (exchange info, refreshed daily).
  std::map<std::string, instrument_spec> specs;
  spec_board::reader spec_reader; ///< cached view of setup.specs
  /// Perpetual markets to prepare, and those done.
  std::vector<std::string> to_prepare;
  std::vector<std::string> prepared;
  static inline const char* name = "venue_rest";
};

using rest_pointer = hot_pointer<venue_rest_impl_actor, rest_state>;

// -- shared by rest.cpp and rest_limits.cpp ------------------------------------

/// The signing context of a request now (venue time when it has one).
signing_context sign_now(const rest_state& st);

/// Fails a call that never reached the wire (every pending promise).
void fail_unsent(rest_call& c, const std::string& code,
                 const std::string& message, ack_kind kind);

venue_rest_impl_actor::behavior_type
rest_actor(hot_pointer<venue_rest_impl_actor, rest_state> self,
           rest_setup setup);

} // namespace karb::venue
