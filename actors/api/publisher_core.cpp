#include "actors/api/publisher_core.hpp"

#include <algorithm>

namespace karb::api {

namespace {

using nlohmann::json;

/// The slow topics and the inspector command each is.
std::vector<std::pair<std::string, std::vector<std::string>>>
slow_topics(int32_t trades_window) {
  return {{"status", {"status"}},
          {"strategies", {"strategies"}},
          {"orders", {"orders"}},
          {"trades", {"trades", std::to_string(trades_window)}},
          {"positions", {"positions"}},
          {"balances", {"balances"}},
          {"risk", {"risk"}},
          {"funding", {"funding"}},
          {"actors", {"actors"}},
          {"latency", {"latency"}}};
}

/// The topics an order or position event changes (pnl follows risk and
/// trades).
const std::vector<std::string> trading_topics{"orders", "trades",
                                              "positions", "balances",
                                              "risk"};

bool is_order_event(event_type t) {
  return t == event_type::order_created || t == event_type::order_filled
         || t == event_type::order_cancelled
         || t == event_type::order_rejected;
}

} // namespace

publisher_core::publisher_core(publisher_plan plan, publisher_params params)
  : plan_(std::move(plan)),
    params_(params),
    opportunities_(params.opportunity_ttl_ms, params.max_opportunities) {
  for (auto& [topic, command] : slow_topics(params_.trades_window))
    sources_.push_back({topic, command, false});
  for (const auto& b : plan_.books)
    sources_.push_back({b.topic, b.command, true});
}

int64_t publisher_core::tick_ms() const {
  return std::max<int64_t>(1, params_.snapshot_ms / 4);
}

std::vector<board_write>
publisher_core::initial(const std::string& config_json) const {
  json books = json::array();
  for (const auto& b : plan_.books)
    books.push_back(b.topic);
  json pairs = json::array();
  for (const auto& s : plan_.spreads)
    pairs.push_back(s.topic);
  return {{"books", json{{"books", books}}.dump()},
          {"spreads", json{{"pairs", pairs}}.dump()},
          {"config", config_json},
          {"opportunities", opportunities_.to_json().dump()}};
}

std::vector<inspector_request> publisher_core::due(int64_t steady_ms) {
  std::vector<inspector_request> out;
  for (auto& s : sources_) {
    if (in_flight_.count(s.topic))
      continue;
    auto period = s.fast ? tick_ms() : params_.snapshot_ms;
    bool timed = s.last_sent_ms < 0 || steady_ms - s.last_sent_ms >= period;
    if (!timed && !marked_.count(s.topic))
      continue;
    marked_.erase(s.topic);
    s.last_sent_ms = steady_ms;
    in_flight_.insert(s.topic);
    out.push_back({s.topic, s.command});
  }
  return out;
}

std::vector<board_write> publisher_core::answered(const std::string& topic,
                                                  const std::string& text,
                                                  int64_t wall_ms) {
  in_flight_.erase(topic);
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded())
    j = json{{"error", "unreadable answer"}};
  std::vector<board_write> out;
  if (topic == "orders") {
    j["recent"] = json(recent_orders_);
  }
  out.push_back({topic, j.dump()});
  if (topic == "status") {
    json venues = j.contains("venues") ? j["venues"] : json::array();
    out.push_back({"venues", json{{"venues", venues}}.dump()});
  }
  if (topic == "risk" || topic == "trades" || topic == "funding") {
    latest_[topic] = j;
    auto pnl = derive_pnl();
    out.insert(out.end(), pnl.begin(), pnl.end());
  }
  if (topic.rfind("book:", 0) == 0) {
    latest_[topic] = j;
    for (const auto& s : plan_.spreads) {
      if (s.book_a != topic && s.book_b != topic)
        continue;
      auto a = latest_.find(s.book_a);
      auto b = latest_.find(s.book_b);
      if (a == latest_.end() || b == latest_.end())
        continue;
      if (auto x = spread_json(s, a->second, b->second, wall_ms))
        out.push_back({s.topic, x->dump()});
    }
  }
  return out;
}

void publisher_core::failed(const std::string& topic) {
  in_flight_.erase(topic);
}

std::vector<board_write> publisher_core::on_event(const event& e,
                                                  int64_t steady_ms,
                                                  int64_t wall_ms) {
  auto item = event_item(e);
  std::vector<board_write> out{
    {is_market_data(e.type) ? "market" : "events", item.dump(), true}};
  if (is_alert(e.type))
    out.push_back({"alerts", item.dump(), true});
  if (changes_trading(e.type))
    marked_.insert(trading_topics.begin(), trading_topics.end());
  if (is_order_event(e.type)) {
    recent_orders_.push_front(item);
    if (recent_orders_.size() > params_.recent_orders)
      recent_orders_.pop_back();
  }
  if (opportunities_.apply(e, steady_ms, wall_ms))
    out.push_back({"opportunities", opportunities_.to_json().dump()});
  return out;
}

std::vector<board_write> publisher_core::expire(int64_t steady_ms) {
  if (!opportunities_.expire(steady_ms))
    return {};
  return {{"opportunities", opportunities_.to_json().dump()}};
}

std::vector<board_write> publisher_core::derive_pnl() const {
  auto at = [&](const char* topic) {
    auto i = latest_.find(topic);
    return i == latest_.end() ? json::object() : i->second;
  };
  return {{"pnl", pnl_json(at("risk"), at("trades"), at("funding")).dump()}};
}

} // namespace karb::api
