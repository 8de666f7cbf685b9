#pragma once

// One venue WebSocket's supervision logic, pure (time is passed in): the
// connection FSM (connection_fsm.hpp), the circuit breaker (5 consecutive
// failures -> open 5 min -> half-open trial) and reconnect delays from the
// backoff policy with jitter. Every connection attempt gets a generation
// number; events carrying an older generation are ignored, so late
// callbacks of a dropped socket cannot disturb its successor.

#include <chrono>
#include <cstdint>
#include <optional>

#include "actors/venue/connection_fsm.hpp"
#include "exchanges/common/backoff.hpp"
#include "exchanges/common/circuit_breaker.hpp"

namespace karb::venue {

using clock_time = std::chrono::steady_clock::time_point;
using std::chrono::milliseconds;

struct link_params {
  backoff_policy backoff{milliseconds{500}, milliseconds{30'000}, 2.0, 0.2, 0};
  int breaker_failures = 5;
  milliseconds breaker_cool_down{std::chrono::minutes{5}};
  /// No data for this long while live: stale (0: no silence check).
  milliseconds heartbeat{std::chrono::seconds{60}};
};

/// What to do after a failure.
struct failure_plan {
  milliseconds delay{0};     ///< wait this long, then start() again
  bool was_open = false;     ///< the socket had opened (publish a disconnect)
  bool breaker_opened = false;
};

class connection_core {
public:
  explicit connection_core(link_params p = {});

  /// Begins an attempt when the breaker allows it (disconnected or
  /// reconnecting -> connecting): the new generation; nullopt while the
  /// breaker is open or in a state that cannot start.
  std::optional<uint64_t> start(clock_time now);
  /// The socket of `gen` opened (connecting -> subscribing).
  bool opened(uint64_t gen);
  /// Data arrived on `gen` at `now`; true when this synced the connection
  /// (subscribing -> live), which also closes the breaker.
  bool data(uint64_t gen, clock_time now);
  /// Marks `gen` live without data (a stream that is silent by nature).
  bool synced(uint64_t gen, clock_time now);
  /// True when `gen` has been silent for the heartbeat window at `now`
  /// (live/subscribing -> stale); the owner then drops it and calls failed().
  bool check_silence(uint64_t gen, clock_time now);
  /// When the current connection turns stale if nothing arrives.
  clock_time silence_deadline() const { return last_data_ + p_.heartbeat; }
  /// The attempt or connection `gen` failed: -> reconnecting, with the
  /// delay before the next start(); nullopt for an old generation.
  std::optional<failure_plan> failed(uint64_t gen, clock_time now,
                                     double unit_random);
  /// Closes for good (-> disconnected); later events are ignored.
  void stop();

  conn_state state() const { return state_; }
  uint64_t generation() const { return gen_; }
  /// Attempts after the first one.
  int64_t reconnects() const { return attempts_ > 0 ? attempts_ - 1 : 0; }
  circuit_breaker::state breaker(clock_time now) const {
    return breaker_.current(now);
  }
  int consecutive_failures() const { return breaker_.consecutive_failures(); }
  const link_params& params() const { return p_; }

private:
  bool apply(conn_event e);

  link_params p_;
  circuit_breaker breaker_;
  conn_state state_ = conn_state::disconnected;
  uint64_t gen_ = 0;
  int64_t attempts_ = 0;
  clock_time last_data_{};
};

} // namespace karb::venue
