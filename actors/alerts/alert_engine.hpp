#pragma once

// The alert rules of seed 000 §4.3 over the node's events (pure: events and
// time in, alerts out). Rules: a venue disconnected for longer than a
// threshold, consecutive order failures, a balance under its minimum, a risk
// halt, a trade left exposed. An alert fires once, is re-sent every
// `renotify_s` while it lasts, and is sent once more as "resolved".
//
// Event data conventions read here (JSON in event::data):
//   exchange_disconnected / exchange_connected   {"venue": "upbit", ...}
//   order_rejected (a failure), order_filled (a success)
//   emergency_stop {"reason": ...}; risk_alert {"reason": "resumed"} clears it
//   risk_alert {"reason": "trade_exposed"} / {"reason": "trade_flat"}, with
//     the trade id as the event's correlation id
//   risk_alert {"reason": "order_reconciled", "client_order_id", "venue",
//     "was", "status", "filled"}: a one-shot critical notice
//   position_updated {"venue": ..., "currency": ..., "free": "decimal"}
//   risk_alert {"reason": "venue_banned", "venue", "ban_ms"} fires
//     venue_banned:<venue>, {"reason": "venue_unbanned"} resolves it
//   risk_alert {"reason": "rate_limited", "venue", "group", "pause_ms",
//     "slow_ms"} fires the warning rate_limited:<venue>,
//     {"reason": "rate_limit_cleared"} resolves it

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "config/settings.hpp"
#include "messages/events.hpp"

namespace karb::alerts {

using clock_time = std::chrono::steady_clock::time_point;

struct alert {
  std::string key;       ///< dedup key, e.g. "venue_disconnected:upbit"
  std::string rule;      ///< venue_disconnected, order_failures, low_balance,
                         ///< risk_halt, trade_exposed, venue_banned,
                         ///< rate_limited
  std::string severity;  ///< "warning" or "critical"
  std::string state;     ///< "firing", "resolved", or "notice" (one-shot:
                         ///< an incident to read, nothing to resolve)
  std::string message;
  int64_t repeats = 0;   ///< how many times it was re-notified
};

class alert_engine {
public:
  explicit alert_engine(config::alert_settings s) : s_(std::move(s)) {
    // nop
  }

  /// Feeds one event; returns what to send now.
  std::vector<alert> on_event(const event& e, clock_time now);
  /// Lets time pass: disconnect durations and re-notification.
  std::vector<alert> on_tick(clock_time now);

  size_t firing() const { return firing_.size(); }

private:
  void fire(std::vector<alert>& out, clock_time now, std::string key,
            std::string rule, std::string severity, std::string message);
  void resolve(std::vector<alert>& out, const std::string& key,
               std::string message);
  void notify(std::vector<alert>& out, std::string key, std::string rule,
              std::string severity, std::string message);
  /// venue_banned / rate_limited from the REST actor's risk_alert events.
  void on_venue_limit(std::vector<alert>& out, clock_time now,
                      const std::string& reason, const nlohmann::json& data);

  struct active {
    alert a;
    clock_time last_sent;
  };

  config::alert_settings s_;
  std::map<std::string, active> firing_;
  std::map<std::string, clock_time> disconnected_since_;
  int64_t consecutive_failures_ = 0;
};

} // namespace karb::alerts
