#include "actors/alerts/alert_engine.hpp"

#include <nlohmann/json.hpp>

namespace karb::alerts {

namespace {

std::string field(const nlohmann::json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_string())
    return j[key].get<std::string>();
  return {};
}

} // namespace

void alert_engine::fire(std::vector<alert>& out, clock_time now,
                        std::string key, std::string rule,
                        std::string severity, std::string message) {
  if (firing_.count(key))
    return; // already firing: re-notification is on_tick's job
  alert a{key, std::move(rule), std::move(severity), "firing",
          std::move(message), 0};
  firing_.emplace(key, active{a, now});
  out.push_back(std::move(a));
}

void alert_engine::notify(std::vector<alert>& out, std::string key,
                          std::string rule, std::string severity,
                          std::string message) {
  out.push_back(alert{std::move(key), std::move(rule), std::move(severity),
                      "notice", std::move(message), 0});
}

void alert_engine::resolve(std::vector<alert>& out, const std::string& key,
                           std::string message) {
  auto i = firing_.find(key);
  if (i == firing_.end())
    return;
  auto a = i->second.a;
  a.state = "resolved";
  a.message = std::move(message);
  firing_.erase(i);
  out.push_back(std::move(a));
}

std::vector<alert> alert_engine::on_event(const event& e, clock_time now) {
  std::vector<alert> out;
  auto data = nlohmann::json::parse(e.data, nullptr, false);
  switch (e.type) {
    case event_type::exchange_disconnected: {
      auto venue = field(data, "venue");
      if (!venue.empty())
        disconnected_since_.try_emplace(venue, now);
      break;
    }
    case event_type::exchange_connected: {
      auto venue = field(data, "venue");
      disconnected_since_.erase(venue);
      resolve(out, "venue_disconnected:" + venue, venue + " reconnected");
      break;
    }
    case event_type::order_rejected:
      ++consecutive_failures_;
      if (s_.consecutive_order_failures > 0
          && consecutive_failures_ >= s_.consecutive_order_failures)
        fire(out, now, "order_failures", "order_failures", "critical",
             std::to_string(consecutive_failures_)
               + " consecutive order failures");
      break;
    case event_type::order_filled:
      consecutive_failures_ = 0;
      resolve(out, "order_failures", "an order filled again");
      break;
    case event_type::emergency_stop:
      if (s_.risk_halt)
        fire(out, now, "risk_halt", "risk_halt", "critical",
             "trading halted: " + field(data, "reason"));
      break;
    case event_type::risk_alert: {
      auto reason = field(data, "reason");
      if (reason == "resumed")
        resolve(out, "risk_halt", "trading resumed");
      else if (reason == "trade_exposed" && s_.trade_exposed)
        fire(out, now, "trade_exposed:" + e.correlation_id, "trade_exposed",
             "critical", "trade " + e.correlation_id + " is left exposed");
      else if (reason == "order_reconciled")
        notify(out, "order_reconciled:" + field(data, "client_order_id"),
               "order_reconciled", "critical",
               "order " + field(data, "client_order_id") + " on "
                 + field(data, "venue") + " was " + field(data, "was")
                 + " here, the venue has it " + field(data, "status")
                 + " (filled " + field(data, "filled") + "); adopted");
      else if (reason == "trade_flat")
        resolve(out, "trade_exposed:" + e.correlation_id,
                "trade " + e.correlation_id + " is flat again");
      else
        on_venue_limit(out, now, reason, data);
      break;
    }
    case event_type::position_updated: {
      auto venue = field(data, "venue");
      auto currency = field(data, "currency");
      auto limit = s_.min_balance.find(currency);
      auto free = decimal::parse(field(data, "free"));
      if (limit == s_.min_balance.end() || !free)
        break;
      auto key = "low_balance:" + venue + ":" + currency;
      if (*free < limit->second)
        fire(out, now, key, "low_balance", "warning",
             currency + " on " + venue + " is " + free->to_string()
               + ", under " + limit->second.to_string());
      else
        resolve(out, key, currency + " on " + venue + " is back above "
                            + limit->second.to_string());
      break;
    }
    default:
      break;
  }
  return out;
}

void alert_engine::on_venue_limit(std::vector<alert>& out, clock_time now,
                                  const std::string& reason,
                                  const nlohmann::json& data) {
  auto venue = field(data, "venue");
  if (venue.empty())
    return;
  auto ms = [&](const char* key) -> std::string {
    if (data.contains(key) && data[key].is_number_integer())
      return std::to_string(data[key].get<int64_t>());
    return "?";
  };
  if (reason == "venue_banned")
    fire(out, now, "venue_banned:" + venue, "venue_banned", "critical",
         venue + " banned the node (HTTP 418): no requests for "
           + ms("ban_ms") + " ms");
  else if (reason == "venue_unbanned")
    resolve(out, "venue_banned:" + venue, venue + " ban is over");
  else if (reason == "rate_limited")
    fire(out, now, "rate_limited:" + venue, "rate_limited", "warning",
         venue + " answered 429 (group " + field(data, "group")
           + "): paused " + ms("pause_ms") + " ms, slower for "
           + ms("slow_ms") + " ms");
  else if (reason == "rate_limit_cleared")
    resolve(out, "rate_limited:" + venue,
            venue + " request rate is back to normal");
}

std::vector<alert> alert_engine::on_tick(clock_time now) {
  std::vector<alert> out;
  if (s_.venue_disconnected_s > 0)
    for (auto& [venue, since] : disconnected_since_)
      if (now - since >= std::chrono::seconds{s_.venue_disconnected_s})
        fire(out, now, "venue_disconnected:" + venue, "venue_disconnected",
             "critical",
             venue + " disconnected for over "
               + std::to_string(s_.venue_disconnected_s) + " s");
  for (auto& [key, act] : firing_)
    if (now - act.last_sent >= std::chrono::seconds{s_.renotify_s}) {
      act.last_sent = now;
      ++act.a.repeats;
      out.push_back(act.a);
    }
  return out;
}

} // namespace karb::alerts
