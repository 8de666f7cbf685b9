#include "tools/karb-sim/by_ws.hpp"

#include <nlohmann/json.hpp>

#include "exchanges/common/crypto.hpp"
#include "tools/karb-sim/binance_rules.hpp"

namespace karb::sim {

using ojson = nlohmann::ordered_json;

std::optional<by_ws_state::channel> by_ws_channel(std::string_view target) {
  auto path = target.substr(0, target.find('?'));
  if (path == "/v5/public/spot")
    return by_ws_state::channel::spot;
  if (path == "/v5/public/linear")
    return by_ws_state::channel::linear;
  if (path == "/v5/private")
    return by_ws_state::channel::priv;
  return std::nullopt;
}

std::string by_ws_sign(std::string_view secret, int64_t expires) {
  return karb::crypto::hmac_hex(karb::crypto::digest::sha256, secret,
                                "GET/realtime" + std::to_string(expires));
}

namespace {

bool valid_public(const std::string& topic) {
  auto dot = topic.rfind('.');
  if (dot == std::string::npos || binance_market_index(topic.substr(dot + 1)) < 0)
    return false;
  auto head = topic.substr(0, dot);
  return head == "orderbook.1" || head == "orderbook.50"
         || head == "orderbook.200" || head == "tickers"
         || head == "publicTrade";
}

bool valid_private(const std::string& topic) {
  static const std::set<std::string> ok = {
    "order", "order.spot", "order.linear", "execution", "execution.spot",
    "execution.linear", "position", "position.linear", "wallet"};
  return ok.count(topic) > 0;
}

ojson reply(const by_ws_state& s, const nlohmann::json& req, bool success,
            const std::string& msg, const std::string& op) {
  ojson r;
  r["success"] = success;
  r["ret_msg"] = msg;
  r["conn_id"] = s.conn_id;
  if (req.contains("req_id"))
    r["req_id"] = req["req_id"];
  r["op"] = op;
  return r;
}

} // namespace

std::vector<std::string> by_ws_handle(by_ws_state& s, std::string_view text,
                                      const by_ws_env& env) {
  bool priv = s.ch == by_ws_state::channel::priv;
  auto req = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!req.is_object() || !req.contains("op") || !req["op"].is_string()) {
    out.push_back(reply(s, nlohmann::json::object(), false,
                        "error:invalid op", "").dump());
    return out;
  }
  auto op = req["op"].get<std::string>();
  if (op == "ping") {
    if (!priv) {
      auto r = reply(s, req, true, "pong", "ping");
      out.push_back(r.dump());
    } else {
      ojson r;
      if (req.contains("req_id"))
        r["req_id"] = req["req_id"];
      r["op"] = "pong";
      r["args"] = ojson::array({std::to_string(env.now)});
      r["conn_id"] = s.conn_id;
      out.push_back(r.dump());
    }
    return out;
  }
  if (op == "auth") {
    if (!priv) {
      out.push_back(reply(s, req, false, "error:auth is for the private "
                                         "channel", "auth").dump());
      return out;
    }
    auto args = req.value("args", nlohmann::json::array());
    if (!args.is_array() || args.size() != 3 || !args[0].is_string()
        || !args[1].is_number_integer() || !args[2].is_string()) {
      out.push_back(reply(s, req, false, "Params Error", "auth").dump());
      return out;
    }
    auto expires = args[1].get<int64_t>();
    if (expires <= env.now) {
      out.push_back(reply(s, req, false, "Request expired", "auth").dump());
      return out;
    }
    auto [account, error] = env.auth(args[0].get<std::string>(), expires,
                                     args[2].get<std::string>());
    if (account.empty()) {
      out.push_back(reply(s, req, false, error, "auth").dump());
      return out;
    }
    s.account = account;
    out.push_back(reply(s, req, true, "", "auth").dump());
    return out;
  }
  if (op != "subscribe" && op != "unsubscribe") {
    out.push_back(reply(s, req, false, "error:invalid op", op).dump());
    return out;
  }
  auto args = req.value("args", nlohmann::json::array());
  if (!args.is_array() || args.empty()) {
    out.push_back(reply(s, req, false, "error:args empty", op).dump());
    return out;
  }
  if (s.ch == by_ws_state::channel::spot && args.size() > 10) {
    out.push_back(reply(s, req, false, "args size >10", op).dump());
    return out;
  }
  if (priv && s.account.empty()) {
    out.push_back(reply(s, req, false, "Request not authorized", op).dump());
    return out;
  }
  std::vector<std::string> topics;
  for (auto& a : args) {
    auto t = a.is_string() ? a.get<std::string>() : a.dump();
    if (!(priv ? valid_private(t) : valid_public(t))) {
      out.push_back(reply(s, req, false, "error:handler not found,topic:" + t,
                          op).dump());
      return out;
    }
    topics.push_back(t);
  }
  if (op == "unsubscribe") {
    for (auto& t : topics)
      s.topics.erase(t);
    out.push_back(reply(s, req, true, "", op).dump());
    return out;
  }
  for (auto& t : topics)
    if (s.topics.count(t)) {
      out.push_back(reply(s, req, false, "error:already subscribed,topic:" + t,
                          op).dump());
      return out;
    }
  out.push_back(reply(s, req, true, s.ch == by_ws_state::channel::spot
                                      ? "subscribe" : "", op).dump());
  for (auto& t : topics) {
    s.topics.insert(t);
    if (priv)
      continue;
    auto c = s.ch == by_ws_state::channel::spot ? by_cat::spot : by_cat::linear;
    if (auto snap = env.snapshot(c, t); snap && !snap->empty())
      out.push_back(*snap);
  }
  return out;
}

std::vector<std::string> by_ws_feed(const by_ws_state& s, const by_feed& f) {
  std::vector<std::string> out;
  if (s.ch == by_ws_state::channel::priv)
    return out;
  auto& frames = s.ch == by_ws_state::channel::spot ? f.spot : f.linear;
  for (auto& [topic, frame] : frames)
    if (s.topics.count(topic))
      out.push_back(frame);
  return out;
}

std::vector<std::string> by_ws_private(const by_ws_state& s,
                                       const by_private& p, time_ms now,
                                       uint64_t id) {
  std::vector<std::string> out;
  if (s.ch != by_ws_state::channel::priv || s.account != p.account)
    return out;
  std::vector<std::string> names = {p.topic};
  if (!p.category.empty())
    names.push_back(p.topic + "." + p.category);
  for (auto& name : names) {
    if (!s.topics.count(name))
      continue;
    ojson f;
    f["id"] = std::to_string(id) + "-" + name;
    f["topic"] = name;
    f["creationTime"] = now;
    auto data = p.data;
    for (auto& d : data)
      if (p.topic != "wallet" && d.is_object())
        d["category"] = p.category;
    f["data"] = std::move(data);
    out.push_back(f.dump());
  }
  return out;
}

} // namespace karb::sim
