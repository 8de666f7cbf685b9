#include "exchanges/okx/ws_build.hpp"

#include <nlohmann/json.hpp>

#include "exchanges/okx/symbols.hpp"

namespace karb::okx {

namespace {

using message = nlohmann::ordered_json;

message channel_arg(std::string_view channel, std::string_view inst_id) {
  message arg;
  arg["channel"] = channel;
  arg["instId"] = inst_id;
  return arg;
}

std::string op_message(std::string_view op,
                       const std::vector<std::string>& codes,
                       std::initializer_list<std::string_view> channels) {
  message msg;
  msg["op"] = op;
  auto& args = msg["args"] = message::array();
  for (auto& code : codes)
    for (auto channel : channels)
      args.push_back(channel_arg(channel, code));
  return msg.dump();
}

} // namespace

std::vector<std::string>
book_subscription(const std::vector<std::string>& codes) {
  return {op_message("subscribe", codes, {"books"})};
}

std::vector<std::string>
book_unsubscription(const std::vector<std::string>& codes) {
  return {op_message("unsubscribe", codes, {"books"})};
}

std::vector<std::string>
mark_subscription(const std::vector<std::string>& codes) {
  return {op_message("subscribe", codes, {"mark-price", "funding-rate"})};
}

std::vector<std::string> private_channels(exchange venue) {
  message msg;
  msg["op"] = "subscribe";
  auto& args = msg["args"] = message::array();
  message orders;
  orders["channel"] = "orders";
  orders["instType"] = inst_type(venue);
  args.push_back(orders);
  args.push_back(message{{"channel", "account"}});
  if (venue == exchange::okx_swap) {
    message positions;
    positions["channel"] = "positions";
    positions["instType"] = "SWAP";
    args.push_back(positions);
  }
  return {msg.dump()};
}

} // namespace karb::okx
