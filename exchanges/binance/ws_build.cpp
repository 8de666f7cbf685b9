#include "exchanges/binance/ws_build.hpp"

#include <nlohmann/json.hpp>

#include "exchanges/binance/sign.hpp"
#include "exchanges/binance/symbols.hpp"

namespace karb::binance {

namespace {

constexpr int depth_subscription_id = 1;
constexpr int mark_subscription_id = 2;

} // namespace

std::string depth_stream(std::string_view code) {
  return stream_symbol(code) + "@depth@100ms";
}

std::string mark_price_stream(std::string_view code) {
  return stream_symbol(code) + "@markPrice@1s";
}

std::string subscribe_message(const std::vector<std::string>& streams,
                              int id) {
  nlohmann::ordered_json msg;
  msg["method"] = "SUBSCRIBE";
  msg["params"] = streams;
  msg["id"] = id;
  return msg.dump();
}

std::vector<std::string>
book_subscription(const std::vector<std::string>& codes) {
  std::vector<std::string> depth;
  depth.reserve(codes.size());
  for (auto& code : codes)
    depth.push_back(depth_stream(code));
  return {subscribe_message(depth, depth_subscription_id)};
}

std::vector<std::string>
mark_subscription(const std::vector<std::string>& codes) {
  std::vector<std::string> marks;
  marks.reserve(codes.size());
  for (auto& code : codes)
    marks.push_back(mark_price_stream(code));
  return {subscribe_message(marks, mark_subscription_id)};
}

std::string user_stream_subscription(const credentials& c,
                                     const signing_context& ctx) {
  // Sorted by name, as the WebSocket API signs them.
  params ps{{"apiKey", c.access_key},
            {"recvWindow", std::to_string(default_recv_window_ms)},
            {"timestamp", std::to_string(ctx.timestamp_ms)}};
  nlohmann::ordered_json msg;
  msg["id"] = ctx.nonce.empty() ? std::string{"karb-user-stream"} : ctx.nonce;
  msg["method"] = "userDataStream.subscribe.signature";
  msg["params"]["apiKey"] = c.access_key;
  msg["params"]["recvWindow"] = default_recv_window_ms;
  msg["params"]["timestamp"] = ctx.timestamp_ms;
  msg["params"]["signature"] = sign(c.secret_key.reveal(), join_query(ps));
  return msg.dump();
}

} // namespace karb::binance
