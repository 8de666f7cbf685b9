#pragma once

// The API publisher's decisions (pure, no CAF): which inspector commands
// are due at a tick, and what each answer and each event writes to the
// snapshot board. The shell asks, and carries the writes out.
//
// Timing: the slow topics every `snapshot_ms`, the books every quarter of
// it, and a topic an event changed at the next quarter tick; a topic whose
// request is unanswered is never asked again until it answers or fails, so
// the requests per second are bounded by the timer, whatever the traffic.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "actors/api/publisher_derive.hpp"
#include "actors/api/publisher_plan.hpp"
#include "messages/events.hpp"

namespace karb::api {

struct publisher_params {
  int64_t snapshot_ms = 1000;          ///< node.api.snapshot_ms
  int64_t request_timeout_ms = 5000;   ///< per inspector request
  int64_t opportunity_ttl_ms = 10'000;
  size_t max_opportunities = 20;
  size_t recent_orders = 50;           ///< order events kept for `orders`
  int32_t trades_window = 100;         ///< `trades N`: the PnL's window
};

/// One write to the snapshot board.
struct board_write {
  std::string topic;
  std::string json;
  bool stream = false;                 ///< append (else put)
};

/// One inspector command to send; its answer comes back under `topic`.
struct inspector_request {
  std::string topic;
  std::vector<std::string> command;
};

class publisher_core {
public:
  publisher_core(publisher_plan plan, publisher_params params);

  /// The quarter-tick period (the shell's timer).
  int64_t tick_ms() const;

  /// The index topics (`books`, `spreads`) and `config`, once at start.
  std::vector<board_write> initial(const std::string& config_json) const;

  /// The requests due at `steady_ms`; each is then outstanding.
  std::vector<inspector_request> due(int64_t steady_ms);

  /// The inspector answered `topic`'s request with `text` (JSON, maybe
  /// {"error": ...}); the topic and what is derived from it.
  std::vector<board_write> answered(const std::string& topic,
                                    const std::string& text,
                                    int64_t wall_ms);

  /// `topic`'s request failed (timeout, inspector down): ask again when
  /// due.
  void failed(const std::string& topic);

  /// An event from the bus: the stream items, the opportunities, and the
  /// topics it makes due at the next tick.
  std::vector<board_write> on_event(const event& e, int64_t steady_ms,
                                    int64_t wall_ms);

  /// The opportunities topic when any expired at `steady_ms`.
  std::vector<board_write> expire(int64_t steady_ms);

  /// Whether `topic`'s request is unanswered.
  bool outstanding(const std::string& topic) const {
    return in_flight_.count(topic) > 0;
  }

private:
  struct source {
    std::string topic;
    std::vector<std::string> command;
    bool fast = false;                 ///< every quarter tick
    int64_t last_sent_ms = -1;         ///< -1: never
  };

  std::vector<board_write> derive_pnl() const;

  publisher_plan plan_;
  publisher_params params_;
  std::vector<source> sources_;
  std::set<std::string> in_flight_;
  std::set<std::string> marked_;       ///< due at the next tick (events)
  std::map<std::string, nlohmann::json> latest_; ///< answers kept to derive
  std::deque<nlohmann::json> recent_orders_;     ///< newest first
  opportunity_board opportunities_;
};

} // namespace karb::api
