#include "exchanges/bybit/ws_build.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "exchanges/bybit/sign.hpp"
#include "exchanges/bybit/symbols.hpp"

namespace karb::bybit {

namespace {

std::vector<std::string> topics_of(const std::vector<std::string>& codes,
                                   std::string (*topic)(std::string_view)) {
  std::vector<std::string> out;
  out.reserve(codes.size());
  for (auto& code : codes)
    out.push_back(topic(code));
  return out;
}

} // namespace

std::string book_topic(std::string_view code) {
  return "orderbook.50." + std::string{code};
}

std::string ticker_topic(std::string_view code) {
  return "tickers." + std::string{code};
}

std::vector<std::string> op_messages(std::string_view op,
                                     const std::vector<std::string>& topics) {
  std::vector<std::string> out;
  for (size_t i = 0; i < topics.size(); i += max_args_per_message) {
    auto end = std::min(topics.size(), i + max_args_per_message);
    nlohmann::ordered_json msg;
    msg["op"] = op;
    msg["args"] = std::vector<std::string>(topics.begin() + i,
                                           topics.begin() + end);
    out.push_back(msg.dump());
  }
  return out;
}

std::vector<std::string>
book_subscription(const std::vector<std::string>& codes) {
  return op_messages("subscribe", topics_of(codes, book_topic));
}

std::vector<std::string>
book_unsubscription(const std::vector<std::string>& codes) {
  return op_messages("unsubscribe", topics_of(codes, book_topic));
}

std::vector<std::string>
mark_subscription(const std::vector<std::string>& codes) {
  return op_messages("subscribe", topics_of(codes, ticker_topic));
}

std::string auth_message(const credentials& c, const signing_context& ctx) {
  auto expires = ctx.timestamp_ms + ws_auth_validity_ms;
  nlohmann::ordered_json msg;
  msg["op"] = "auth";
  msg["args"] = nlohmann::ordered_json::array(
    {c.access_key, expires, sign_ws_auth(c.secret_key.reveal(), expires)});
  return msg.dump();
}

std::vector<std::string> private_topics_subscription(exchange venue) {
  std::string category{category_of(venue)};
  std::vector<std::string> topics{"order." + category,
                                  "execution." + category, "wallet"};
  if (venue == exchange::bybit_linear)
    topics.push_back("position.linear");
  return op_messages("subscribe", topics);
}

} // namespace karb::bybit
