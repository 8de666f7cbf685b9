#include "tools/karb-sim/bn_ws_api.hpp"

#include <map>

#include <nlohmann/json.hpp>

#include "tools/karb-sim/bn_auth.hpp"

namespace karb::sim {

namespace {

using json = nlohmann::ordered_json;

std::string error_reply(const json& id, int status, int code,
                        const std::string& msg) {
  return json{{"id", id},
              {"status", status},
              {"error", {{"code", code}, {"msg", msg}}}}
    .dump();
}

std::string ok_reply(const json& id, json result) {
  return json{{"id", id},
              {"status", 200},
              {"result", std::move(result)},
              {"rateLimits",
               json::array({{{"rateLimitType", "REQUEST_WEIGHT"},
                             {"interval", "MINUTE"},
                             {"intervalNum", 1},
                             {"limit", 6000},
                             {"count", 2}}})}}
    .dump();
}

std::string text_of(const json& v) {
  return v.is_string() ? v.get<std::string>() : v.dump();
}

} // namespace

ws_api_result handle_ws_api(bn_engine& eng, std::string_view text,
                            time_ms now) {
  ws_api_result out;
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("method")
      || !j["method"].is_string()) {
    out.reply = error_reply(nullptr, 400, -1135, "Invalid JSON Request");
    return out;
  }
  json id = j.value("id", json{});
  auto method = j["method"].get<std::string>();
  if (method == "ping") {
    out.reply = ok_reply(id, json::object());
  } else if (method == "time") {
    out.reply = ok_reply(id, {{"serverTime", now}});
  } else if (method == "session.logon") {
    out.reply = error_reply(id, 400, -1002,
                            "session.logon needs an Ed25519 API key; karb-sim "
                            "has HMAC keys only: use "
                            "userDataStream.subscribe.signature.");
  } else if (method == "userDataStream.unsubscribe") {
    out.unsubscribed = true;
    out.reply = ok_reply(id, json::object());
  } else if (method == "userDataStream.subscribe.signature") {
    auto params = j.value("params", json::object());
    std::map<std::string, std::string> sorted;
    std::string signature;
    for (auto& [k, v] : params.items())
      if (k == "signature")
        signature = text_of(v);
      else
        sorted[k] = text_of(v);
    auto field = [&](const char* k) {
      auto i = sorted.find(k);
      return i == sorted.end() ? std::string{} : i->second;
    };
    auto key = check_api_key(eng, field("apiKey"));
    if (!key.ok) {
      out.reply = error_reply(id, key.error.status, key.error.code,
                              key.error.msg);
      return out;
    }
    if (auto e = check_timestamp(field("timestamp"), field("recvWindow"),
                                 now)) {
      out.reply = error_reply(id, e->status, e->code, e->msg);
      return out;
    }
    std::string payload;
    for (auto& [k, v] : sorted)
      payload += (payload.empty() ? "" : "&") + k + "=" + v;
    std::string lowered = signature;
    for (auto& c : lowered)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lowered != bn_sign(key.acct->secret, payload)) {
      out.reply = error_reply(id, 400, -1022,
                              "Signature for this request is not valid.");
      return out;
    }
    out.subscribed = key.acct->api_key;
    out.reply = ok_reply(id, {{"subscriptionId", 0}});
  } else {
    out.reply = error_reply(id, 400, -1020, "This operation is not supported.");
  }
  return out;
}

std::string ws_api_event(const std::string& event) {
  return R"({"subscriptionId":0,"event":)" + event + "}";
}

} // namespace karb::sim
