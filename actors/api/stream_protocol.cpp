#include "actors/api/stream_protocol.hpp"

#include <nlohmann/json.hpp>

namespace karb::api {

std::optional<client_op> parse_client_op(std::string_view text,
                                         std::string& error) {
  auto doc = nlohmann::json::parse(text, nullptr, false);
  auto op = doc.is_object() ? doc.value("op", "") : std::string{};
  if (op != "subscribe" && op != "unsubscribe") {
    error = R"(expected {"op": "subscribe" or "unsubscribe", "topics": [...]})";
    return std::nullopt;
  }
  client_op out{op == "subscribe", {}};
  auto topics = doc.find("topics");
  if (topics == doc.end() || !topics->is_array()) {
    error = "\"topics\" must be an array of strings";
    return std::nullopt;
  }
  for (auto& t : *topics) {
    if (!t.is_string() || t.get<std::string>().empty()) {
      error = "\"topics\" must be an array of strings";
      return std::nullopt;
    }
    out.topics.push_back(t.get<std::string>());
  }
  return out;
}

bool pattern_matches(std::string_view pattern, std::string_view topic) {
  if (!pattern.empty() && pattern.back() == '*')
    return topic.substr(0, pattern.size() - 1)
           == pattern.substr(0, pattern.size() - 1);
  return pattern == topic;
}

void topic_filter::add(const std::vector<std::string>& patterns) {
  patterns_.insert(patterns.begin(), patterns.end());
}

void topic_filter::remove(const std::vector<std::string>& patterns) {
  for (auto& p : patterns)
    patterns_.erase(p);
}

bool topic_filter::matches(std::string_view topic) const {
  for (auto& p : patterns_)
    if (pattern_matches(p, topic))
      return true;
  return false;
}

std::string frame_of(const board_entry& e) {
  return "{\"topic\":" + nlohmann::json(e.topic).dump()
         + ",\"seq\":" + std::to_string(e.seq)
         + ",\"ts_ms\":" + std::to_string(e.ts_ms) + ",\"data\":" + *e.json
         + "}";
}

} // namespace karb::api
