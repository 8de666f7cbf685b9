#include "tools/karb-sim/ws_feed.hpp"

#include <nlohmann/json.hpp>

#include "tools/karb-sim/order_json.hpp"

namespace karb::sim {

int ws_topic::depth_for(std::string_view code) const {
  for (auto& [c, d] : codes)
    if (c == code)
      return d;
  return 0;
}

bool ws_topic::wants(std::string_view code) const {
  return codes.empty() || depth_for(code) > 0;
}

const ws_topic* ws_subscription::find(std::string_view type) const {
  for (auto& t : topics)
    if (t.type == type)
      return &t;
  return nullptr;
}

std::string ws_error(std::string_view name, std::string_view message) {
  return error_body(std::string{name}, std::string{message});
}

namespace {

bool flag(const nlohmann::json& o, const char* snake, const char* camel) {
  for (auto* k : {snake, camel})
    if (o.contains(k) && o[k].is_boolean() && o[k].get<bool>())
      return true;
  return false;
}

/// "KRW-BTC.15" -> ("KRW-BTC", 15); unsupported N -> 30 (Upbit since 2025-07).
std::pair<std::string, int> split_depth(const std::string& code) {
  auto dot = code.find('.');
  if (dot == std::string::npos)
    return {code, max_depth};
  int n = std::atoi(code.c_str() + dot + 1);
  if (n != 1 && n != 5 && n != 15 && n != 30)
    n = max_depth;
  return {code.substr(0, dot), n};
}

ws_parse_result fail(std::string_view name, std::string_view message) {
  return {std::nullopt, ws_error(name, message)};
}

} // namespace

ws_parse_result parse_subscription(std::string_view text, bool private_channel) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array())
    return fail("WRONG_FORMAT", "요청 형식이 올바르지 않습니다.");
  ws_subscription sub;
  bool ticket = false;
  for (auto& item : j) {
    if (!item.is_object())
      return fail("WRONG_FORMAT", "요청 형식이 올바르지 않습니다.");
    if (item.contains("ticket")) {
      ticket = item["ticket"].is_string() && !item["ticket"].get<std::string>().empty();
      if (ticket)
        sub.ticket = item["ticket"].get<std::string>();
    } else if (item.contains("format")) {
      auto f = item["format"].is_string() ? item["format"].get<std::string>() : "";
      if (f == "DEFAULT")
        sub.format = ws_format::default_format;
      else if (f == "SIMPLE")
        sub.format = ws_format::simple;
      else
        return fail("INVALID_PARAM", "format is not supported.");
    } else if (item.contains("type")) {
      ws_topic t;
      t.type = item["type"].is_string() ? item["type"].get<std::string>() : "";
      bool priv_type = t.type == "myOrder" || t.type == "myAsset";
      bool pub_type = t.type == "orderbook" || t.type == "trade"
                      || t.type == "ticker";
      if (private_channel ? !priv_type : !pub_type)
        return fail("INVALID_PARAM", "type is not supported here.");
      if (item.contains("codes")) {
        if (!item["codes"].is_array())
          return fail("WRONG_FORMAT", "codes must be an array.");
        for (auto& c : item["codes"])
          if (c.is_string())
            t.codes.push_back(split_depth(c.get<std::string>()));
      }
      if (pub_type && t.codes.empty())
        return fail("NO_CODES", "codes is required.");
      if (item.contains("level")) {
        auto lv = decimal::parse(item["level"].dump());
        if (!lv || lv->is_negative())
          return fail("INVALID_PARAM", "level is invalid.");
        t.level = *lv;
      }
      t.only_snapshot = flag(item, "is_only_snapshot", "isOnlySnapshot");
      t.only_realtime = flag(item, "is_only_realtime", "isOnlyRealtime");
      sub.topics.push_back(std::move(t));
    }
  }
  if (!ticket)
    return fail("NO_TICKET", "ticket is required.");
  if (sub.topics.empty())
    return fail("NO_TYPE", "type is required.");
  return {std::move(sub), {}};
}

std::string orderbook_frame(const book_view& v, ws_format f, bool snapshot) {
  json_writer w;
  write_orderbook(w, v, {true, f == ws_format::simple, snapshot});
  return w.take();
}

std::string trade_frame(const trade_print& p, const book& b, ws_format f,
                        bool snapshot) {
  json_writer w;
  write_trade(w, p, b, {true, f == ws_format::simple, snapshot});
  return w.take();
}

std::string ticker_frame(const ticker_state& t, ws_format f, bool snapshot) {
  json_writer w;
  write_ticker(w, t, {true, f == ws_format::simple, snapshot});
  return w.take();
}

std::string malformed(const std::string& frame) {
  return frame.substr(0, frame.size() / 2);
}

} // namespace karb::sim
